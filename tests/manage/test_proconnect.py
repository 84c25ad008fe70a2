"""Signing in to /gestion with ProConnect, against a real OpenID provider on loopback (tests/oidc_provider.py):
the way in, and each refusal (a French page, no session, nothing created)."""
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from sqlalchemy import func, select

from oidc_provider import running_provider, through_provider
from pages import post_form
from wizard import create_app
from wizard.manage import accounts
from wizard.store.models import Manager, ManagerSession

APP_URL = "http://localhost"
EMAIL = "camille.martin@numerique.gouv.fr"


@pytest.fixture(scope="module")
def provider():
    with running_provider([APP_URL]) as provider:
        yield provider


@pytest.fixture
def app(db_url, provider, tmp_path):
    provider.set_mode("")
    return create_app({"TESTING": True, "SECRET_KEY": "clef-de-test-" * 4, "DATABASE_URL": db_url,
                       "SESSION_COOKIE_SECURE": False, "PUBLIC_URL": APP_URL, "PDF_CACHE_DIR": str(tmp_path),
                       **provider.config(PROCONNECT_DOMAINS=("beta.gouv.fr",))})


@pytest.fixture
def client(app):
    return app.test_client()


def authorize(client) -> str:
    response = post_form(client, "/gestion/connexion", "/gestion/proconnect")
    assert response.status_code == 303
    return response.headers["Location"]


def sign_in(client, email=EMAIL, acr="eidas1", sub="", browser=None):
    back = through_provider(authorize(client), APP_URL, email, acr=acr, sub=sub, browser=browser)
    return client.get(back)


def sessions(db) -> int:
    return db.scalar(select(func.count()).select_from(ManagerSession))


def assert_refused(response, words, db):
    assert response.status_code == 403
    page = response.get_data(as_text=True)
    assert "Connexion avec ProConnect refusée" in page
    assert words in page
    assert sessions(db) == 0


def test_the_authorization_request_is_the_one_proconnect_documents(client, provider):
    query = parse_qs(urlsplit(authorize(client)).query)
    assert query["scope"] == ["openid email given_name usual_name uid siret organization_label"]
    assert len(query["state"][0]) >= 32 and len(query["nonce"][0]) >= 32
    assert '"acr":{"essential":true,"values":["eidas1","eidas1-mfa","eidas2","eidas3"]}' in query["claims"][0]
    assert query["response_type"] == ["code"]


def test_a_listed_manager_signs_in_and_out_and_the_provider_session_ends(client, db, provider):
    accounts.add_manager(db, EMAIL.upper(), None)  # listed with `user add --proconnect`, in capitals
    browser = requests.Session()
    response = sign_in(client, browser=browser)
    assert response.status_code == 303 and response.headers["Location"] == "/gestion/"
    assert EMAIL in client.get("/gestion/").get_data(as_text=True)
    manager = db.scalar(select(Manager).where(Manager.email == EMAIL))
    db.refresh(manager)
    assert manager.proconnect_sub == f"sub-{EMAIL}" and manager.name == "Camille Martin"
    logout = post_form(client, "/gestion/", "/gestion/deconnexion")
    assert sessions(db) == 0  # the local session ended first
    end = urlsplit(logout.headers["Location"])
    assert f"{end.scheme}://{end.netloc}" == provider.issuer
    query = parse_qs(end.query)
    assert query["post_logout_redirect_uri"] == [f"{APP_URL}/gestion/proconnect/fin"]
    assert query["id_token_hint"] and len(query["state"][0]) >= 32
    # The provider's logout page, confirmed: it sends back to the app with the same state.
    page = browser.get(logout.headers["Location"], timeout=10)
    form = dict(re.findall(r'name="(\w+)" value="([^"]*)"', page.text))
    done = browser.post(requests.compat.urljoin(page.url, re.search(r'action="([^"]+)"', page.text).group(1)),
                        data={**form, "logout": "yes"}, allow_redirects=False, timeout=10)
    while not done.headers["Location"].startswith(APP_URL):
        done = browser.get(requests.compat.urljoin(done.url, done.headers["Location"]), allow_redirects=False, timeout=10)
    back = urlsplit(done.headers["Location"])
    assert parse_qs(back.query)["state"] == query["state"]
    assert "Vous êtes déconnecté" in client.get(f"{back.path}?{back.query}", follow_redirects=True).get_data(as_text=True)
    # The provider's session ended: the next sign-in asks again (its login form), with the same browser.
    again = browser.get(authorize(client), timeout=10)
    assert "/interaction/" in again.url and 'name="email"' in again.text


