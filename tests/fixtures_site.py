"""Pytest plugin: loopback web sites for crawler tests
(``pytest_plugins = ["tests.fixtures_site"]``).

- ``demo_site``: session-wide server over ``seeds/demo`` (the ``newsmon demo`` site).
- ``sample_site``: a fresh server over ``tests/sample_data/site`` per test, so the request log,
  ``set_file`` overrides and routes of one test never leak into another.
- ``site_factory(root=None)``: more servers (any directory, or none for routes only).
- ``sample_expected``: ``tests/sample_data/site/expected.json`` loaded.
All servers are stopped at teardown.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from testing.sitesrv import SiteServer

REPO_ROOT = Path(__file__).resolve().parent.parent
DEMO_ROOT = REPO_ROOT / "seeds" / "demo"
SAMPLE_SITE_ROOT = REPO_ROOT / "tests" / "sample_data" / "site"


@pytest.fixture(scope="session")
def demo_site() -> Iterator[SiteServer]:
    with SiteServer(DEMO_ROOT) as site:
        yield site


@pytest.fixture
def sample_site() -> Iterator[SiteServer]:
    with SiteServer(SAMPLE_SITE_ROOT) as site:
        yield site


@pytest.fixture
def site_factory() -> Iterator[Callable[..., SiteServer]]:
    started: list[SiteServer] = []

    def make(root: Path | str | None = None) -> SiteServer:
        site = SiteServer(root).start()
        started.append(site)
        return site

    yield make
    for site in started:
        site.stop()


@pytest.fixture(scope="session")
def sample_expected() -> dict:
    return json.loads((SAMPLE_SITE_ROOT / "expected.json").read_text(encoding="utf-8"))
