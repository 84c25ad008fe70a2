"""The question pages in Chromium: follow-up questions revealed in place with JavaScript, and shown again after
the answer is saved without it, the notice in view; the criteria step's headings and stakes; a skipped step on the
check page. axe on each page and state, screenshots at both widths."""
import pytest
from playwright.sync_api import expect

from answers import ELIGIBLE, WITHOUT_CRITERIA
from browser.wizard_pages import choose, continue_, fill_step, put_draft

WIDTHS = [1280, 390]
NOTICE = "Votre réponse appelle des questions complémentaires"


def at_product_step(page, base_url, width=1280):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base_url + "/etapes/administration")
    fill_step(page, ELIGIBLE)
    continue_(page)
    expect(page.locator("h1")).to_contain_text("Votre produit et sa phase")


def test_follow_ups_are_revealed_in_place_with_javascript(page, base_url, assert_no_axe_violations, screenshot):
    width = 390  # where the notice has the least room to be in view
    at_product_step(page, base_url, width)
    address = page.get_by_label("Adresse de la fiche produit")
    expect(address).to_be_hidden()
    page.evaluate("window.notReloaded = true")
    choose(page, "beta_page_published", True)
    expect(address).to_be_visible()
    expect(page.locator("#beta_page_url-complement").get_by_text(NOTICE)).to_be_in_viewport()
    assert page.evaluate("window.notReloaded") is True  # in place: the page was not shown again
    assert_no_axe_violations(page)
    screenshot(page, f"produit-adresse-revelee-{width}")
    choose(page, "beta_page_published", False)
    expect(address).to_be_hidden()
    choose(page, "beta_page_published", True)
    address.fill(ELIGIBLE["beta_page_url"])
    choose(page, "phase", "construction")
    continue_(page)
    expect(page.locator("h1")).to_contain_text("Pourquoi demander une mission EIG")  # straight on

    launch = page.get_by_role("group", name="Une investigation selon l'approche beta.gouv.fr a-t-elle permis de qualifier le problème ?")
    steering = page.get_by_role("group", name="Le produit est-il piloté par l'impact ?")
    expect(launch).to_be_hidden()
    expect(steering).to_be_hidden()
    choose(page, "mission_case", "lancer_produit")
    expect(launch).to_be_visible()
    choose(page, "mission_case", "internaliser_pilotage")
    expect(launch).to_be_hidden()
    expect(steering).to_be_visible()
    assert_no_axe_violations(page)
    screenshot(page, f"mission-conditions-revelees-{width}")
    fill_step(page, ELIGIBLE)
    continue_(page)
    expect(page.locator("h1")).to_contain_text("Les neuf critères d'évaluation")
    page.goto(base_url + "/etapes/mission")
    expect(page.locator("input[name='code_source_ouvert'][value='oui']")).to_be_checked()
    for notice in page.get_by_text(NOTICE).all():
        expect(notice).to_be_hidden()  # said when the questions come, not each time


def test_a_follow_up_left_blank_in_place_is_an_error_at_its_field(page, base_url, assert_no_axe_violations):
    at_product_step(page, base_url)
    fill_step(page, {"beta_page_published": True, "phase": "construction"})
    continue_(page)
    fill_step(page, {"mission_case": "internaliser_pilotage", "pilotage_par_impact": "oui"})
    continue_(page)
    expect(page.get_by_role("alert")).to_contain_text("Le formulaire contient 2 erreurs")
    expect(page.get_by_role("group", name="Le produit est-il piloté par l'impact ?")).to_be_visible()
    expect(page.locator("input[name='pilotage_par_impact'][value='oui']")).to_be_checked()
    page.get_by_role("link", name="Répondez à la question « Les résultats du produit sont-ils publiés en toute transparence ? »").click()
    expect(page.get_by_role("group", name="Les résultats du produit sont-ils publiés en toute transparence ?")).to_be_in_viewport()
    assert_no_axe_violations(page)