def test_the_same_sub_keeps_its_account_when_the_email_changes(client, db):
    accounts.add_manager(db, EMAIL, None)
    assert sign_in(client, sub="agent-42").status_code == 303
    post_form(client, "/gestion/", "/gestion/deconnexion")
    assert sign_in(client, email="c.martin@numerique.gouv.fr", sub="agent-42").status_code == 303
    assert db.scalar(select(func.count()).select_from(Manager)) == 1
    assert "c.martin@numerique.gouv.fr" in client.get("/gestion/").get_data(as_text=True)


def test_an_allowed_domain_opens_a_read_only_account(client, db):
    assert sign_in(client, email="Dominique@Beta.Gouv.fr").status_code == 303
    manager = db.scalar(select(Manager))
    assert (manager.email, manager.role) == ("dominique@beta.gouv.fr", "lecture")


def test_an_email_not_allowed_is_refused_and_creates_nothing(client, db):
    response = sign_in(client, email="quelquun@exemple.fr")
    assert_refused(response, "n’est pas sur la liste des responsables", db)
    assert db.scalar(select(func.count()).select_from(Manager)) == 0
    assert client.get("/gestion/").status_code == 302


def test_a_wrong_state_is_refused(client, db):
    accounts.add_manager(db, EMAIL, None)
    back = through_provider(authorize(client), APP_URL, EMAIL)
    path, query = back.split("?")
    wrong = "&".join(part if not part.startswith("state=") else "state=" + "x" * 43 for part in query.split("&"))
    assert_refused(client.get(f"{path}?{wrong}"), "ne vient pas de ce navigateur", db)


def test_a_replayed_code_is_refused(client, db):
    accounts.add_manager(db, EMAIL, None)
    first = through_provider(authorize(client), APP_URL, EMAIL)
    assert client.get(first).status_code == 303
    post_form(client, "/gestion/", "/gestion/deconnexion")
    # A new sign-in's state, with the code already used: the provider refuses it.
    second = through_provider(authorize(client), APP_URL, EMAIL)
    code = parse_qs(urlsplit(first).query)["code"][0]
    state = parse_qs(urlsplit(second).query)["state"][0]
    assert_refused(client.get(f"/gestion/proconnect/retour?code={code}&state={state}"), "déjà utilisé", db)


@pytest.mark.parametrize("mode", ["id-token-expired", "id-token-bad-signature", "id-token-wrong-nonce"])
def test_a_bad_id_token_is_refused(client, db, provider, mode):
    accounts.add_manager(db, EMAIL, None)
    provider.set_mode(mode)
    assert_refused(sign_in(client), "La preuve de connexion envoyée par ProConnect n’est pas valable", db)


def test_a_userinfo_signed_by_another_key_is_refused(client, db, provider):
    accounts.add_manager(db, EMAIL, None)
    provider.set_mode("userinfo-other-key")
    assert_refused(sign_in(client), "Les informations de votre compte", db)


def test_a_too_low_acr_is_refused(client, db):
    accounts.add_manager(db, EMAIL, None)
    assert_refused(sign_in(client, acr="eidas0"), "niveau de garantie", db)


def test_the_policy_lets_forms_go_to_the_provider_only(client, provider):
    policy = client.get("/gestion/connexion").headers["Content-Security-Policy"]
    assert f"form-action 'self' {provider.issuer};" in policy + ";"
