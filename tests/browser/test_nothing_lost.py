"""Nothing lost by one click, in Chromium: restarting asks first (also without JavaScript) and says it is done;
change mode asks before erasing the criteria; after a resume the save panel says what is not saved yet; the
resume link shows whole with a copy button; the delete button shows its text. axe on each page and state."""
import re

import pytest
from playwright.sync_api import expect

from browser.wizard_pages import choose, continue_, put_draft
from answers import ELIGIBLE

WIDTHS = [1280, 390]


def answered(page, base_url):
    put_draft(page, base_url, ELIGIBLE)
    expect(page.locator("h1")).to_have_text("Vérifiez vos réponses")


def test_restart_asks_first_and_says_it_is_done_without_javascript(page_no_js, base_url, screenshot):
    page = page_no_js
    answered(page, base_url)
    page.get_by_role("link", name="Recommencer à zéro").click()
    expect(page.locator("h1")).to_have_text("Recommencer à zéro ?")
    screenshot(page, "recommencer-sans-js-1280")
    page.get_by_role("link", name="Annuler").click()  # cancelling loses nothing
    expect(page.locator("h1")).to_have_text("Vérifiez vos réponses")
    page.get_by_role("link", name="Recommencer à zéro").click()
    page.get_by_role("button", name="Effacer mes réponses et recommencer").click()
    expect(page.get_by_role("status")).to_have_text(
        "Vos réponses ont été effacées. Vous pouvez commencer une nouvelle auto-évaluation.")
    expect(page.get_by_role("link", name="Commencer")).to_be_visible()
    page.goto(base_url + "/verification")
    expect(page.locator("h1")).to_contain_text("Étape 1 sur 7")


def test_the_restart_page_and_its_message_are_accessible(page, base_url, assert_no_axe_violations, screenshot):
    width = 390
    page.set_viewport_size({"width": width, "height": 900})
    answered(page, base_url)
    page.get_by_role("link", name="Recommencer à zéro").click()
    assert_no_axe_violations(page)
    screenshot(page, f"recommencer-{width}")
    page.get_by_role("button", name="Effacer mes réponses et recommencer").click()
    expect(page.get_by_role("status")).to_contain_text("Vos réponses ont été effacées")
    assert_no_axe_violations(page)
    screenshot(page, f"accueil-apres-effacement-{width}")


def test_change_mode_cannot_erase_the_criteria_in_one_click(page, base_url, assert_no_axe_violations, screenshot):
    answered(page, base_url)
    page.goto(base_url + "/etapes/criteres?retour=verification")
    expect(page.get_by_role("button", name="Passer cette étape")).to_have_count(0)
    page.get_by_role("button", name="Ne plus évaluer les critères").click()
    expect(page.locator("h1")).to_have_text("Ne plus évaluer les critères ?")
    assert_no_axe_violations(page)
    screenshot(page, "criteres-confirmation-1280")
    page.get_by_role("link", name="Garder mes niveaux").click()
    expect(page.locator("input[name='sponsoring'][value='3']")).to_be_checked()  # nothing was erased
    page.goto(base_url + "/verification")
    expect(page.get_by_text("Critères non évalués")).to_have_count(0)
    page.goto(base_url + "/etapes/criteres?retour=verification")
    page.get_by_role("button", name="Ne plus évaluer les critères").click()
    page.get_by_role("button", name="Effacer les niveaux des critères").click()
    expect(page.locator("h1")).to_have_text("Vérifiez vos réponses")
    expect(page.get_by_text("Critères non évalués")).to_be_visible()


def test_after_a_resume_changes_show_as_not_saved_yet(page, base_url, assert_no_axe_violations, screenshot):
    width = 1280
    page.set_viewport_size({"width": width, "height": 900})
    answered(page, base_url)
    page.get_by_role("button", name="Enregistrer mon auto-évaluation").click()
    link = page.get_by_label("Votre lien de reprise").input_value()
    page.context.clear_cookies()
    page.goto(link)
    panel = page.locator("#enregistrement")
    expect(panel.get_by_role("heading", level=2)).to_have_text("Votre auto-évaluation est enregistrée")
    page.goto(base_url + "/etapes/criteres?retour=verification")
    choose(page, "sponsoring", 1)
    continue_(page, "Enregistrer et revenir à la vérification")
    expect(panel.get_by_role("heading", level=2)).to_have_text("Vos modifications ne sont pas encore enregistrées")
    assert_no_axe_violations(page)
    screenshot(page, f"reprise-modifiee-{width}")
    page.goto(base_url + "/resultat")
    expect(panel.get_by_role("heading", level=2)).to_have_text("Vos modifications ne sont pas encore enregistrées")
    panel.get_by_role("button", name="Enregistrer les modifications").click()
    expect(page.get_by_text("Modifications enregistrées : le lien de reprise reste le même.")).to_be_visible()
    expect(panel.get_by_role("heading", level=2)).to_have_text("Votre auto-évaluation est enregistrée")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_resume_link_shows_whole_with_a_copy_button(browser, base_url, width, assert_no_axe_violations, screenshot):
    context = browser.new_context(bypass_csp=True, locale="fr-FR", viewport={"width": width, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page = context.new_page()
    try:
        answered(page, base_url)
        page.get_by_role("button", name="Enregistrer mon auto-évaluation").click()
        field = page.get_by_label("Votre lien de reprise")
        link = field.input_value()
        # Whole: the text area shows every character, no scrolling inside it.
        assert field.evaluate("f => f.scrollHeight <= f.clientHeight && f.scrollWidth <= f.clientWidth")
        assert field.bounding_box()["x"] + field.bounding_box()["width"] <= width
        page.get_by_role("button", name="Copier le lien", exact=True).click()
        expect(page.get_by_role("status").filter(has_text="Lien copié.")).to_have_count(1)
        assert page.evaluate("navigator.clipboard.readText()") == link
        assert_no_axe_violations(page)
        screenshot(page, f"lien-de-reprise-{width}")
    finally:
        context.close()


def test_without_javascript_the_copy_button_stays_hidden(page_no_js, base_url):
    answered(page_no_js, base_url)
    page_no_js.get_by_role("button", name="Enregistrer mon auto-évaluation").click()
    expect(page_no_js.get_by_label("Votre lien de reprise")).to_be_visible()
    expect(page_no_js.get_by_role("button", name=re.compile("^Copier le lien"))).to_have_count(0)  # both links' buttons


def test_the_delete_button_shows_its_text_at_390_px(page, base_url, assert_no_axe_violations, screenshot):
    page.set_viewport_size({"width": 390, "height": 844})
    answered(page, base_url)
    page.get_by_role("button", name="Enregistrer mon auto-évaluation").click()
    page.get_by_role("link", name="Revenir à mon auto-évaluation").click()
    page.get_by_role("link", name="Supprimer l’évaluation enregistrée").click()
    button = page.get_by_role("button", name="Supprimer définitivement")
    assert button.evaluate("b => b.scrollWidth <= b.clientWidth && b.clientWidth > 120"), "texte du bouton coupé"
    assert_no_axe_violations(page)
    screenshot(page, "supprimer-390")
