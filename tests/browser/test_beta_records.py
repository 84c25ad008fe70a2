"""In Chromium, with a copy of beta.gouv.fr's records, with and without JavaScript: search the product by name,
pick it, see the facts, finish; the « not listed » path; a declared phase that differs, shown on the result.
axe on each new or changed page, at 1280 and 390 px (screenshots with SCREENSHOTS_DIR)."""
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from beta_api import copy_snapshot
from browser.server import serve_wsgi
from browser.test_accessibility import Audit
from browser.wizard_pages import answer_every_step, choose, continue_, fill_step
from checked_app import TEST_CONFIG
from wizard import create_app
from wizard.store import schema

REST = {"mission_case": "internaliser_pilotage", "pilotage_par_impact": "oui", "transparence_resultats": "oui",
        "code_source_ouvert": "oui", "profils": ["directeur_produit"]}


@pytest.fixture(scope="module")
def records_url():
    """The app on a database of its own that holds a copy of the snapshot."""
    url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='eig-beta-')) / 'eig-wizard.sqlite3'}"
    schema.upgrade(url)
    copy_snapshot(url)
    with serve_wsgi(create_app({**TEST_CONFIG, "DATABASE_URL": url, "SESSION_COOKIE_SECURE": False})) as base:
        yield base


@pytest.fixture(params=["javascript", "sans-javascript"])
def any_page(browser, request):
    context = browser.new_context(locale="fr-FR", java_script_enabled=request.param == "javascript")
    yield context.new_page()
    context.close()


def search_and_pick(page, base, query, product_id):
    page.goto(base + "/")
    page.get_by_role("link", name="Commencer").click()
    expect(page.locator("h1")).to_have_text("Étape 1 sur 7 – Votre produit et sa phase")
    page.get_by_label("Nom, identifiant ou adresse du produit").fill(query)
    page.get_by_role("button", name="Rechercher", exact=True).click()
    choose(page, "produit", product_id)
    page.get_by_role("button", name="Continuer avec ce produit").click()


def test_search_pick_see_the_facts_and_finish(any_page, records_url):
    page = any_page
    search_and_pick(page, records_url, "dossier facile", "dossierfacile")  # one submit: the step is done
    expect(page.locator("h1")).to_have_text("Étape 2 sur 7 – Votre administration")
    choose(page, "porteur", "dgaln")
    page.get_by_role("button", name="Continuer avec cet organisme").click()  # its kind recorded: done too
    expect(page.locator("h1")).to_contain_text("Étape 3 sur 7")
    page.goto(records_url + "/etapes/produit")
    expect(page.locator("#produit-choisi")).to_contain_text("Sur beta.gouv.fr : DossierFacile")
    expect(page.locator("#produit-choisi")).to_contain_text("Copie des fiches de beta.gouv.fr du")
    expect(page.locator("input[name='phase'][value='consolidation']")).to_be_checked()
    page.goto(records_url + "/etapes/administration")
    expect(page.locator("input[name='administration_type'][value='administration_centrale']")).to_be_checked()
    page.goto(records_url + "/etapes/mission")
    answer_every_step(page, REST)
    page.get_by_role("link", name="Voir le résultat").click()
    facts = page.locator("#faits-verifies")
    expect(facts).to_contain_text("Phase : En consolidation, depuis le 14 octobre 2024.")
    expect(page.locator("#verdict")).to_have_class("fr-alert fr-alert--warning fr-mb-3w")


def test_a_declared_phase_that_differs_is_shown_on_the_result(any_page, records_url):
    page = any_page
    search_and_pick(page, records_url, "Impact CO2", "impact.co2")
    page.goto(records_url + "/etapes/produit")
    choose(page, "phase", "construction")  # the agent declares otherwise
    continue_(page)
    answer_every_step(page, {"administration_type": "operateur_etat", **REST})
    page.get_by_role("link", name="Voir le résultat").click()
    expect(page.locator("#faits-verifies")).to_contain_text(
        "Vous avez indiqué Construction ; beta.gouv.fr indique En consolidation depuis le 13 juin 2023.")


def test_the_focus_lands_on_the_results_then_one_match_selected_goes_on_in_one_submit(any_page, records_url):
    """With and without JavaScript: the search's page opens on the results' heading, which has the focus; a
    page address pasted with its tracking finds its product alone, selected; one submit goes on."""
    page = any_page
    page.goto(records_url + "/etapes/produit")
    page.get_by_label("Nom, identifiant ou adresse du produit").fill("mon")
    page.get_by_role("button", name="Rechercher", exact=True).click()
    expect(page.locator("#resultats")).to_be_focused()
    expect(page.locator("#produit-legend")).to_contain_text("produits correspondent à « mon ».")
    expect(page.locator("#produit-legend")).to_contain_text("affinez votre recherche")
    page.get_by_role("button", name="Continuer avec ce produit").click()  # nothing chosen: the error takes the focus
    expect(page.locator("#beta-erreurs")).to_be_focused()
    page.get_by_label("Nom, identifiant ou adresse du produit").fill(
        "https://beta.gouv.fr/startups/dossierfacile.html?utm_source=x#equipe")
    page.get_by_label("Nom, identifiant ou adresse du produit").press("Enter")
    expect(page.locator("#resultats")).to_be_focused()
    expect(page.locator("input[name='produit'][value='dossierfacile']")).to_be_checked()
    page.keyboard.press("Tab")  # from the heading, the keyboard reaches the selected product
    expect(page.locator("input[name='produit'][value='dossierfacile']")).to_be_focused()
    page.get_by_role("button", name="Continuer avec ce produit").click()
    expect(page.locator("h1")).to_have_text("Étape 2 sur 7 – Votre administration")


