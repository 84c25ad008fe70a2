"""The statistics page with figures, and the footer's new pages, in a real browser: axe-core (WCAG 2.1 A and AA) at
390 and 1280 px, with screenshots under SCREENSHOTS_DIR; the populated /stats through the Nu HTML checker."""
import pytest

from browser.fixtures import axe_violations, settle
from browser.server import serve_wsgi
from web.test_stats import save_the_assessments


@pytest.fixture
def stats_url(db, db_url, app_for, rules):
    save_the_assessments(db, rules)
    app = app_for(db_url)
    app.extensions.pop("stats_cache", None)
    with serve_wsgi(app) as url:
        yield url


@pytest.mark.parametrize("width", [1280, 390])
def test_the_stats_and_footer_pages_have_no_axe_violation(browser, stats_url, width, screenshot):
    context = browser.new_context(bypass_csp=True, locale="fr-FR", viewport={"width": width, "height": 900})
    page = context.new_page()
    found = []
    for path, name in (("/stats", "29-statistiques"), ("/cgu", "30-cgu"), ("/donnees-personnelles", "27-donnees-personnelles"),
                       ("/accessibilite", "25-accessibilite")):
        page.goto(stats_url + path)
        settle(page)
        found += [f"{path} : {violation}" for violation in axe_violations(page)]
        screenshot(page, f"{name}-{width}")
    page.goto(stats_url + "/stats")
    assert page.locator("#stats-mois tbody tr").count() == 4
    # Nothing wider than the screen: the chart scales down, the tables scroll within themselves.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
    assert not found, "\n".join(found)


def test_the_populated_stats_page_passes_the_nu_html_checker(stats_url, nu_errors):
    import requests
    assert nu_errors({path: requests.get(stats_url + path, timeout=30).text for path in ("/stats", "/cgu")}) == []
