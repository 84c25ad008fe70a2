"""beta.gouv.fr's facts where they are decided (issue 22, build 2, 3, 5): the product's record at the product step
as soon as the product is known, the early verdict it decides there, the declared answer beside the recorded one
on the check page and the result (no « Modifier » that loops), an address checked against the copy, persons never
offered as bodies, debatable kinds to confirm with why."""
import re

import pytest

from beta_api import copy_snapshot
from app_on_database import app, client, rules  # noqa: F401  the app on the test database
from pages import form_fields, post_form, text
from web.journey import submit_step, walk

MISSION = {"mission_case": "internaliser_pilotage", "pilotage_par_impact": "oui", "transparence_resultats": "oui",
           "code_source_ouvert": "oui"}
STAGE = "https://beta.gouv.fr/startups/1-eleve-1-stage.html"
pytestmark = pytest.mark.usefixtures("records")


def plain(page, element_id: str) -> str:
    """The element's words, French typography's no-break spaces read as spaces."""
    return page.text_of(element_id).replace("\xa0", " ").replace("\u202f", " ")


@pytest.fixture
def records(db_url):
    copy_snapshot(db_url)


def choose(client, product_id):
    html = client.get(f"/etapes/produit?recherche={product_id}").get_data(as_text=True)
    return client.post("/etapes/produit/choix", data={**form_fields(html, "/etapes/produit/choix"), "produit": product_id})


def test_a_product_recorded_transfere_gives_the_early_verdict_at_the_product_step_naming_the_record(client):
    assert choose(client, "1-eleve-1-stage").headers["Location"].startswith("/etapes/produit#")
    page = client.get("/etapes/produit").page
    assert page.alert("verdict-fiche") == ("erreur", "D’après sa fiche beta.gouv.fr, votre projet n’est pas éligible en l’état")
    early = plain(page, "verdict-fiche")
    assert "Phase : Transféré, depuis le 19 septembre 2025." in early
    assert "un produit transféré, arrêté ou dont l’investigation n’a pas conclu" in early  # the rule's own reason
    assert "faites-la mettre à jour par l’équipe du produit sur beta.gouv.fr" in early and "Écrire à l’équipe du programme" in early
    assert page.by_id("verdict-fiche").find(f".//a[@href='{STAGE}']") is not None
    record = plain(page, "produit-choisi")
    assert "Sur beta.gouv.fr : 1 élève, 1 stage" in record and "Copie des fiches de beta.gouv.fr du" in record
    assert "D’après beta.gouv.fr (données du" not in page.text


def test_declaring_acceleration_for_a_product_recorded_transfere_shows_both_and_never_loops(client):
    choose(client, "1-eleve-1-stage")
    declared = {"product_name": "1 élève, 1 stage", "beta_page_published": True, "beta_page_url": STAGE,
                "phase": "acceleration"}
    submit_step(client, "/etapes/produit", declared)
    page = client.get("/etapes/produit").page  # where the agent answered it: both, and the record decides
    assert "Vous avez indiqué Accélération ; la fiche beta.gouv.fr indique Transféré, depuis le 19 septembre 2025." \
        in plain(page, "verdict-fiche")
    submit_step(client, "/etapes/administration", {"administration_type": "administration_centrale"})
    submit_step(client, "/etapes/mission", MISSION)  # reveals its follow-ups
    submit_step(client, "/etapes/mission", MISSION)
    submit_step(client, "/etapes/profils", {"profils": ["directeur_produit"]})
    submit_step(client, "/etapes/dossier", {}, button="passer")
    check = client.get("/verification")
    assert check.status_code == 200, check.headers.get("Location")
    row = plain(check.page, "reponse-phase")
    assert "Accélération" in row and "Fiche beta.gouv.fr : Transféré, depuis le 19 septembre 2025" in row
    assert "C’est la fiche beta.gouv.fr qui décide de cette réponse." in row
    change = check.page.by_id("reponse-phase").find(".//a")
    assert change.get("href") == "/etapes/produit?retour=verification#fiche-beta"  # to the record, not a loop
    result = client.get("/resultat").page
    reason = plain(result, "raison-phase")
    assert "Vous avez indiqué Accélération ; la fiche beta.gouv.fr indique Transféré, depuis le 19 septembre 2025." in reason
    assert "Modifier cette réponse" not in reason and "faites-la mettre à jour" in reason
    assert result.by_id("raison-phase").find(f".//a[@href='{STAGE}']") is not None


def test_an_address_typed_for_a_product_recorded_transfere_gives_the_early_verdict_at_once(client):
    choose(client, "datapass")
    post = client.get("/etapes/produit?recherche=x").get_data(as_text=True)
    client.post("/etapes/produit/choix", data={**form_fields(post, "/etapes/produit/choix"), "produit": "pas-liste"})
    submit_step(client, "/etapes/produit", {"beta_page_published": True, "phase": "acceleration"})  # reveals the field
    response = submit_step(client, "/etapes/produit", {"beta_page_published": True, "phase": "acceleration",
                                                        "beta_page_url": "beta.gouv.fr/startups/1-eleve-1-stage"})
    assert response.status_code == 303 and response.headers["Location"] == "/etapes/produit#fiche-beta"
    assert client.get("/etapes/produit").page.alert("verdict-fiche")[0] == "erreur"


