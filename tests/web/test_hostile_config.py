"""Production settings that an attacker would welcome are refused at start; the session cookie is host-bound."""
import secrets

import pytest

from checked_app import OPERATOR_ENV, make_app
from answers import ELIGIBLE
from web.journey import submit_step
from wizard import create_app
from wizard.config import UnsafeConfiguration

STRONG_KEY = secrets.token_hex(32)


@pytest.fixture
def production(monkeypatch):
    """The environment of a production start; each test sets or breaks one variable."""
    for name in ("EIG_EMBEDDED", "SECRET_KEY", "EIG_PUBLIC_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SECRET_KEY", STRONG_KEY)
    monkeypatch.setenv("EIG_PUBLIC_URL", "https://eig.numerique.gouv.fr")
    for name, value in OPERATOR_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("SENTRY_DSN", raising=False)
    return monkeypatch


@pytest.mark.parametrize("key", ["a" * 32, " " * 32, "clef-de-test-" * 4, "abcdefghijklmnopqrstuvwxyz0123456789",
                                 "motdepassemotdepassemotdepasse1234"])
def test_a_secret_key_long_enough_but_predictable_stops_production(production, key):
    production.setenv("SECRET_KEY", key)
    with pytest.raises(UnsafeConfiguration, match="SECRET_KEY est trop prévisible"):
        create_app()


def test_a_random_secret_key_starts_production(production):
    assert create_app().config["SECRET_KEY"] == STRONG_KEY
    production.setenv("SECRET_KEY", secrets.token_hex(16))  # 32 random hexadecimal characters: enough
    create_app()


@pytest.mark.parametrize("url", [None, "", "eig.numerique.gouv.fr", "javascript:alert(1)", "https://eig.gouv.fr/chemin",
                                 "https://eig.gouv.fr/?x=1"])
def test_production_needs_a_public_address_to_build_its_links(production, url):
    if url is None:
        production.delenv("EIG_PUBLIC_URL")
    else:
        production.setenv("EIG_PUBLIC_URL", url)
    with pytest.raises(UnsafeConfiguration, match="EIG_PUBLIC_URL"):
        create_app()


def test_the_production_session_cookie_is_host_bound(production):
    app = create_app({"DATABASE_URL": make_app().config["DATABASE_URL"]})
    client = app.test_client()
    header = client.get("/etapes/administration", base_url="https://eig.numerique.gouv.fr").headers["Set-Cookie"]
    assert header.startswith("__Host-session=")
    assert "; Secure" in header and "; Path=/" in header and "Domain=" not in header


def test_the_embedded_run_keeps_a_plain_cookie_name(monkeypatch):
    monkeypatch.setenv("EIG_EMBEDDED", "1")
    client = make_app().test_client()
    assert client.get("/etapes/administration").headers["Set-Cookie"].startswith("session=")
    assert submit_step(client, "/etapes/administration", ELIGIBLE).status_code == 303


@pytest.mark.parametrize("name", [*OPERATOR_ENV, "EIG_ERROR_TRACKER"])
def test_production_refuses_a_missing_operator_s_detail_with_its_variable_s_name(production, name):
    production.setenv("SENTRY_DSN", "https://cle@sentry.exemple.fr/1")  # which makes the error tracker a sub-processor
    production.setenv("EIG_ERROR_TRACKER", "Sentry de l’exemple, hébergé en France")
    production.delenv(name)
    with pytest.raises(UnsafeConfiguration, match=f"^{name} n'est pas défini"):
        create_app()


@pytest.mark.parametrize("expires", ["2020-01-01", "dans un an", "2999-12-31"])
def test_production_refuses_a_security_txt_expiry_past_or_more_than_a_year_ahead(production, expires):
    production.setenv("EIG_SECURITY_EXPIRES", expires)
    with pytest.raises(UnsafeConfiguration, match="EIG_SECURITY_EXPIRES"):
        create_app()


def test_the_error_tracker_is_required_only_with_error_tracking(production):
    production.delenv("EIG_ERROR_TRACKER", raising=False)
    create_app()
