"""A person's journeys through the wizard in Chromium: each verdict, the back button, the change links,
JavaScript turned off, and a step done with the keyboard alone."""
import re

import pytest
from playwright.sync_api import expect

from browser.wizard_pages import answer_every_step, choose, continue_, fill_step, put_draft
from answers import ELIGIBLE, INELIGIBLE, TO_CONFIRM, WITHOUT_CRITERIA


def start(page, base_url):
    page.goto(base_url + "/")
    page.get_by_role("link", name="Commencer").click()
    expect(page.locator("h1")).to_have_text("Étape 1 sur 7 – Votre administration")


def see_result(page):
    page.get_by_role("link", name="Voir le résultat").click()
    expect(page.locator("h1")).to_have_text("Résultat de votre auto-évaluation")


DOSSIER = "https://www.demarches-simplifiees.fr/commencer/aap-eig7"


@pytest.mark.parametrize("answers, title, kind", [
    (ELIGIBLE, "Votre projet est éligible au programme EIG", "success"),
    (TO_CONFIRM, "Éligibilité à confirmer avec l'équipe du programme", "warning"),
    (INELIGIBLE, "Votre projet n'est pas éligible en l'état", "error"),
], ids=["eligible", "a-confirmer", "non-eligible"])
def test_each_verdict_with_its_one_primary_action(page, base_url, answers, title, kind):
    put_draft(page, base_url, answers)
    expect(page).to_have_title("Vérifiez vos réponses – Éligibilité EIG")
    see_result(page)
    verdict = page.locator("#verdict")
    expect(verdict).to_have_class(f"fr-alert fr-alert--{kind} fr-mb-3w")
    expect(verdict.get_by_role("heading", level=2)).to_have_text(title)
    expect(page.locator(".eig-score__percent")).to_have_text("100\u202f%")
    # One primary button on the page, the verdict's, right after it.
    primary = page.locator("main a.fr-btn:not(.fr-btn--secondary):not(.fr-btn--tertiary), "
                           "main button.fr-btn:not(.fr-btn--secondary):not(.fr-btn--tertiary)")
    expect(primary).to_have_count(1)
    action = page.locator("#action .fr-btn")
    dossier = page.get_by_role("link", name="Déposer un dossier sur Démarches simplifiées")
    if kind == "success":
        expect(action).to_have_text("Déposer un dossier sur Démarches simplifiées")
        expect(action).to_have_attribute("href", DOSSIER)
    elif kind == "warning":
        expect(action).to_contain_text("Écrire à l'équipe du programme")
        href = action.get_attribute("href")
        assert href.startswith("mailto:eig@beta.gouv.fr?subject=Confirmer%20l%27%C3%A9ligibilit%C3%A9"), href
        assert href.endswith("%E2%80%93%20Direction%20interminist%C3%A9rielle%20du%20num%C3%A9rique"), href
        expect(page.locator("#action").get_by_role("link", name="https://beta.gouv.fr/incubateurs/dinum.html")).to_be_visible()
        expect(page.locator("#action").get_by_role("link", name="Déposer un dossier sur Démarches simplifiées")).to_have_class(
            "fr-link fr-icon-external-link-line fr-link--icon-right")  # the dossier, secondary
    else:
        expect(action).to_have_text("Modifier la réponse qui bloque")
        expect(dossier).to_have_count(0)  # no dossier when not eligible
        expect(page.locator("#action li").first).to_be_visible()  # what would change the verdict
        expect(page.get_by_text("ce score est donné à titre d'information seulement")).to_be_visible()
        action.click()
        expect(page.locator("h1")).to_contain_text("Votre administration")
    if kind != "error":
        expect(dossier.first).to_have_attribute("href", DOSSIER)


def test_the_verdict_and_its_action_are_above_the_fold_at_390_px(page, base_url):
    page.set_viewport_size({"width": 390, "height": 844})
    put_draft(page, base_url, ELIGIBLE)
    see_result(page)
    for selector in ("#verdict", "#action .fr-btn"):
        box = page.locator(selector).bounding_box()
        assert box["y"] + box["height"] <= 844, f"{selector} sous la ligne de flottaison : {box}"
    # Passed reasons fold into one line each; their details open in place.
    first = page.locator(".eig-passed .fr-accordion__btn").first
    expect(first).to_have_attribute("aria-expanded", "false")
    expect(page.locator(".eig-passed .fr-collapse").first).to_be_hidden()
    first.click()
    expect(page.locator(".eig-passed .fr-collapse").first).to_be_visible()


def test_the_early_verdict_then_going_on(page, base_url):
    start(page, base_url)
    fill_step(page, INELIGIBLE)
    continue_(page)
    expect(page.locator("#verdict")).to_contain_text("Votre projet n'est pas éligible en l'état")
    expect(page.get_by_text("Les collectivités territoriales ne sont pas éligibles")).to_be_visible()
    page.get_by_role("link", name="Quelles sont les administrations éligibles ?").click()
    expect(page).to_have_url(base_url + "/faq#quelles-sont-les-administrations-eligibles")
    page.go_back()
    page.get_by_role("link", name="poursuivre l’auto-évaluation").click()
    expect(page.locator("h1")).to_have_text("Étape 2 sur 7 – Votre produit et sa phase")