def test_a_debatable_recorded_kind_is_to_confirm_with_why_and_a_person_is_never_a_body(client):
    choose(client, "1-eleve-1-stage")
    page = client.get("/etapes/produit").page
    assert "Aucun organisme n’est indiqué sur la fiche." in plain(page, "produit-choisi")
    assert "nomme aussi une personne" in plain(page, "produit-choisi") and "CHIOCCHIA" not in page.text
    choose(client, "cmachance")
    page = client.get("/etapes/produit").page
    record = plain(page, "produit-choisi")
    assert "Chambre consulaire, à confirmer s’il porte le projet." in record and "parmi les collectivités territoriales" in record
    choose(client, "mon-aide-cyber")
    record = plain(client.get("/etapes/produit").page, "produit-choisi")
    assert "Service à compétence nationale, à confirmer" in record and "parmi les administrations centrales" in record


@pytest.mark.parametrize("pasted, product_id", [
    ("www.beta.gouv.fr/startups/dossierfacile.html", "dossierfacile"),
    ("https://beta.gouv.fr/startups/dossierfacile.html?utm_source=x#equipe", "dossierfacile"),
    ("https://dossierfacile.logement.gouv.fr", "dossierfacile"),  # the product's own site, as its record names it
    ("https://beta.gouv.fr/startups/données-et-territoires.html", "données-et-territoires"),
    ("https://beta.gouv.fr/startups/donn%C3%A9es-et-territoires.html", "données-et-territoires"),
    ("https://beta.gouv.fr/startups/auxAJ.html", "auxAJ"),
    ("https://beta.gouv.fr/startups/auxaj.html", "auxAJ"),  # compared as the site's ids, kept as it writes them
])
def test_an_address_as_pasted_finds_its_record(client, pasted, product_id):
    submit_step(client, "/etapes/produit", {"beta_page_published": True, "phase": "construction"})
    response = submit_step(client, "/etapes/produit", {"beta_page_published": True, "phase": "construction",
                                                        "beta_page_url": pasted})
    assert response.status_code == 303, text(response.get_data(as_text=True))[:2000]
    page = client.get("/etapes/produit").page
    assert page.by_id("produit-choisi").find(f".//a[@href='https://beta.gouv.fr/startups/{product_id}.html']") is not None


def test_an_address_the_copy_has_no_page_at_is_an_error_with_the_closest_names_and_a_way_on_declared(client, app):
    submit_step(client, "/etapes/produit", {"beta_page_published": True, "phase": "construction"})
    typed = {"beta_page_published": True, "phase": "construction",
             "beta_page_url": "https://beta.gouv.fr/startups/benefriche.html"}
    refused = submit_step(client, "/etapes/produit", typed)
    assert refused.status_code == 200
    at_field = plain(refused.page, "beta_page_url-error-1")
    assert re.search(r"Aucune fiche à cette adresse sur beta\.gouv\.fr au \d+e?r? \w+ \d{4}\.", at_field)
    assert "Fiches aux noms proches : Bénéfriches" in at_field
    assert refused.page.by_id("adresse-non-trouvee").find(".//a[@href='/etapes/produit?recherche=benefriches']") is not None
    went_on = submit_step(client, "/etapes/produit", typed, adresse_declaree="oui")
    assert went_on.status_code == 303 and went_on.headers["Location"] == "/etapes/administration"
    walk(client, {"administration_type": "operateur_etat", "administration_name": "Déclarée", **MISSION},
         start="/etapes/administration")
    result = client.get("/resultat").page
    assert "Adresse déclarée, non vérifiée : aucune fiche à l’adresse https://beta.gouv.fr/startups/benefriche.html" \
        in plain(result, "faits-verifies")
    assert "(adresse déclarée, non vérifiée : aucune fiche à cette adresse dans la copie de beta.gouv.fr)" in \
        text(client.get("/rapport").get_data(as_text=True))
    assert post_form(client, "/resultat", "/enregistrer").status_code == 200
    from sqlalchemy import select
    from wizard.store import db
    from wizard.store.models import Assessment, AssessmentDocument
    with app.app_context():
        stored = db.session().execute(select(Assessment.verified, AssessmentDocument.result).join(
            AssessmentDocument, AssessmentDocument.assessment_id == Assessment.id)
            .where(Assessment.administration_name == "Déclarée")).one()
    assert stored.verified is False
    assert [fact for fact in stored.result["facts"] if fact["question"] == "beta_page_url"] == [{
        "question": "beta_page_url", "declared": "https://beta.gouv.fr/startups/benefriche.html", "recorded": None,
        "since": None, "checked": "absent", "source": "beta.gouv.fr", "synced_at": stored.result["facts"][0]["synced_at"]}]
