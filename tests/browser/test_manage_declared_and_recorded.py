"""In Chromium, at 390 and 1280 px: the managers' list and detail show the declared value beside beta.gouv.fr's
for each checked answer, with the copy's date, readable at both widths (axe: no violation), and the list filters on
« déclaré différent de beta.gouv.fr ». SQLite only: the browser adds nothing the other backend would change."""
import pytest
from playwright.sync_api import expect

from answers import answers, scored
from app_on_database import app, rules  # noqa: F401  the app on the test database
from browser.server import serve_wsgi
from browser.test_manage_area import log_in
from wizard.store import assessments

pytestmark = pytest.mark.parametrize("migrated_url", ["sqlite"], indirect=True)
URL = "https://beta.gouv.fr/startups/impact.co2.html"


def fact(question, declared, recorded, since=None):
    return {"question": question, "declared": declared, "recorded": recorded, "since": since,
            "source": "beta.gouv.fr", "synced_at": "2026-12-07T06:00:00"}


@pytest.fixture
def server(app, db, rules, manager):
    values, result = scored(rules, answers(administration_name="Agence de la transition écologique (ADEME)",
                                           product_name="Impact CO2", phase="consolidation", beta_page_url=URL))
    checked = [fact("beta_page_published", True, True), fact("beta_page_url", URL, URL),
               fact("phase", "construction", "consolidation", "2023-06-13"),
               fact("administration_type", "administration_centrale", "operateur_etat")]
    assessments.save(db, values, {**result, "facts": checked})
    assessments.save(db, *scored(rules, answers(administration_name="Sans fiche", product_name="Déclaré seulement")))
    with serve_wsgi(app) as base_url:
        yield base_url


@pytest.mark.parametrize("width", [390, 1280])
def test_the_list_and_the_detail_show_both_values_at_each_width(page, server, width, assert_no_axe_violations,
                                                                 screenshot):
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, server)
    row = page.locator("#evaluations tbody tr").filter(has_text="Impact CO2")
    expect(row).to_contain_text("Déclaré : Construction")
    expect(row).to_contain_text("Déclaré différent de beta.gouv.fr")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_no_axe_violations(page)
    screenshot(page, f"gestion-liste-declare-beta-{width}")
    row.get_by_role("link").click()
    table = page.locator("#verifications table")
    expect(table.get_by_role("row").filter(has_text="Dans quelle phase")).to_contain_text(
        "Construction" + "En consolidation depuis le 13 juin 2023")
    expect(table.get_by_role("columnheader").nth(2)).to_have_text("beta.gouv.fr (données du 7 décembre 2026)")
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # a wide table scrolls inside itself
    assert_no_axe_violations(page)
    screenshot(page, f"gestion-detail-declare-beta-{width}")


def test_the_list_filters_on_declared_different_from_beta(page, server):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, server)
    page.get_by_role("button", name="Filtrer et trier").click()
    page.get_by_label("Déclaré et beta.gouv.fr").select_option(label="Déclaré différent de beta.gouv.fr")
    page.get_by_role("button", name="Appliquer").click()
    rows = page.locator("#evaluations tbody tr")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("Impact CO2")
