"""In Chromium, each page looked at 1280 and 390 px in one walk, axe at both: the counter of a text field (with
JavaScript; a plain hint without), a text over its limit refused at the field and kept whole, no sideways scroll
with a long unbroken answer; saving for later from a step; the saved page with both links; « Recevoir à nouveau
mon lien » (its error, its answer); a link cut when copied; a link opened over other answers; the read-only page;
the word back. The steps before the page under test are answered through the app's forms (put_draft)."""
import re

from playwright.sync_api import expect

from answers import ELIGIBLE
from browser.fixtures import at_each_width
from browser.wizard_pages import put_draft

PASTED = "Un problème décrit longuement, sans fin ni coupure. " * 60  # ~3,100 characters
UNBROKEN = "https://exemple.gouv.fr/" + "a" * 300


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), \
        f"{page.url} défile de côté"


def look(page, axe, screenshot, name):
    def at(width):
        axe(page)
        no_sideways_scroll(page)
        screenshot(page, f"{name}-{width}")
    at_each_width(page, at)


def test_the_dossier_counts_refuses_at_the_field_keeps_the_text_and_saves_for_later(page, base_url,
                                                                                      assert_no_axe_violations,
                                                                                      screenshot):
    put_draft(page, base_url, {**ELIGIBLE, "administration_name": UNBROKEN[:200]}, then="/etapes/dossier")
    field = page.locator("#dossier_probleme")
    expect(page.locator("#dossier_probleme-counter")).to_have_text(re.compile(r"0 caractères sur 2\u202f000"))
    field.fill(PASTED)
    expect(page.locator("#dossier_probleme-counter")).to_contain_text("caractères en trop")
    assert len(field.input_value()) == len(PASTED)  # nothing cut by the browser
    look(page, assert_no_axe_violations, screenshot, "dossier-compteur")
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("#dossier_probleme-messages")).to_contain_text("ne doit pas dépasser")
    assert page.locator("#dossier_probleme").input_value().strip() == PASTED.strip()
    look(page, assert_no_axe_violations, screenshot, "dossier-trop-long")
    page.get_by_role("button", name="Enregistrer et reprendre plus tard").click()
    expect(page.locator("h1")).to_have_text("Enregistrer votre auto-évaluation")
    look(page, assert_no_axe_violations, screenshot, "enregistrer-plus-tard")
    page.get_by_role("button", name="Enregistrer mon auto-évaluation").click()
    expect(page.locator("h1")).to_have_text("Votre auto-évaluation est enregistrée")
    look(page, assert_no_axe_violations, screenshot, "enregistree-deux-liens")
    resume = page.locator("#lien-reprise").input_value()
    read = page.locator("#lien-lecture").input_value()

    # Another browser on the resume link: the text whole, with its error.
    other = page.context.browser.new_context(bypass_csp=True, locale="fr-FR").new_page()
    other.goto(resume)
    other.goto(base_url + "/etapes/dossier")
    expect(other.locator("#dossier_probleme-messages")).to_contain_text("ne doit pas dépasser")
    assert other.locator("#dossier_probleme").input_value().strip() == PASTED.strip()
    other.goto(base_url + "/verification")  # the resumed assessment's panel: its address, its read-only link
    expect(other.locator("#enregistrement h2")).to_have_text("Votre auto-évaluation est enregistrée")
    look(other, assert_no_axe_violations, screenshot, "verification-reprise-mot-long")
    # The read-only link, and the cut one.
    other.goto(read)
    expect(other.locator(".fr-alert--info")).to_contain_text("Lecture seule")
    look(other, assert_no_axe_violations, screenshot, "lecture-seule")
    other.goto(resume[:-12])
    expect(other.locator("h1")).to_have_text("Ce lien ne mène à aucune auto-évaluation")
    look(other, assert_no_axe_violations, screenshot, "lien-coupe")
    # The resume link over other answers in progress asks first.
    third = page.context.browser.new_context(bypass_csp=True, locale="fr-FR").new_page()
    put_draft(third, base_url, {**ELIGIBLE, "administration_name": "DGFiP"}, then=resume.removeprefix(base_url))
    expect(third.locator("h1")).to_have_text("Vous avez d’autres réponses en cours dans ce navigateur")
    look(third, assert_no_axe_violations, screenshot, "reprise-conflit")
    third.get_by_role("link", name="Garder mes réponses en cours").click()
    expect(third.locator("main")).to_contain_text("DGFiP")
    for extra in (other, third):
        extra.context.close()


def test_links_again_and_the_word_back(page, base_url, assert_no_axe_violations, screenshot):
    page.goto(base_url + "/recevoir-mon-lien")
    look(page, assert_no_axe_violations, screenshot, "recevoir-mon-lien")
    page.get_by_label("Adresse électronique donnée en enregistrant").fill("camille@")
    page.get_by_role("button", name="Recevoir mes liens par courriel").click()
    expect(page.locator("#courriel-messages")).to_contain_text("adresse électronique valide")
    look(page, assert_no_axe_violations, screenshot, "recevoir-mon-lien-erreur")
    page.get_by_label("Adresse électronique donnée en enregistrant").fill("camille.martin@anct.gouv.fr")
    page.get_by_role("button", name="Recevoir mes liens par courriel").click()
    expect(page.locator("h1")).to_have_text("Si cette adresse est connue, un courriel arrive")
    look(page, assert_no_axe_violations, screenshot, "recevoir-mon-lien-envoye")
    put_draft(page, base_url, ELIGIBLE, then="/resultat")
    report = page.get_by_role("link", name="Signaler une erreur dans ce résultat")
    href = report.get_attribute("href")
    assert href.startswith("mailto:eig@beta.gouv.fr?subject=") and "R%C3%A9f%C3%A9rence" in href
    assert "Direction" not in href  # never the answers
    look(page, assert_no_axe_violations, screenshot, "resultat-avis")
    page.goto(base_url + "/donnees-personnelles")
    look(page, assert_no_axe_violations, screenshot, "donnees-personnelles-courriels")