def test_without_javascript_the_step_is_shown_again_with_its_follow_ups(page_no_js, base_url, screenshot):
    page = page_no_js
    at_product_step(page, base_url, 390)
    address = page.get_by_label("Adresse de la fiche produit")
    expect(address).to_be_hidden()
    fill_step(page, ELIGIBLE)  # the address is not there yet
    continue_(page)
    expect(page).to_have_url(base_url + "/etapes/produit#beta_page_url-complement")
    expect(page.get_by_text(NOTICE)).to_be_in_viewport()
    expect(address).to_be_in_viewport()
    screenshot(page, "produit-adresse-sans-js-390")
    address.fill(ELIGIBLE["beta_page_url"])
    continue_(page)
    choose(page, "mission_case", "lancer_produit")
    expect(page.get_by_role("group", name="L'investigation a-t-elle validé le besoin ?")).to_be_hidden()
    continue_(page)
    expect(page).to_have_url(base_url + "/etapes/mission#investigation_probleme_qualifie-complement")
    expect(page.locator("#investigation_probleme_qualifie-complement").get_by_text(NOTICE)).to_be_in_viewport()
    fill_step(page, {"investigation_probleme_qualifie": "oui", "investigation_besoin_valide": "oui",
                     "investigation_strategie_esquissee": "oui"})
    continue_(page)
    expect(page.locator("h1")).to_contain_text("Étape 4 sur 7")


def test_the_notice_shown_again_without_the_script_is_accessible(page, base_url, assert_no_axe_violations, screenshot):
    width = 390  # where the notice has the least room to be in view
    # The no-JavaScript path's page, checked by axe (which needs JavaScript): only our script is kept out.
    page.route("**/follow-ups.*.js", lambda route: route.abort())
    at_product_step(page, base_url, width)
    fill_step(page, ELIGIBLE)
    continue_(page)
    expect(page.get_by_text(NOTICE)).to_be_in_viewport()
    assert_no_axe_violations(page)
    screenshot(page, f"produit-adresse-redemandee-{width}")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_criteria_step_s_title_is_above_its_stakes_which_it_lists(page, base_url, width, assert_no_axe_violations,
                                                                     screenshot):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base_url + "/etapes/administration")
    for _ in range(3):
        fill_step(page, ELIGIBLE)
        continue_(page)
    title, stake = page.locator("h1"), page.locator("h2#enjeu-1")
    size = "element => parseFloat(getComputedStyle(element).fontSize)"
    assert title.evaluate(size) >= stake.evaluate(size) * 1.2
    expect(stake).to_have_text("Enjeu 1 sur 4 – Valeur d'intérêt général")
    page.get_by_role("link", name="Enjeux de politique publique", exact=True).click()
    expect(page.locator("h2#enjeu-3")).to_be_in_viewport()
    assert_no_axe_violations(page)
    screenshot(page, f"criteres-enjeux-{width}")


def test_a_step_says_its_optional_fields_and_links_to_its_faq(page, base_url, assert_no_axe_violations, screenshot):
    width = 1280
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base_url + "/etapes/administration")
    expect(page.get_by_label("Nom de l'administration ou de l'organisme porteur (facultatif)")).to_be_visible()
    page.get_by_role("link", name="Quelles sont les administrations éligibles ?").click()
    expect(page.locator("h2#quelles-sont-les-administrations-eligibles")).to_be_in_viewport()
    page.go_back()
    assert_no_axe_violations(page)
    screenshot(page, f"administration-{width}")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_skipped_step_is_one_line_on_the_check_page(page, base_url, width, assert_no_axe_violations, screenshot):
    page.set_viewport_size({"width": width, "height": 900})
    put_draft(page, base_url, WITHOUT_CRITERIA)
    expect(page.locator("h1")).to_have_text("Vérifiez vos réponses")
    expect(page.get_by_text("Non renseigné")).to_have_count(0)
    expect(page.get_by_text("Étape passée")).to_have_count(3)
    page.get_by_role("link", name="Modifier Préparer mon dossier").click()
    expect(page).to_have_url(base_url + "/etapes/dossier?retour=verification")
    page.go_back()
    assert_no_axe_violations(page)
    screenshot(page, f"verification-etapes-passees-{width}")
