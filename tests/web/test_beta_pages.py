"""The wizard with a copy of beta.gouv.fr's records: the product found first, its sponsors, its facts in the result.
Without a copy, the wizard is as it always was."""
import re

import pytest
import sqlalchemy

from beta_api import copy_snapshot
from app_on_database import app, client, rules  # noqa: F401  the app on the test database
from pages import form_fields, text
from web.journey import walk

MISSION = {"mission_case": "internaliser_pilotage", "pilotage_par_impact": "oui", "transparence_resultats": "oui",
           "code_source_ouvert": "oui"}


@pytest.fixture
def records(db_url):
    copy_snapshot(db_url)


def choose(client, page: str, target: str, **data):
    html = client.get(page).get_data(as_text=True)
    return client.post(target, data={**form_fields(html, target), **data})


def test_without_a_copy_the_wizard_asks_as_always(client):
    start = client.get("/etapes/administration")
    assert start.status_code == 200 and "Étape 1 sur 7 – Votre administration" in text(start.get_data(as_text=True))
    assert client.get("/etapes/produit").status_code == 303  # not reachable before the first step
    assert client.post("/etapes/produit/choix", data={"produit": "datapass"}).status_code in (400, 404)


@pytest.mark.usefixtures("records")
def test_with_a_copy_the_product_comes_first_and_is_found_without_accents_or_case(client):
    page = text(client.get("/etapes/produit").get_data(as_text=True))
    assert "Étape 1 sur 7 – Votre produit et sa phase" in page and "Rechercher votre produit sur beta.gouv.fr" in page
    for query, name in [("ÉCOBALYSE", "Ecobalyse"), ("1 ELEVE", "1 élève, 1 stage"), ("dossier facile", "DossierFacile"), ("nos gestes", "Nos Gestes Climat"),
                        ("https://beta.gouv.fr/startups/impact.co2.html", "Impact CO2"), ("impact.co2", "Impact CO2"),
                        ("http://Beta.gouv.fr/startups/impact.co2/", "Impact CO2")]:  # a page pasted otherwise
        found = text(client.get("/etapes/produit", query_string={"recherche": query}).get_data(as_text=True))
        assert name in found and "correspond" in found, query
    nothing = text(client.get("/etapes/produit?recherche=zzzz").get_data(as_text=True))
    assert "Aucun produit de beta.gouv.fr ne correspond à « zzzz »" in nothing and "Mon produit n’est pas listé" in nothing


@pytest.mark.usefixtures("records")
def test_choosing_the_product_then_its_sponsor_answers_from_the_records(client):
    # One submit (issue 22): the product chosen answers the whole step, which is done; the next one follows.
    chosen = choose(client, "/etapes/produit?recherche=dossierfacile", "/etapes/produit/choix", produit="dossierfacile")
    assert chosen.status_code == 303 and chosen.headers["Location"] == "/etapes/administration"
    html = client.get("/etapes/produit").get_data(as_text=True)
    assert "Sur beta.gouv.fr : DossierFacile" in text(html) and "Copie des fiches de beta.gouv.fr du" in text(html)
    assert 'value="consolidation" checked' in html and 'value="https://beta.gouv.fr/startups/dossierfacile.html"' in html
    page = text(client.get("/etapes/administration").get_data(as_text=True))
    assert "Direction générale de l'aménagement, du logement et de la nature" in page or "DGALN" in page
    sponsors = client.get("/etapes/administration").get_data(as_text=True)
    assert 'name="porteur" value="dgaln"' in sponsors and 'value="autre"' in sponsors
    # The sponsor's kind is recorded: the choice answers the step, and the next one follows.
    assert choose(client, "/etapes/administration", "/etapes/administration/porteur",
                  porteur="dgaln").headers["Location"] == "/etapes/mission"
    html = client.get("/etapes/administration").get_data(as_text=True)
    assert 'value="administration_centrale" checked' in html
    walk(client, MISSION, start="/etapes/mission")
    result = text(client.get("/resultat").get_data(as_text=True))
    assert "Vérifié sur beta.gouv.fr" in result and "Phase : En consolidation, depuis le 14 octobre 2024." in result
    assert "Votre éligibilité est à confirmer" in result or "à confirmer" in result


@pytest.mark.usefixtures("records")
def test_a_declared_phase_that_differs_is_shown_beside_the_recorded_one_which_decides(client):
    choose(client, "/etapes/produit?recherche=impact", "/etapes/produit/choix", produit="impact.co2")
    walk(client, {"beta_page_published": True, "beta_page_url": "https://beta.gouv.fr/startups/impact.co2.html",
                  "phase": "construction", "administration_type": "operateur_etat", **MISSION}, start="/etapes/produit")
    result = text(client.get("/resultat").get_data(as_text=True))
    assert "Vous avez indiqué Construction ; beta.gouv.fr indique En consolidation depuis le 13 juin 2023." in result
    assert "La FAQ ne cite pas cette phase parmi celles d’un projet éligible" in result  # the recorded phase's reason


