"""Attacks on the agent's wizard, on SQLite and PostgreSQL: control characters in answers, a forged Host."""
import pytest

from app_on_database import app, client, rules  # noqa: F401  the app on the test database
from pages import form_fields, text
from answers import OPERATOR as ANSWERS
from web.journey import submit_step, walk


def step_page(response):
    return response.get_data(as_text=True)


@pytest.mark.parametrize("bad", ["\x00", "\x1b", "\x7f"])
def test_a_control_character_in_a_step_answer_is_an_error_at_the_field_and_the_rest_is_kept(client, bad):
    response = submit_step(client, "/etapes/administration", {**ANSWERS, "administration_name": f"DINUM{bad}Data"})
    assert response.status_code == 200  # the step again, with the error, not a 500
    page = step_page(response)
    assert "caractère invisible non autorisé" in text(page) and 'href="#administration_name"' in page
    assert 'value="DINUMData"' in page  # what was typed, less the character refused
    assert 'value="operateur_etat" checked' in page  # the other answers are kept
    assert client.get("/etapes/produit").status_code in (302, 303)  # nothing saved: the step is still to do


def test_a_nul_in_the_dossier_textarea_is_an_error_and_the_other_drafts_are_kept(client):
    walk(client, ANSWERS)
    url = "/etapes/dossier"
    response = submit_step(client, url, {"dossier_probleme": "Le problème\x00", "dossier_incubateur": "Fabrique"})
    assert response.status_code == 200
    page = step_page(response)
    assert "caractère invisible non autorisé" in text(page)
    assert "Le problème</textarea>" in page and 'value="Fabrique"' in page


def test_a_forged_host_never_reaches_the_resume_link(app, client):
    walk(client, ANSWERS)
    fields = form_fields(client.get("/verification").get_data(as_text=True), "/enregistrer")
    name = app.config["SESSION_COOKIE_NAME"]
    client.set_cookie(name, client.get_cookie(name).value, domain="evil.example")  # the agent's own session
    response = client.post("/enregistrer", data=fields, headers={"Host": "evil.example"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "evil.example" not in html
    assert f'{app.config["PUBLIC_URL"]}/reprendre/' in html
