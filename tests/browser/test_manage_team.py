"""Pre-screening as a team, in Chromium: an assessment given to oneself, triaged, its history on the detail;
the detail through axe at 1280 and 390 px, and the Nu checker. SQLite only, as tests/browser/test_manage_area.py."""
import pytest
from playwright.sync_api import expect

from browser.test_manage_area import log_in, server  # noqa: F401  the served app with a few assessments
from app_on_database import app, rules  # noqa: F401
from browser.test_proconnect import nu_errors
from database import MANAGER_EMAIL

pytestmark = pytest.mark.parametrize("migrated_url", ["sqlite"], indirect=True)


def test_give_to_me_triage_and_read_the_history(page, server, assert_no_axe_violations, screenshot,  # noqa: F811
                                                tmp_path):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, server)
    page.get_by_role("link", name="Archives nationales").click()
    page.get_by_role("button", name="À moi").click()
    expect(page.get_by_role("status")).to_contain_text("Évaluation attribuée.")
    page.get_by_text("À recontacter", exact=True).click()  # the DSFR draws the radio on its label
    page.get_by_label("Commentaire").fill("Appeler la directrice")
    page.get_by_role("button", name="Enregistrer la suite donnée").click()
    history = page.locator("#historique-suite li")
    expect(history).to_have_count(1)
    expect(history.first).to_contain_text(MANAGER_EMAIL)
    expect(history.first).to_contain_text("À étudier")
    expect(history.first).to_contain_text("Appeler la directrice")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert_no_axe_violations(page)
        screenshot(page, f"gestion-fiche-equipe-{width}")
    assert nu_errors(page.request.get(page.url).text(), tmp_path) == []  # the page as served, without axe
    page.goto(server + "/gestion/")
    expect(page.get_by_text(f"Attribuée à {MANAGER_EMAIL}")).to_be_visible()