@pytest.mark.usefixtures("records")
def test_a_page_reads_the_copy_s_stamp_once_even_when_it_shows_the_product(client, app):
    """The stamp orders the steps on every page; the search and the product's lookup take it from there."""
    choose(client, "/etapes/produit?recherche=impact", "/etapes/produit/choix", produit="impact.co2")
    walk(client, {"beta_page_published": True, "beta_page_url": "https://beta.gouv.fr/startups/impact.co2.html",
                  "phase": "construction", "administration_type": "operateur_etat", **MISSION}, start="/etapes/produit")
    statements = []
    engine = app.extensions["db_engine"]
    listen = lambda _conn, _cursor, statement, *_: statements.append(statement)  # noqa: E731
    sqlalchemy.event.listen(engine, "before_cursor_execute", listen)
    try:
        for page, shown in [("/etapes/produit?recherche=impact", "Impact CO2"), ("/resultat", "Vérifié sur beta.gouv.fr")]:
            statements.clear()
            assert shown in text(client.get(page).get_data(as_text=True))
            assert sum("FROM beta_syncs" in statement for statement in statements) == 1, page
    finally:
        sqlalchemy.event.remove(engine, "before_cursor_execute", listen)


@pytest.mark.usefixtures("records")
def test_my_product_is_not_listed_keeps_today_s_questions(client):
    choose(client, "/etapes/produit?recherche=datapass", "/etapes/produit/choix", produit="datapass")
    assert choose(client, "/etapes/produit?recherche=datapass", "/etapes/produit/choix", produit="pas-liste").status_code == 303
    html = client.get("/etapes/produit").get_data(as_text=True)
    assert "Sur beta.gouv.fr" not in text(html) and " checked" not in html  # nothing recorded is kept
    walk(client, {"beta_page_published": True, "phase": "construction", "administration_type": "operateur_etat", **MISSION},
         start="/etapes/produit")
    result = text(client.get("/resultat").get_data(as_text=True))
    assert "Vérifié sur beta.gouv.fr" not in result and "Votre projet est éligible au programme EIG" in result


@pytest.mark.usefixtures("records")
def test_choosing_nothing_says_what_to_do(client):
    response = choose(client, "/etapes/produit?recherche=datapass", "/etapes/produit/choix")
    assert response.status_code == 303
    page = text(client.get(response.headers["Location"].split("#")[0]).get_data(as_text=True))
    assert "Choisissez votre produit dans la liste, ou « Mon produit n’est pas listé »." in page


@pytest.mark.usefixtures("records")
def test_managers_see_which_assessments_are_verified_and_the_declared_beside_the_recorded(client, app, manager):
    from database import MANAGER_EMAIL, MANAGER_PASSWORD
    from pages import post_form

    choose(client, "/etapes/produit?recherche=impact", "/etapes/produit/choix", produit="impact.co2")
    walk(client, {"beta_page_published": True, "beta_page_url": "https://beta.gouv.fr/startups/impact.co2.html",
                  "phase": "construction", "administration_name": "ADEME", "administration_type": "operateur_etat",
                  **MISSION}, start="/etapes/produit")
    assert post_form(client, "/verification", "/enregistrer").status_code == 200
    declared_only = app.test_client()
    walk(declared_only, {"beta_page_published": False, "phase": "construction", "administration_name": "Sans fiche",
                         "administration_type": "operateur_etat", **MISSION}, start="/etapes/produit")
    assert post_form(declared_only, "/resultat", "/enregistrer").status_code == 200
    managers = app.test_client()
    post_form(managers, "/gestion/connexion", "/gestion/connexion", email=MANAGER_EMAIL, password=MANAGER_PASSWORD)
    listed = text(managers.get("/gestion/").get_data(as_text=True))
    assert "En consolidationVérifiée sur beta.gouv.fr" in listed and "ConstructionDéclarée" in listed  # <br> between
    verified = text(managers.get("/gestion/?verifie=oui").get_data(as_text=True))
    assert "ADEME" in verified and "Sans fiche" not in verified
    assert "ADEME" not in text(managers.get("/gestion/?verifie=non").get_data(as_text=True))
    html = managers.get("/gestion/?verifie=oui").get_data(as_text=True)
    detail_url = re.search(r'href="(/gestion/evaluations/\d+)[^"]*">ADEME', html).group(1)
    detail = text(managers.get(detail_url).get_data(as_text=True))
    # The checked answers' table: question, declared, recorded (cells run together in the text).
    assert "Dans quelle phase est votre produit ?ConstructionEn consolidation depuis le 13 juin 2023" in detail


@pytest.mark.usefixtures("records")
def test_with_a_copy_and_an_empty_draft_the_result_and_the_report_send_to_the_same_step_at_once(client):
    for page in ("/resultat", "/rapport", "/rapport.pdf", "/verification"):
        response = client.get(page)
        assert response.status_code == 303 and response.headers["Location"] == "/etapes/produit", page
        assert client.get(response.headers["Location"]).status_code == 200, page  # one redirect, not two
