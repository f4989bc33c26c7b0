"""URL canonicalization, so the same article reached through different links is stored once.

``canonicalize_url`` is idempotent and conservative: it only applies rewrites that cannot
change which resource a server returns (RFC 3986 normalization) plus removal of known
tracking parameters. It never upgrades http to https and never drops a trailing slash.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urljoin, urlsplit

#: Query parameters that only identify a campaign or a click; ``utm_*`` is matched by prefix.
TRACKING_PARAMS: frozenset[str] = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid",
        "twclid", "ttclid", "li_fat_id", "igshid", "igsh", "mc_cid", "mc_eid",
        "_hsenc", "_hsmi", "__hstc", "__hssc", "__hsfp", "hsctatracking", "mkt_tok",
        "ref_src", "ref_url", "cmpid", "xtor", "xts", "at_medium", "at_campaign",
        "at_custom1", "at_custom2", "at_custom3", "at_custom4", "guccounter",
        "guce_referrer", "guce_referrer_sig", "_ga", "_gl", "oly_anon_id", "oly_enc_id",
        "vero_id", "vero_conv", "s_cid", "icid", "ncid", "sr_share", "smid", "ito",
        "wt_mc", "wt.mc_id", "pk_campaign", "pk_kwd", "pk_source", "pk_medium",
        "mtm_campaign", "mtm_source", "mtm_medium", "spm", "ocid", "cvid",
    }
)  # fmt: skip
TRACKING_PREFIXES = ("utm_",)
DEFAULT_PORTS = {"http": 80, "https": 443}
SITE_PREFIXES = ("www.", "m.", "amp.")

_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_PATH_SAFE = _UNRESERVED | frozenset("!$&'()*+,;=:@/")
_QUERY_SAFE = _UNRESERVED | frozenset("!$'()*+,;=:@/?")
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_HOST_LABEL = re.compile(r"^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?$")
_STRIPPED = re.compile(r"[\t\r\n]")


def canonicalize_url(url: str, base: str | None = None) -> str:
    """Canonical form of ``url`` (resolved against ``base``); ValueError if not http(s)."""
    url = _STRIPPED.sub("", url.strip())
    if base is not None:
        url = urljoin(_STRIPPED.sub("", base.strip()), url)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise ValueError(f"not an http(s) URL: {url!r}")
    netloc = _netloc(parts.netloc, scheme)
    path = _remove_dot_segments(_normalize_escapes(parts.path, _PATH_SAFE)) or "/"
    query = _canonical_query(parts.query)
    return f"{scheme}://{netloc}{path}{'?' + query if query else ''}"


def url_host(url: str) -> str:
    """Lowercase ASCII (IDNA) host of an http(s) URL, without port; ValueError if none."""
    parts = urlsplit(_STRIPPED.sub("", url.strip()))
    if parts.scheme.lower() not in DEFAULT_PORTS:
        raise ValueError(f"not an http(s) URL: {url!r}")
    host = _netloc(parts.netloc, parts.scheme.lower()).rpartition("@")[2]
    return host.rsplit(":", 1)[0] if not host.endswith("]") else host


def same_site(a: str, b: str) -> bool:
    """True if both URLs are on the same host, ignoring a leading ``www.``, ``m.`` or ``amp.``."""
    try:
        return _site(url_host(a)) == _site(url_host(b))
    except ValueError:
        return False


def is_tracking_param(name: str) -> bool:
    """True for ``utm_*`` and the names in ``TRACKING_PARAMS`` (case-insensitive)."""
    name = unquote(name.replace("+", " ")).lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def _site(host: str) -> str:
    changed = True
    while changed:
        changed = False
        for prefix in SITE_PREFIXES:
            if host.startswith(prefix) and host.count(".") > 1:
                host, changed = host[len(prefix) :], True
    return host


def _netloc(netloc: str, scheme: str) -> str:
    userinfo, _, hostport = netloc.rpartition("@")
    if hostport.startswith("["):
        host, _, port = hostport[1:].partition("]")
        host, port = f"[{host.lower()}]", port.removeprefix(":")
        if not re.fullmatch(r"[0-9a-f:.]+", host[1:-1]):
            raise ValueError(f"bad IPv6 host: {netloc!r}")
    else:
        host, _, port = hostport.partition(":")
        host = _idna_host(host)
    if port and (not port.isascii() or not port.isdigit() or int(port) > 65535):
        raise ValueError(f"bad port in {netloc!r}")
    if port and int(port) == DEFAULT_PORTS[scheme]:
        port = ""
    userinfo = _normalize_escapes(userinfo, _UNRESERVED | frozenset("!$&'()*+,;=:")) + "@"
    return f"{userinfo if userinfo != '@' else ''}{host}{':' + str(int(port)) if port else ''}"


def _idna_host(host: str) -> str:
    host = unquote(host).lower().rstrip(".")
    if not host:
        raise ValueError("URL has no host")
    labels = []
    for label in host.split("."):
        if not label.isascii():
            try:
                label = label.encode("idna").decode("ascii")
            except UnicodeError as exc:
                raise ValueError(f"bad host {host!r}: {exc}") from None
        if not _HOST_LABEL.match(label) or len(label) > 63:
            raise ValueError(f"bad host {host!r}")
        labels.append(label)
    return ".".join(labels)


def _normalize_escapes(text: str, safe: frozenset[str]) -> str:
    """Uppercase escapes, decode escaped unreserved chars, escape everything not ``safe``."""
    out = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        match = _ESCAPE.match(text, i) if char == "%" else None
        if match:
            decoded = chr(int(match.group(1), 16))
            out.append(decoded if decoded in _UNRESERVED else match.group(0).upper())
            i += 3
            continue
        if char in safe:
            out.append(char)
        else:
            out.extend(f"%{byte:02X}" for byte in char.encode("utf-8", errors="surrogatepass"))
        i += 1
    return "".join(out)


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 section 5.2.4, applied to segments (``/a/./b/../c`` -> ``/a/c``)."""
    if "." not in path:
        return path
    segments = path.split("/")
    output: list[str] = []
    for i, segment in enumerate(segments):
        last = i == len(segments) - 1
        if segment == ".":
            if last:
                output.append("")
        elif segment == "..":
            if len(output) > 1:
                output.pop()
            if last:
                output.append("")
        else:
            output.append(segment)
    result = "/".join(output)
    if path.startswith("/") and not result.startswith("/"):
        result = "/" + result
    return result


def _canonical_query(query: str) -> str:
    params = []
    for pair in query.split("&"):
        if not pair:
            continue
        name, eq, value = pair.partition("=")
        name = _normalize_escapes(name, _QUERY_SAFE - {"="})
        if is_tracking_param(name):
            continue
        params.append((name, eq + _normalize_escapes(value, _QUERY_SAFE | {"="})))
    params.sort(key=lambda param: param[0])
    return "&".join(name + value for name, value in params)
