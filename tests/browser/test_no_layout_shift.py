"""What the DSFR's script folds (the passed reasons, the managers' filters, the mobile menu) is folded from the first
paint, and what it opens is open: the page does not jump when the script arrives late, as on a slow network."""
import time

import pytest
from playwright.sync_api import expect

from app_on_database import app, rules  # noqa: F401  the app on the test database (the managers' area)
from browser.fixtures import settle
from browser.test_manage_area import log_in, server  # noqa: F401  (a few assessments in it)
from browser.wizard_pages import put_draft
from answers import ELIGIBLE

# The shifts from a second after the page is asked, and the script comes later still: before, a font swapped in
# moves lines too (the managers' bar wraps when Marianne Medium replaces its fallback), which the DSFR's script has
# nothing to do with.
SHIFTS = """window.eigShifts = 0;
setTimeout(() => new PerformanceObserver(list => {
  for (const entry of list.getEntries()) window.eigShifts += entry.value;
}).observe({type: 'layout-shift'}), 1000);"""


def late_dsfr_script(route):
    time.sleep(2.5)  # a slow network: the page is painted long before the script runs
    route.continue_()


def shifts_with_a_late_script(page, url: str) -> float:
    """The layout shifts of loading `url` while the DSFR's script comes 2.5 s after the page."""
    page.add_init_script(SHIFTS)
    page.route("**/static/dsfr/dsfr.module.*.js", late_dsfr_script)
    page.goto(url)
    page.wait_for_function("document.documentElement.hasAttribute('data-fr-js')", timeout=15_000)
    settle(page)
    return page.evaluate("window.eigShifts")


@pytest.mark.parametrize("width", [390, 1280])
def test_the_result_does_not_jump_when_the_dsfr_s_script_comes_late(browser, base_url, width):
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
    page = context.new_page()
    put_draft(page, base_url, ELIGIBLE)
    shifts = shifts_with_a_late_script(page, base_url + "/resultat")
    expect(page.locator("#verdict")).to_be_visible()
    assert page.locator(".fr-collapse").count() > 0  # the passed reasons, folded
    assert shifts < 0.01
    context.close()


@pytest.mark.parametrize("migrated_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("query, filters_shown", [("", False), ("?q=direction", True)])
def test_the_managers_list_does_not_jump_with_its_filters_folded_or_open(browser, server, query, filters_shown):
    context = browser.new_context(locale="fr-FR", viewport={"width": 390, "height": 900})
    page = context.new_page()
    log_in(page, server)
    shifts = shifts_with_a_late_script(page, server + "/gestion/" + query)
    filters = page.get_by_role("button", name="Appliquer")  # the filters' submit button
    expect(filters).to_be_visible() if filters_shown else expect(filters).to_be_hidden()
    assert shifts < 0.01
    context.close()
