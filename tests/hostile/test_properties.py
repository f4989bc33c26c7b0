"""Properties the hostile suite relies on, beyond tests/feeds/test_urls.py: canonicalization
never merges different articles and strips only tracking parameters; page decoding and
extraction never raise on arbitrary bytes. (Money/percent round trips and ``analyze`` never
raising live in tests/enrich.)"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from urllib.parse import urlsplit

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from feeds.urls import TRACKING_PARAMS, canonicalize_url, is_tracking_param
from pages.article import EntryInfo, decode_html, extract_article
from tests.feeds.test_urls import HOST, MESSY, NAME, SEGMENT, URL, VALUE, build

#: Names that look like tracking but are content (pagination, ids, languages...).
LOOKALIKES = st.sampled_from(["utm", "utmsource", "ref", "id", "p", "page", "source", "lang",
                              "s", "q", "article", "gclid_x", "x_fbclid", "story"])
TRACKING = st.sampled_from(sorted(TRACKING_PARAMS) + ["utm_source", "UTM_Medium", "utm_"])


def query_pairs(url: str) -> Counter:
    query = urlsplit(url).query
    return Counter(tuple(p.split("=", 1)) if "=" in p else (p, "") for p in query.split("&") if p)


@given(HOST, HOST, st.lists(SEGMENT, max_size=3))
def test_different_hosts_never_merge(host_a, host_b, segments):
    if host_a == host_b:
        return
    a, b = build("https", host_a, segments, []), build("https", host_b, segments, [])
    assert canonicalize_url(a) != canonicalize_url(b)
    www = build("https", "www." + host_a, segments, [])
    assert canonicalize_url(www) != canonicalize_url(a)  # www.x and x may differ


@given(HOST, st.lists(SEGMENT, max_size=3), st.integers(1, 65535), st.integers(1, 65535))
def test_ports_and_schemes_never_merge(host, segments, port_a, port_b):
    plain = build("http", host, segments, [])
    secure = build("https", host, segments, [])
    assert canonicalize_url(plain) != canonicalize_url(secure)
    if port_a != port_b:
        a = build("http", f"{host}:{port_a}", segments, [])
        b = build("http", f"{host}:{port_b}", segments, [])
        assert canonicalize_url(a) != canonicalize_url(b)


@given(HOST, st.lists(SEGMENT, min_size=1, max_size=3))
def test_path_case_is_kept(host, segments):
    upper = [s.upper() for s in segments]
    if upper == segments:
        return
    assert canonicalize_url(build("https", host, segments, [])) != canonicalize_url(
        build("https", host, upper, []))


@given(HOST, MESSY, MESSY)
def test_messy_paths_that_differ_never_merge(host, a, b):
    a, b = (s.replace("?", "").replace("#", "").replace("%", "") for s in (a, b))
    if a.strip("/.") == b.strip("/.") or "/" in a + b or "." in a + b or "\\" in a + b:
        return
    ua, ub = f"https://{host}/x/{a}", f"https://{host}/x/{b}"
    if a.strip() != a or b.strip() != b:
        return  # surrounding whitespace is trimmed by design
    assert canonicalize_url(ua) != canonicalize_url(ub)


@given(URL, st.lists(st.tuples(st.one_of(NAME, LOOKALIKES), VALUE), max_size=4),
       st.lists(st.tuples(TRACKING, st.one_of(VALUE, st.just(""))), max_size=4), st.randoms())
def test_only_tracking_params_are_removed(url, kept, tracking, random):
    base = url.partition("#")[0]
    pairs = [f"{n}={v}" for n, v in kept + tracking]
    random.shuffle(pairs)
    sep = "&" if "?" in base else "?"
    canonical = canonicalize_url(f"{base}{sep}{'&'.join(pairs)}" if pairs else base)
    survivors = query_pairs(canonical)
    assert not [n for n, _ in survivors if is_tracking_param(n)]
    wanted = query_pairs(canonicalize_url(base))
    for name, value in kept:
        if not is_tracking_param(name):
            wanted[(name, value)] += 1
    assert survivors == wanted


@given(URL)
def test_canonical_urls_are_plain_http(url):
    canonical = canonicalize_url(url)
    parts = urlsplit(canonical)
    assert parts.scheme in ("http", "https") and parts.hostname and not parts.fragment
    assert not any(ord(c) < 33 or ord(c) == 127 for c in canonical)


HTMLISH = st.lists(st.one_of(
    st.sampled_from(["<html>", "<head>", "<meta charset='utf-8'>", "<meta charset=koi8-r>",
                     "<meta charset=x-unknown>", "<body>", "<article>", "<p>", "</p>",
                     "<script>", "</script>", "<!--", "-->", "<![CDATA[", "&amp;", "&#0;",
                     "<time datetime='1970-01-01T00:00:00Z'>", "\x00", "\xff\xfe", "<?xml ?>",
                     "<!DOCTYPE html [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>", "&x;"]),
    st.text(max_size=40),
), max_size=30).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=2000), HTMLISH.map(lambda t: t.encode("utf-8", "replace")),
                 HTMLISH.map(lambda t: t.encode("cp1252", "replace"))))
def test_decoding_and_extraction_never_raise(body):
    assert isinstance(decode_html(body), str)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    article = extract_article(body, "https://example.com/a", "https://example.com/a",
                              EntryInfo(title="t"), now)
    for key in ("title", "text", "summary", "authors"):
        assert "\x00" not in (getattr(article, key) or "")
    assert "root:" not in (article.text or "")  # /etc/passwd never read
    assert article.published_at is None or article.published_at <= now