def test_my_product_is_not_listed(any_page, records_url):
    page = any_page
    search_and_pick(page, records_url, "un produit qui n'existe pas", "pas-liste")
    expect(page.locator("#produit-choisi")).to_have_count(0)
    address = "https://beta.gouv.fr/startups/mon-service.html"
    fill_step(page, {"product_name": "Mon service", "beta_page_published": True, "beta_page_url": address,
                     "phase": "construction"})  # with JavaScript, the address is asked in place
    continue_(page)
    if page.locator("#beta_page_url").input_value() == "":  # without it, once the page is said published
        page.locator("#beta_page_url").fill(address)
        continue_(page)
    # No page at this address in the copy: said at the field, and the agent goes on with it, declared.
    expect(page.locator("#beta_page_url-error-1")).to_contain_text("Aucune fiche à cette adresse sur beta.gouv.fr")
    choose(page, "adresse_declaree", "oui")
    continue_(page)
    answer_every_step(page, {"administration_type": "operateur_etat", **REST})
    page.get_by_role("link", name="Voir le résultat").click()
    expect(page.locator("#verdict")).to_have_class("fr-alert fr-alert--success fr-mb-3w")
    expect(page.locator("#faits-verifies")).to_contain_text("Adresse déclarée, non vérifiée")


@pytest.mark.parametrize("width", [1280, 390])
def test_the_new_and_changed_pages_have_no_axe_violation(browser, records_url, width, screenshot):
    context = browser.new_context(bypass_csp=True, locale="fr-FR", viewport={"width": width, "height": 900})
    page = context.new_page()
    audit = Audit(page, width, screenshot)
    page.goto(records_url + "/etapes/produit"); audit.check("beta-01-produit-recherche")
    page.get_by_label("Nom, identifiant ou adresse du produit").fill("climat")
    page.get_by_role("button", name="Rechercher", exact=True).click(); audit.check("beta-02-resultats")
    page.get_by_role("button", name="Continuer avec ce produit").click(); audit.check("beta-03-choix-manquant")
    page.goto(records_url + "/etapes/produit?recherche=zzzz"); audit.check("beta-04-aucun-resultat")
    page.goto(records_url + "/etapes/produit?recherche=ADEME#resultats"); audit.check("beta-05-sponsor-recherche")
    page.goto(records_url + "/etapes/produit?recherche=nos%20gestes"); audit.check("beta-06-un-resultat")
    page.get_by_role("button", name="Continuer avec ce produit").click(); audit.check("beta-07-administration-porteurs")
    page.get_by_role("button", name="Continuer avec cet organisme").click(); audit.check("beta-08-porteur-manquant")
    choose(page, "porteur", "ademe"); page.get_by_role("button", name="Continuer avec cet organisme").click()
    page.goto(records_url + "/etapes/produit"); audit.check("beta-09-produit-choisi")
    choose(page, "phase", "construction"); continue_(page)
    answer_every_step(page, REST)
    page.goto(records_url + "/resultat"); audit.check("beta-10-resultat-faits")
    context.close()
    assert not audit.violations, "\n".join(audit.violations)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_early_verdict_of_the_record_and_the_address_error_have_no_axe_violation(browser, records_url, width, screenshot):
    """Issue 22: a product recorded « Transféré » gives the early verdict at the product step, naming the record;
    an address the copy has no page at is an error at its field, with the closest names and a way on, declared."""
    context = browser.new_context(bypass_csp=True, locale="fr-FR", viewport={"width": width, "height": 900})
    page = context.new_page()
    audit = Audit(page, width, screenshot)
    page.goto(records_url + "/etapes/produit?recherche=1%20eleve")
    choose(page, "produit", "1-eleve-1-stage")
    page.get_by_role("button", name="Continuer avec ce produit").click()
    early = page.locator("#verdict-fiche")
    expect(early).to_contain_text("D’après sa fiche beta.gouv.fr, votre projet n’est pas éligible en l’état")
    expect(early).to_contain_text("Transféré, depuis le 19 septembre 2025")
    expect(early.get_by_role("link", name="Voir la fiche sur beta.gouv.fr : Sur beta.gouv.fr : 1 élève, 1 stage")).to_have_attribute(
        "href", "https://beta.gouv.fr/startups/1-eleve-1-stage.html")
    audit.check("beta-09-verdict-de-la-fiche")
    page.goto(records_url + "/etapes/produit?recherche=zzzz")
    choose(page, "produit", "pas-liste")
    page.get_by_role("button", name="Continuer avec ce produit").click()
    fill_step(page, {"beta_page_published": True, "beta_page_url": "https://beta.gouv.fr/startups/benefriche.html",
                     "phase": "construction"})  # with JavaScript, the address is asked in place
    continue_(page)
    expect(page.locator("#beta_page_url-error-1")).to_contain_text("Aucune fiche à cette adresse sur beta.gouv.fr au")
    expect(page.locator("#beta_page_url-error-1")).to_contain_text("Fiches aux noms proches : Bénéfriches")
    audit.check("beta-10-adresse-sans-fiche")
    choose(page, "adresse_declaree", "oui")
    continue_(page)
    expect(page.locator("h1")).to_have_text("Étape 2 sur 7 – Votre administration")
    context.close()
    assert not audit.violations, "\n".join(audit.violations)