def test_the_back_button_and_back_links_keep_the_answers(page, base_url):
    start(page, base_url)
    fill_step(page, ELIGIBLE)
    continue_(page)
    fill_step(page, {"beta_page_published": True, "phase": "acceleration"})
    continue_(page)  # the page's address is now asked
    page.go_back()
    page.go_back()
    expect(page.locator("h1")).to_have_text("Étape 1 sur 7 – Votre administration")
    expect(page.locator("input[value='administration_centrale']")).to_be_checked()
    expect(page.get_by_label("Nom de l'administration ou de l'organisme porteur")).to_have_value(
        ELIGIBLE["administration_name"])
    page.go_forward()
    expect(page.locator("input[name='phase'][value='acceleration']")).to_be_checked()
    page.get_by_role("link", name="Retour", exact=True).click()
    expect(page.locator("input[value='administration_centrale']")).to_be_checked()


def test_a_change_link_returns_to_the_check_page_with_the_new_answer(page, base_url):
    put_draft(page, base_url, ELIGIBLE)
    page.get_by_role("link", name="Modifier Dans quelle phase est votre produit ?").click()
    expect(page).to_have_url(base_url + "/etapes/produit?retour=verification#phase-fieldset")
    choose(page, "phase", "investigation")
    continue_(page, "Enregistrer et revenir à la vérification")
    expect(page).to_have_url(base_url + "/verification")
    expect(page.locator(".eig-summary__row", has_text="Dans quelle phase")).to_contain_text("Investigation")
    # A change that asks new questions goes through them, then back.
    page.get_by_role("link", name="Modifier Dans quel but demandez-vous une mission EIG ?").click()
    choose(page, "mission_case", "lancer_produit")  # its conditions are revealed in place, with the notice
    expect(page.locator("#investigation_probleme_qualifie-complement").get_by_text(
        "Votre réponse appelle des questions complémentaires")).to_be_visible()
    fill_step(page, {"investigation_probleme_qualifie": "oui", "investigation_besoin_valide": "en_cours",
                     "investigation_strategie_esquissee": "oui"})
    continue_(page, "Enregistrer et revenir à la vérification")
    expect(page).to_have_url(base_url + "/verification")
    see_result(page)
    expect(page.locator("#verdict")).to_contain_text("Éligibilité à confirmer")


def test_a_verdict_with_javascript_turned_off(page_no_js, base_url):
    page = page_no_js
    start(page, base_url)
    answer_every_step(page, WITHOUT_CRITERIA)
    see_result(page)
    expect(page.locator("#verdict")).to_contain_text("Votre projet est éligible au programme EIG")
    expect(page.get_by_text("Critères non évalués.")).to_be_visible()
    expect(page.get_by_role("button", name="Imprimer ce résultat")).to_be_hidden()
    expect(page.get_by_text("utilisez la commande « Imprimer » de votre navigateur")).to_be_visible()


def test_a_step_with_the_keyboard_alone(page, base_url):
    start(page, base_url)
    name = page.get_by_label("Nom de l'administration ou de l'organisme porteur")
    for _ in range(30):
        if name.evaluate("element => element === document.activeElement"):
            break
        page.keyboard.press("Tab")
    else:
        raise AssertionError("le champ du nom n'est pas atteint au clavier")
    page.keyboard.type("Agence nationale de la cohésion des territoires")
    page.keyboard.press("Tab")  # into the radio group, on its first option
    page.keyboard.press("ArrowDown")  # moves to, and selects, the second option
    expect(page.locator("input[value='operateur_etat']")).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Continuer")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Étape 2 sur 7 – Votre produit et sa phase")
    page.go_back()
    expect(page.locator("input[value='operateur_etat']")).to_be_checked()


def test_the_error_summary_takes_the_focus_and_links_to_the_field(page, base_url):
    start(page, base_url)
    continue_(page)
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    summary.get_by_role("link").click()
    expect(page).to_have_url(base_url + "/etapes/administration#administration_type-0")


def test_the_print_button_prints(page, base_url):
    put_draft(page, base_url, ELIGIBLE)
    see_result(page)
    page.evaluate("window.print = () => { document.body.dataset.printed = 'oui'; }")
    page.get_by_role("button", name="Imprimer ce résultat").click()
    expect(page.locator("body")).to_have_attribute("data-printed", "oui")


def test_no_csp_violation_on_the_real_pages(browser, base_url):
    context = browser.new_context()  # no bypass: the real policy applies
    page = context.new_page()
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    start(page, base_url)
    answer_every_step(page, ELIGIBLE)
    see_result(page)
    # The DSFR's script has run (a locator: a string for wait_for_function would be an eval, which the policy refuses).
    expect(page.locator("html")).to_have_attribute("data-fr-js", re.compile(".*"))
    context.close()
    assert problems == []
