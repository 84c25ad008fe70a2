"""What the DSFR's script folds (the passed reasons, the mobile menu) is folded from the first paint: the page
does not jump when the script arrives late, as it does on a slow network."""
import time

import pytest
from playwright.sync_api import expect

from browser.fixtures import settle
from browser.wizard_pages import answer_every_step
from answers import ELIGIBLE

SHIFTS = """window.eigShifts = 0;
new PerformanceObserver(list => { for (const entry of list.getEntries()) window.eigShifts += entry.value; })
  .observe({type: 'layout-shift', buffered: true});"""


def late_dsfr_script(route):
    time.sleep(1.5)  # a slow network: the page is painted long before the script runs
    route.continue_()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_result_does_not_jump_when_the_dsfr_s_script_comes_late(browser, base_url, width):
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(base_url + "/etapes/administration")
    answer_every_step(page, ELIGIBLE)
    page.add_init_script(SHIFTS)
    page.route("**/static/dsfr/dsfr.module.*.js", late_dsfr_script)
    page.goto(base_url + "/resultat")
    expect(page.locator("#verdict")).to_be_visible()
    page.wait_for_function("document.documentElement.hasAttribute('data-fr-js')", timeout=15_000)
    settle(page)
    assert page.locator(".fr-collapse").count() > 0  # the passed reasons, folded
    assert page.evaluate("window.eigShifts") < 0.01
    context.close()
