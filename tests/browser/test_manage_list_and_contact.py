"""In Chromium: the managers' list tells apart one administration's products and, at 390 px, shows the verdict
without scrolling, its badges and dates on one line; the save step takes an optional contact e-mail, refuses a
wrong one at the field and in the summary, and the manager finds it on the detail page.

SQLite only, like tests/browser/test_manage_area.py: the browser adds nothing the other backend would change.
"""
import pytest
from playwright.sync_api import expect

from answers import ELIGIBLE, answers, scored
from app_on_database import app, rules  # noqa: F401  the app on the test database
from browser.server import serve_wsgi
from browser.test_manage_area import log_in
from browser.wizard_pages import put_draft
from wizard.store import assessments

pytestmark = pytest.mark.parametrize("migrated_url", ["sqlite"], indirect=True)

PRODUCTS = (("Écho Urgences", {}), ("Dossier patient partagé", {"administration_type": "securite_sociale"}),
            ("Agenda des blocs opératoires", {"administration_type": "collectivite_territoriale"}),
            ("Repas à l’hôpital", {"sponsoring": "0"}), ("Zéro papier", {}), ("Brancardage", {}))
ADDRESS = "camille.martin@chu-nantes.fr"


@pytest.fixture
def server(app, db, rules, manager):
    rows = [scored(rules, answers(administration_name="CHU de Nantes", product_name=product, **changes))
            for product, changes in PRODUCTS]
    rows.append(scored(rules, answers(administration_name="Direction générale de l’aménagement, du logement et de "
                                      "la nature", product_name="Plateforme de l’urbanisme", phase="investigation")))
    assessments.import_rows(db, rows)
    assessments.set_triage(db, 1, "a_recontacter", None, "responsable@beta.gouv.fr")
    assessments.set_triage(db, 2, "preselectionne", None, "responsable@beta.gouv.fr")
    with serve_wsgi(app) as base_url:
        yield base_url


# Each badge, each date: one line, whatever the width (the badge's content box holds one line-height).
ONE_LINE = """elements => elements.map(element => {
    const style = getComputedStyle(element);
    const range = document.createRange();
    range.selectNodeContents(element);
    return range.getBoundingClientRect().height < 1.5 * parseFloat(style.lineHeight);
})"""


def test_at_390_px_the_verdict_shows_without_scrolling_and_badges_and_dates_keep_to_one_line(
        page, server, assert_no_axe_violations, screenshot):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, server)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the page itself never scrolls sideways
    header = page.get_by_role("columnheader", name="Éligibilité").bounding_box()
    assert header["x"] >= 0 and header["x"] + header["width"] <= 390
    verdicts = page.locator("#evaluations tbody tr td:nth-of-type(2) .fr-badge")
    expect(verdicts).to_have_count(7)
    for verdict in verdicts.all():  # within the screen's width, the table not scrolled
        box = verdict.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, verdict.inner_text()
    badges = page.locator("#evaluations .fr-badge")
    dates = page.locator("#evaluations tbody td:nth-of-type(5)")
    assert all(badges.evaluate_all(ONE_LINE)) and all(dates.evaluate_all(ONE_LINE))
    expect(page.locator("#evaluations tbody tr").filter(has_text="Repas à l’hôpital")).to_contain_text("CHU de Nantes")
    assert_no_axe_violations(page)
    screenshot(page, "gestion-liste-produits-390")


def test_at_1280_px_the_products_are_listed_and_searched(page, server, assert_no_axe_violations, screenshot):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, server)
    rows = page.locator("#evaluations tbody tr")
    for product, _ in PRODUCTS:
        expect(rows.filter(has_text=product)).to_have_count(1)
    badges = page.locator("#evaluations .fr-badge")
    assert all(badges.evaluate_all(ONE_LINE))
    assert_no_axe_violations(page)
    screenshot(page, "gestion-liste-produits-1280")
    page.get_by_role("button", name="Filtrer et trier").click()
    page.get_by_label("Nom de l’administration ou du produit contient").fill("echo")
    page.get_by_role("button", name="Appliquer").click()
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("Écho Urgences")


def test_the_save_step_takes_an_optional_e_mail_the_manager_then_sees(page, browser, server,
                                                                     assert_no_axe_violations, screenshot):
    width = 390  # where the error has the least room beside its field
    page.set_viewport_size({"width": width, "height": 900})
    put_draft(page, server, ELIGIBLE)
    field = page.get_by_label("Adresse électronique pour vous recontacter (facultatif)")
    expect(field).to_be_visible()
    screenshot(page, f"enregistrer-courriel-{width}")
    field.fill("camille.martin@chu-nantes")
    page.get_by_role("button", name="Enregistrer mon auto-évaluation").click()
    expect(page.locator("h1")).to_have_text("Enregistrer votre auto-évaluation")
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Indiquez une adresse électronique valide")
    expect(page.locator("#courriel-messages")).to_contain_text("Indiquez une adresse électronique valide")
    expect(field).to_have_value("camille.martin@chu-nantes")  # what was typed is kept
    assert_no_axe_violations(page)
    screenshot(page, f"enregistrer-courriel-erreur-{width}")
    summary.get_by_role("link").click()
    expect(field).to_be_focused()
    field.fill(ADDRESS)
    page.get_by_role("button", name="Enregistrer mon auto-évaluation").click()
    expect(page.locator("h1")).to_have_text("Votre auto-évaluation est enregistrée")
    page.goto(server + "/donnees-personnelles")
    expect(page.locator("#adresse-de-contact")).to_contain_text("aucune lettre d’information")
    assert_no_axe_violations(page)
    screenshot(page, f"donnees-personnelles-{width}")

    manager_context = browser.new_context(bypass_csp=True, locale="fr-FR")
    manager_page = manager_context.new_page()
    manager_page.set_viewport_size({"width": width, "height": 900})
    log_in(manager_page, server)
    manager_page.get_by_role("link", name=ELIGIBLE["administration_name"]).click()
    expect(manager_page.get_by_role("link", name=ADDRESS)).to_have_attribute("href", "mailto:" + ADDRESS.replace("@", "%40"))
    assert_no_axe_violations(manager_page)
    screenshot(manager_page, f"gestion-fiche-courriel-{width}")
    assert manager_page.evaluate("document.documentElement.scrollWidth") <= width
    manager_context.close()
