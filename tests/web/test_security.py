"""Security headers on every page, cookie flags, and the refusal to run in production without a secret key."""
import base64
import hashlib
import re

import pytest

from checked_app import make_app
from answers import ELIGIBLE
from web.journey import submit_step, walk
from wizard import create_app
from wizard.config import UnsafeConfiguration

PAGES = ["/", "/etapes/administration", "/etapes/produit", "/etapes/mission", "/etapes/criteres", "/etapes/profils",
         "/verification", "/resultat", "/faq", "/healthz", "/inexistante", "/static/css/app.css",
         "/static/dsfr/1.15.3/dsfr.min.css"]
# The one inline script (it marks the page for the DSFR's script before the first paint), allowed by its hash.
FLAG = "if('noModule'in HTMLScriptElement.prototype)document.documentElement.setAttribute('data-eig-js','')"
FLAG_HASH = "'sha256-" + base64.b64encode(hashlib.sha256(FLAG.encode()).digest()).decode() + "'"
CSP = (f"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self' {FLAG_HASH}; "
       "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")


@pytest.fixture
def walked(client):
    walk(client, ELIGIBLE)
    return client


@pytest.mark.parametrize("url", PAGES)
def test_every_page_has_the_security_headers(walked, url):
    response = walked.get(url)
    assert response.status_code in (200, 404)
    headers = response.headers
    assert headers["Content-Security-Policy"] == CSP
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Strict-Transport-Security" not in headers  # plain HTTP


def test_the_only_inline_script_is_the_one_the_policy_allows_by_its_hash(client):
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", client.get("/").get_data(as_text=True), re.S)
    assert [body for attributes, body in scripts if "src=" not in attributes] == [FLAG]


def test_error_pages_have_them_too(client):
    for response in (client.post("/etapes/administration"), client.get("/enregistrer")):
        assert response.status_code in (400, 405)
        assert response.headers["Content-Security-Policy"] == CSP
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_wizard_pages_are_not_stored_by_caches(walked):
    for url in ("/etapes/administration", "/verification", "/resultat"):
        assert walked.get(url).headers["Cache-Control"] == "no-store"


def test_hsts_over_https_only_and_when_configured():
    app = make_app(HSTS=True)
    client = app.test_client()
    assert "Strict-Transport-Security" not in client.get("/").headers
    assert client.get("/", base_url="https://localhost").headers["Strict-Transport-Security"].startswith("max-age=31536000")
    quiet = make_app(HSTS=False).test_client()
    assert "Strict-Transport-Security" not in quiet.get("/", base_url="https://localhost").headers


def test_session_cookie_is_httponly_lax_and_secure_outside_the_embedded_run(client):
    client.get("/etapes/administration")  # the CSRF token opens the session
    cookie = client.get_cookie(client.application.config["SESSION_COOKIE_NAME"])
    assert cookie.http_only and cookie.same_site == "Lax" and cookie.secure


def test_the_embedded_run_does_without_secure_cookies(monkeypatch):
    monkeypatch.setenv("EIG_EMBEDDED", "1")
    client = make_app().test_client()  # the tests' configuration, over the embedded run's environment
    cookie = client.get("/etapes/administration").headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    saved = submit_step(client, "/etapes/administration", ELIGIBLE).headers["Set-Cookie"]
    assert "Expires=" in saved  # a permanent session, with the configured lifetime
    assert "Set-Cookie" not in client.get("/static/css/app.css").headers  # unchanged: not sent again


def test_requests_are_bounded_in_size(app):
    assert app.config["MAX_CONTENT_LENGTH"] == 256 * 1024


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("EIG_EMBEDDED", raising=False)
    with pytest.raises(UnsafeConfiguration, match="SECRET_KEY n'est pas défini"):
        create_app()


def test_health_check_says_the_rules_are_loaded(client, rules):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "rules_version": rules.version}


@pytest.mark.parametrize("proxies, address, scheme", [(0, "127.0.0.1", "http"), (1, "203.0.113.7", "https")])
def test_forwarded_headers_are_trusted_only_behind_a_configured_proxy(proxies, address, scheme):
    app = make_app(PROXIES=proxies)

    @app.get("/_client")
    def client_seen():
        from flask import request
        return {"address": request.remote_addr, "scheme": request.scheme}

    seen = app.test_client().get("/_client", headers={"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"}).json
    assert seen == {"address": address, "scheme": scheme}
