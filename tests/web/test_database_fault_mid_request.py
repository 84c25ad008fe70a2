"""One failed query never takes the agent down another path (issue 26, broken 2). With a copy of beta.gouv.fr's
records, the product step comes first and the recorded phase decides; when the copy's stamp cannot be read
(beta_syncs locked on PostgreSQL, gone on SQLite), the request is the database's 503 page, « nothing saved »:
never the questionnaire without the records, which dropped the product step's answers, and gave and saved
another verdict."""
import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from beta_api import copy_snapshot
from database_faults import beta_syncs_unreadable, for_the_app
from pages import form_fields, text
from web.journey import as_posted, step_form, walk
from wizard.store.models import Assessment

MISSION = {"mission_case": "internaliser_pilotage", "pilotage_par_impact": "oui", "transparence_resultats": "oui",
           "code_source_ouvert": "oui"}
PRODUCT = {"beta_page_published": True, "beta_page_url": "https://beta.gouv.fr/startups/impact.co2.html",
           "phase": "construction"}
NOTHING_SAVED = "Ce que vous venez d’envoyer n’a pas pu être enregistré"


@pytest.fixture
def client(db_url, app_for):
    """An agent's browser on the app whose connections give up on a lock; it may get a 503, which is the point."""
    copy_snapshot(db_url)
    return FlaskClient(app_for(for_the_app(db_url)), use_cookies=True)


def chosen_product(client):
    html = client.get("/etapes/produit?recherche=impact").get_data(as_text=True)
    chosen = client.post("/etapes/produit/choix", data={**form_fields(html, "/etapes/produit/choix"),
                                                          "produit": "impact.co2"})
    assert chosen.status_code == 303


def assert_nothing_saved_page(response):
    assert response.status_code == 503, response.headers.get("Location")
    assert NOTHING_SAVED in response.get_data(as_text=True)


def test_a_product_step_posted_while_the_copy_cannot_be_read_is_a_503_and_drops_no_answer(client, db_url):
    chosen_product(client)
    form = step_form(client.get("/etapes/produit").get_data(as_text=True))
    data = {**form.hidden, **{name: as_posted(value) for name, value in PRODUCT.items() if name in form.fields}}
    with beta_syncs_unreadable(db_url):
        assert_nothing_saved_page(client.post(form.action, data=data))
    # The same post once the copy answers again goes on, with every answer kept.
    assert client.post(form.action, data=data).headers["Location"] == "/etapes/administration"
    html = client.get("/etapes/produit").get_data(as_text=True)
    assert 'value="construction" checked' in html and "Sur beta.gouv.fr : Impact CO2" in text(html)


def test_the_result_while_the_copy_cannot_be_read_is_a_503_not_another_verdict(client, db_url):
    chosen_product(client)
    walk(client, {**PRODUCT, "administration_type": "operateur_etat", **MISSION}, start="/etapes/produit")
    with beta_syncs_unreadable(db_url):
        response = client.get("/resultat")
        assert response.status_code == 503 and "Service momentanément indisponible" in response.get_data(as_text=True)
    assert "Vérifié sur beta.gouv.fr" in text(client.get("/resultat").get_data(as_text=True))


def test_a_save_while_the_copy_cannot_be_read_stores_nothing_unverified(client, db_url, db):
    chosen_product(client)
    walk(client, {**PRODUCT, "administration_type": "operateur_etat", **MISSION}, start="/etapes/produit")
    fields = form_fields(client.get("/verification").get_data(as_text=True), "/enregistrer")
    with beta_syncs_unreadable(db_url):
        assert_nothing_saved_page(client.post("/enregistrer", data=fields))
    assert db.scalar(select(func.count()).select_from(Assessment)) == 0
    assert client.post("/enregistrer", data=fields).status_code == 200
    [saved] = db.scalars(select(Assessment)).all()
    assert saved.verified and saved.phase == "consolidation"  # the recorded phase, as the result said
