"""Bad input of every kind gets a clear French answer with a way forward, never a server error."""
import re
import secrets
import time

import itsdangerous
import pytest
from flask.testing import FlaskClient

from checked_app import OPERATOR_CONFIG, make_app
from answers import ELIGIBLE
from web.journey import step_form, submit_step, walk


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))).replace("&#39;", "'")


def form_of(client, url):
    return step_form(client.get(url).get_data(as_text=True))


def test_a_missing_answer_is_shown_in_the_summary_and_at_the_field(client):
    response = submit_step(client, "/etapes/administration", {"administration_name": "DINUM"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<title>Étape 1 sur 7 – Votre administration – Erreur – Éligibilité EIG</title>" in html
    assert 'role="alert"' in html
    assert '<a href="#administration_type-0">Répondez à la question «\u202fQuel type d&#39;organisme public porte le projet\u202f?\u202f».</a>' in html
    assert 'id="administration_type-error-1"' in html
    assert 'value="DINUM"' in html  # the other answer is kept


@pytest.mark.parametrize("value", ["inconnue", "transfer"])  # a forged value, an option no longer offered
def test_an_unknown_option_is_an_error_at_its_field(client, value):
    submit_step(client, "/etapes/administration", ELIGIBLE)
    response = submit_step(client, "/etapes/produit", {"beta_page_published": True}, phase=value)
    assert response.status_code == 200
    assert f"« {value} » n'est pas une réponse possible à la question « Dans quelle phase est votre produit ? »" in text(response)
    assert 'value="oui" checked' in response.get_data(as_text=True)


def test_an_unknown_level_is_an_error(client):
    walk(client, ELIGIBLE)
    response = submit_step(client, "/etapes/criteres", ELIGIBLE, sponsoring="7")
    assert "« 7 » n'est pas une réponse possible à la question « Poids et qualité du sponsoring »" in text(response)


def test_an_oversized_field_is_an_error_at_its_field(client):
    response = submit_step(client, "/etapes/administration", {**ELIGIBLE, "administration_name": "x" * 201})
    assert response.status_code == 200
    assert "ne doit pas dépasser 200 caractères" in text(response)
    html = response.get_data(as_text=True)
    # No maxlength: a browser would cut a paste without a word. The limit is said; the text comes back whole.
    assert ' maxlength="200"' not in html and 'data-eig-maxlength="200"' in html and "x" * 201 in html
    assert "200 caractères maximum" in text(response)


def test_a_product_page_address_of_the_wrong_form_is_an_error(client):
    submit_step(client, "/etapes/administration", ELIGIBLE)
    submit_step(client, "/etapes/produit", ELIGIBLE)
    response = submit_step(client, "/etapes/produit", {**ELIGIBLE, "beta_page_url": "https://example.org/x"})
    assert "Indiquez l'adresse d'une fiche produit" in text(response)


def test_an_oversized_request_gets_a_french_page_back_to_the_form(client):
    token = form_of(client, "/etapes/administration").hidden["csrf_token"]
    response = client.post("/etapes/administration", data={"csrf_token": token, "administration_name": "x" * 300_000})
    assert response.status_code == 413
    assert "Votre envoi est trop volumineux" in text(response)
    assert 'href="/etapes/administration">Revenir à la page' in response.get_data(as_text=True)


def test_a_missing_csrf_token_gets_a_french_page_with_a_way_back(client):
    walk(client, ELIGIBLE)
    response = client.post("/etapes/produit", data={"phase": "construction"})
    assert response.status_code == 400
    assert "Votre formulaire n’a pas pu être envoyé" in text(response)
    assert 'href="/etapes/produit">Revenir à la page' in response.get_data(as_text=True)
    assert "Vos réponses précédentes sont toujours dans ce navigateur" in text(response)  # true: they are
    assert client.get("/verification").status_code == 200  # the answers are kept


def test_a_wrong_csrf_token_without_answers_says_they_are_gone_and_leads_to_the_links(client):
    response = client.post("/etapes/administration", data={"csrf_token": "faux", "administration_type": "autre"})
    assert response.status_code == 400
    page = text(response)
    assert "Votre formulaire n’a pas pu être envoyé" in page and "ne sont plus là" in page
    assert "toujours dans ce navigateur" not in page and "Revenir à la page" not in page
    assert 'href="/recevoir-mon-lien">Recevoir à nouveau mon lien' in response.get_data(as_text=True)


def test_a_csrf_token_of_another_session_is_refused(app):
    one, other = app.test_client(), app.test_client()
    token = form_of(one, "/etapes/administration").hidden["csrf_token"]
    form_of(other, "/etapes/administration")
    response = other.post("/etapes/administration", data={"csrf_token": token, "administration_type": "autre"})
    assert response.status_code == 400


def test_restarting_without_token_is_refused_with_a_way_home(client):
    response = client.post("/recommencer")
    assert response.status_code == 400
    assert 'href="/">Revenir à l’accueil' in response.get_data(as_text=True)


def test_a_forged_session_cookie_reads_as_no_answers(client):
    walk(client, ELIGIBLE)
    name = client.application.config["SESSION_COOKIE_NAME"]
    cookie = client.get_cookie(name).value
    client.set_cookie(name, cookie[:-4] + ("AAAA" if not cookie.endswith("AAAA") else "BBBB"))
    response = client.get("/resultat")
    assert response.status_code == 303 and response.headers["Location"] == "/etapes/administration"
    page = text(client.get("/etapes/administration"))
    assert "Votre session a expiré ou vos réponses n’ont pas pu être relues" in page


def test_an_expired_session_sends_back_to_the_first_step(app, client, monkeypatch):
    submit_step(client, "/etapes/administration", ELIGIBLE)
    lifetime = app.permanent_session_lifetime.total_seconds()
    later = time.time() + lifetime + 60
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: later)
    response = client.get("/etapes/produit")
    assert response.status_code == 303 and response.headers["Location"] == "/etapes/administration"
    assert "Votre session a expiré" in text(client.get("/etapes/administration"))


def test_a_post_after_the_session_expired_gets_the_csrf_page(app, client, monkeypatch):
    token = form_of(client, "/etapes/administration").hidden["csrf_token"]
    later = time.time() + app.permanent_session_lifetime.total_seconds() + 60
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: later)
    response = client.post("/etapes/administration", data={"csrf_token": token, "administration_type": "autre"})
    assert response.status_code == 400
    assert "Votre session a expiré" in text(response)


def test_unknown_page_and_unknown_step_are_404_in_french(client):
    for url in ("/inexistante", "/etapes/inexistante"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Page non trouvée" in text(response)


def test_a_wrong_method_gets_a_french_page(client):
    response = client.get("/enregistrer")
    assert response.status_code == 405
    assert "Cette page n’est pas disponible" in text(response)


def test_an_unexpected_error_gets_a_french_page_without_traceback():
    app = make_app(TESTING=False, SECRET_KEY=secrets.token_hex(32), **OPERATOR_CONFIG)  # production's checks pass

    @app.get("/panne")
    def broken():
        raise RuntimeError("boom")

    app.test_client_class = FlaskClient  # the only request of the suite that must end in a 500
    response = app.test_client().get("/panne")
    assert response.status_code == 500
    assert "Erreur inattendue" in text(response) and "boom" not in text(response) and "Traceback" not in text(response)
    assert "écrivez à l’équipe du programme : eig@beta.gouv.fr." in text(response)  # the contact from the rules
