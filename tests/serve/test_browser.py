"""``newsmon serve`` in a real headless Chromium (Debian ``chromium`` + ``chromium-driver``).

The pages are checked as a reader sees them, after their JavaScript ran: the home page lists the
deals, a canned query with a parameter returns the expected deal, the chart page draws one SVG
mark per row of its query, and a deal's page links to its source article.
"""

from __future__ import annotations

import os
import shutil
import urllib.parse
from pathlib import Path

import pytest

from newsmon.serve import load_metadata
from tests.serve.conftest import chromium_paths, query, serving

REPO = Path(__file__).resolve().parents[2]
DOCS_SCREENSHOT = REPO / "docs" / "serve-charts.png"


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium driven by Selenium; skipped only when none can be had outside CI."""
    paths = chromium_paths()
    if paths is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true but chromium/chromedriver are missing (.ci/run installs them)")
        pytest.skip("no chromium + chromedriver here (apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = paths[0]
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--proxy-server=direct://", "--no-first-run"):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service(paths[1]))
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def site(demo_db):
    with serving(demo_db) as url:
        yield url


def _wait(driver, condition, timeout: float = 20):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def _texts(driver, css: str) -> list[str]:
    from selenium.webdriver.common.by import By

    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, css)]


def test_home_page_lists_deals(browser, site, demo_db):
    browser.get(site)
    targets = _texts(browser, "#latest-deals tr.deal td:nth-child(3)")
    expected = [t for (t,) in query(demo_db, "SELECT target FROM deals")]
    assert len(expected) <= 20 and sorted(targets) == sorted(expected) and targets
    dates = [d for d in _texts(browser, "#latest-deals td.announced") if d]
    assert dates and dates == sorted(dates, reverse=True)  # newest announcement first
    assert "Most active investors" in " ".join(_texts(browser, "#canned-queries li"))


def test_canned_query_with_a_parameter_returns_the_deal(browser, site, demo_db):
    deal_id, target = query(demo_db, "SELECT id, target FROM deals WHERE amount_usd IS NOT NULL "
                                     "ORDER BY amount_usd DESC LIMIT 1")[0]
    browser.get(site + "newsmon/company?" + urllib.parse.urlencode({"name": target.lower()}))
    ids = _texts(browser, "table.rows-and-columns td.col-deal_id")
    assert str(deal_id) in ids
    assert set(_texts(browser, "table.rows-and-columns td.col-target")) >= {target}


def test_charts_draw_one_mark_per_row(browser, site, demo_db, tmp_path):
    from selenium.webdriver.common.by import By

    charts = load_metadata()["plugins"]["datasette-dashboards"]["deals"]["charts"]
    browser.get(site + "-/dashboards/deals")
    for slug, chart in charts.items():
        css = f"#chart-{slug} svg .mark-rect path"
        rows = len(query(demo_db, chart["query"]))
        assert rows > 0, slug
        _wait(browser, lambda d, css=css: len(d.find_elements(By.CSS_SELECTOR, css)) > 0)
        assert len(browser.find_elements(By.CSS_SELECTOR, css)) == rows, slug
    browser.save_screenshot(str(tmp_path / "charts.png"))
    assert (tmp_path / "charts.png").stat().st_size > 10_000
    if os.environ.get("NEWSMON_UPDATE_SCREENSHOT"):
        shutil.copyfile(tmp_path / "charts.png", DOCS_SCREENSHOT)


def test_deal_page_links_to_its_source_article(browser, site, demo_db):
    from selenium.webdriver.common.by import By

    deal_id, source = query(demo_db, "SELECT id, source_url FROM deals WHERE source_url "
                                     "IS NOT NULL ORDER BY id LIMIT 1")[0]
    browser.get(f"{site}newsmon/deals/{deal_id}")
    hrefs = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "td a")]
    assert source in hrefs
    [(title,)] = query(demo_db, "SELECT title FROM articles WHERE canonical_url = ?", source)
    browser.find_element(By.CSS_SELECTOR, "a.stored-article").click()
    _wait(browser, lambda d: "articles" in d.current_url)
    assert title in _texts(browser, "td.col-title")
