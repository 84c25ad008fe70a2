"""The database does not answer (issue 13, point 6): /healthz says so with a 503 and its reason; a page that needs
the database answers a DSFR 503 page with Retry-After, and never claims that what was just sent is kept."""
import pytest
from flask.testing import FlaskClient

from checked_app import TEST_CONFIG, make_app
from structure import check_page_structure
from answers import ELIGIBLE
from web.journey import as_posted, step_form
from wizard import create_app

UNREACHABLE = {
    # nothing listens on port 1: the connection is refused at once
    "postgresql": lambda tmp_path: "postgresql+psycopg://postgres@127.0.0.1:1/test",
    # a folder where the database file should be: SQLite cannot open it
    "sqlite": lambda tmp_path: f"sqlite:///{tmp_path}",
}


@pytest.fixture(params=sorted(UNREACHABLE))
def client(request, tmp_path):
    app = create_app({**TEST_CONFIG, "DATABASE_URL": UNREACHABLE[request.param](tmp_path)})
    app.test_client_class = FlaskClient  # the checked client refuses any 5xx; here a 503 is the point
    return app.test_client()


def page_text(response) -> str:
    return response.get_data(as_text=True)


def test_healthz_checks_the_database_and_answers_503_with_the_reason(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json["status"] == "indisponible"
    assert response.json["database"].startswith("base de données injoignable (")
    assert int(response.headers["Retry-After"]) > 0


def test_a_step_posted_while_the_database_is_away_gets_a_503_page_that_does_not_claim_it_was_kept(client):
    # The form as the app showed it while its database answered (the same secret key signs the session).
    shown = make_app().test_client()
    form = step_form(page_text(shown.get("/etapes/administration")))
    name = shown.application.config["SESSION_COOKIE_NAME"]
    client.set_cookie(name, shown.get_cookie(name).value)
    data = {**form.hidden, **{name: as_posted(value) for name, value in ELIGIBLE.items() if name in form.fields}}
    response = client.post(form.action, data=data)
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) > 0
    html = page_text(response)
    check_page_structure(html, "/etapes/administration")
    assert "Service momentanément indisponible" in html
    assert "Ce que vous venez d’envoyer n’a pas pu être enregistré" in html
    assert "conservées" not in html and "Erreur 503" in html
    assert 'href="/etapes/administration"' in html  # the way back to the form


def test_pages_that_need_no_database_still_answer(client):
    for path in ("/faq", "/donnees-personnelles", "/plan-du-site"):
        assert client.get(path).status_code == 200, path


def test_the_start_page_which_lists_the_steps_in_the_order_the_records_give_is_a_503_not_another_order(client):
    # With a copy of beta.gouv.fr's records the product step comes first: without the database, no order is known.
    response = client.get("/")
    assert response.status_code == 503 and "Service momentanément indisponible" in page_text(response)


def test_an_unexpected_error_on_a_post_does_not_claim_the_answers_were_kept():
    app = create_app({**TEST_CONFIG, "PROPAGATE_EXCEPTIONS": False, "WTF_CSRF_ENABLED": False})

    @app.post("/_panne")
    def broken():
        raise RuntimeError("panne")

    response = app.test_client().post("/_panne", data={"x": "1"})
    assert response.status_code == 500
    html = page_text(response)
    assert "conservées" not in html
    assert "Ce que vous venez d’envoyer n’a peut-être pas été enregistré" in html
