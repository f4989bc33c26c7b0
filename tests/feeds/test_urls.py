"""canonicalize_url, same_site and url_host: examples plus Hypothesis properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feeds.urls import TRACKING_PARAMS, canonicalize_url, same_site, url_host


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("HTTP://WWW.Example.COM:80/a/./b/../c", "http://www.example.com/a/c"),
        ("https://example.com:443", "https://example.com/"),
        ("https://example.com:8443/x", "https://example.com:8443/x"),
        ("https://example.com/a#section-2", "https://example.com/a"),
        ("https://example.com/a/", "https://example.com/a/"),
        ("https://example.com/a", "https://example.com/a"),
        ("http://example.com/", "http://example.com/"),  # never upgraded to https
        ("https://example.com/%7euser/%c3%a9", "https://example.com/~user/%C3%A9"),
        ("https://example.com/é t", "https://example.com/%C3%A9%20t"),
        ("https://example.com/a%2Fb", "https://example.com/a%2Fb"),  # reserved stays escaped
        ("https://bücher.de/", "https://xn--bcher-kva.de/"),
        ("https://EXAMPLE.com./", "https://example.com/"),
        ("https://example.com/?b=2&a=1", "https://example.com/?a=1&b=2"),
        ("https://example.com/?a=2&a=1&b", "https://example.com/?a=2&a=1&b"),
        ("https://example.com/?q=&x=1", "https://example.com/?q=&x=1"),
        (
            "https://example.com/?utm_source=x&UTM_Medium=y&fbclid=1&id=7",
            "https://example.com/?id=7",
        ),
        ("https://example.com/?gclid=1&xtor=RSS-3&at_medium=feed", "https://example.com/"),
        ("https://example.com/?a=1&&b=2&", "https://example.com/?a=1&b=2"),
        ("https://example.com/a/b/..", "https://example.com/a/"),
        ("https://example.com/../../x", "https://example.com/x"),
        ("https://[2001:DB8::1]:443/", "https://[2001:db8::1]/"),
        (" https://example.com/x\n", "https://example.com/x"),
    ],
)
def test_canonicalize_examples(raw, expected):
    assert canonicalize_url(raw) == expected


def test_resolves_against_base():
    assert canonicalize_url("../x?utm_campaign=a", "https://ex.com/a/b/c") == "https://ex.com/a/x"
    assert canonicalize_url("//cdn.ex.com/y", "https://ex.com/") == "https://cdn.ex.com/y"
    assert canonicalize_url("https://other.com/", "https://ex.com/") == "https://other.com/"


@pytest.mark.parametrize(
    "bad", ["ftp://example.com/", "mailto:a@b.c", "javascript:alert(1)", "https:///path",
            "example.com/x", "", "https://exa mple.com/", "https://example.com:99999/"],
)  # fmt: skip
def test_rejects_non_http_and_hostless(bad):
    with pytest.raises(ValueError):
        canonicalize_url(bad)


def test_tracking_params_listed():
    for name in ("fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid",
                 "_hsenc", "_hsmi", "mkt_tok", "ref_src", "cmpid", "xtor", "at_medium",
                 "at_campaign", "guccounter"):  # fmt: skip
        assert name in TRACKING_PARAMS


def test_url_host_and_same_site():
    assert url_host("https://User@WWW.Example.com:8080/x") == "www.example.com"
    assert url_host("https://[::1]:8080/") == "[::1]"
    assert same_site("https://www.lemonde.fr/a", "http://lemonde.fr/b")
    assert same_site("https://m.example.com/", "https://amp.example.com/")
    assert not same_site("https://blog.example.com/", "https://example.com/")
    assert not same_site("https://example.com/", "https://example.org/")
    assert not same_site("https://example.com/", "not a url")
    assert not same_site("https://www.com/", "https://m.com/")  # only strip real subdomains
    with pytest.raises(ValueError):
        url_host("ftp://example.com/")


# -- properties ----------------------------------------------------------------------------

LABEL = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)
HOST = st.lists(LABEL, min_size=2, max_size=4).map(".".join)
SAFE = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_~"
SEGMENT = st.text(SAFE, min_size=1, max_size=8).filter(lambda s: s not in (".", ".."))
NAME = st.text(SAFE, min_size=1, max_size=6).filter(
    lambda n: not n.lower().startswith("utm_") and n.lower() not in TRACKING_PARAMS
)
VALUE = st.text(SAFE, max_size=6)
MESSY = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=20
)  # anything a page might put in a path or query, percent signs and non-ASCII included


def build(scheme, host, segments, params, fragment=""):
    query = "&".join(f"{n}={v}" for n, v in params)
    return f"{scheme}://{host}/{'/'.join(segments)}{'?' + query if query else ''}{fragment}"


URL = st.builds(
    build,
    st.sampled_from(["http", "https", "HTTPS"]),
    HOST,
    st.lists(
        st.one_of(SEGMENT, MESSY.map(lambda s: s.replace("?", "").replace("#", ""))), max_size=4
    ),
    st.lists(
        st.tuples(NAME, st.one_of(VALUE, MESSY.map(lambda s: s.replace("#", "")))), max_size=4
    ),
    st.sampled_from(["", "#frag", "#"]),
)


@given(URL)
def test_idempotent(url):
    once = canonicalize_url(url)
    assert canonicalize_url(once) == once


@given(URL, st.lists(st.tuples(st.sampled_from(sorted(TRACKING_PARAMS) + ["utm_source",
       "UTM_Campaign", "utm_whatever"]), VALUE), min_size=1, max_size=4), st.randoms())  # fmt: skip
def test_tracking_params_are_stripped(url, tracking, random):
    base, _, fragment = url.partition("#")
    base = base.strip()  # white space ending the base would sit inside the tracked URL
    sep = "&" if "?" in base else "?"
    pairs = [f"{n}={v}" for n, v in tracking]
    random.shuffle(pairs)
    tracked = f"{base}{sep}{'&'.join(pairs)}"
    canonical = canonicalize_url(tracked)
    assert canonical == canonicalize_url(base)
    query = canonical.partition("?")[2]
    names = {pair.partition("=")[0].lower() for pair in query.split("&") if pair}
    assert not any(n.startswith("utm_") or n in TRACKING_PARAMS for n in names)


@given(HOST, st.lists(SEGMENT, max_size=3), st.dictionaries(NAME, VALUE, min_size=1, max_size=4),
       st.data())  # fmt: skip
def test_different_param_value_never_equal(host, segments, params, data):
    name = data.draw(st.sampled_from(sorted(params)))
    other = data.draw(VALUE.filter(lambda v: v != params[name]))
    changed = {**params, name: other}
    a = build("https", host, segments, list(params.items()))
    b = build("https", host, segments, list(changed.items()))
    assert canonicalize_url(a) != canonicalize_url(b)


@given(HOST, st.lists(SEGMENT, min_size=1, max_size=3), st.data())
def test_different_path_never_equal(host, segments, data):
    index = data.draw(st.integers(0, len(segments) - 1))
    other = data.draw(SEGMENT.filter(lambda s: s != segments[index]))
    changed = segments[:index] + [other] + segments[index + 1 :]
    assert canonicalize_url(build("http", host, segments, [])) != canonicalize_url(
        build("http", host, changed, [])
    )


@given(HOST, st.dictionaries(NAME, VALUE, min_size=2, max_size=5), st.randoms())
def test_param_order_does_not_matter(host, params, random):
    pairs = list(params.items())
    shuffled = pairs[:]
    random.shuffle(shuffled)
    assert canonicalize_url(build("https", host, [], pairs)) == canonicalize_url(
        build("https", host, [], shuffled)
    )
