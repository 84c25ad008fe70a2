"""ProConnect in Chromium, against the real OpenID provider on loopback (tests/oidc_provider.py): a manager signs
in with the button, reaches /gestion/, signs out, and the provider's session has ended (the next sign-in asks
again). The sign-in page with the button, and the refusal page, pass axe and the Nu checker at 390 and 1280 px.

Runs on SQLite only (tests/database.py): the browser adds nothing the other backend would change."""
import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from oidc_provider import running_provider
from wizard import create_app
from wizard.manage import accounts

pytestmark = pytest.mark.parametrize("migrated_url", ["sqlite"], indirect=True)
EMAIL = "camille.martin@numerique.gouv.fr"
WIDTHS = (1280, 390)


@pytest.fixture
def server(db_url, tmp_path):
    """The app on a port known before the provider starts (its callbacks are registered there), then served."""
    import threading

    holder = {}
    http = make_server("127.0.0.1", 0, lambda environ, start: holder["app"](environ, start), threaded=True)
    url = f"http://127.0.0.1:{http.server_port}"
    with running_provider([url]) as provider:
        holder["app"] = create_app({"TESTING": True, "SECRET_KEY": "clef-de-test-" * 4, "DATABASE_URL": db_url,
                                    "SESSION_COOKIE_SECURE": False, "PUBLIC_URL": url,
                                    "PDF_CACHE_DIR": str(tmp_path), **provider.config()})
        thread = threading.Thread(target=http.serve_forever, daemon=True)
        thread.start()
        try:
            yield url, provider
        finally:
            http.shutdown()
            http.server_close()
            thread.join()


def through_the_provider(page, email):
    page.get_by_role("button", name="S’identifier avec ProConnect").click()
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_role("button", name="Se connecter au fournisseur").click()


def check_at_both_widths(page, name, assert_no_axe_violations, screenshot, nu_errors):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert_no_axe_violations(page)
        screenshot(page, f"{name}-{width}")
    # The page as served (axe, injected above, is no part of it); the same address, with the browser's cookies.
    assert nu_errors(page.request.get(page.url).text()) == []


def test_a_manager_signs_in_and_out_with_proconnect(page, server, db, assert_no_axe_violations, screenshot,
                                                     nu_errors):
    url, provider = server
    accounts.add_manager(db, EMAIL, None)
    page.goto(url + "/gestion/")
    expect(page.get_by_role("link", name="Qu’est-ce que ProConnect ?")).to_have_attribute(
        "href", "https://www.proconnect.gouv.fr/")
    check_at_both_widths(page, "gestion-connexion-proconnect", assert_no_axe_violations, screenshot, nu_errors)
    through_the_provider(page, EMAIL)
    expect(page.get_by_role("heading", level=1)).to_have_text("Évaluations enregistrées")
    expect(page.get_by_text(EMAIL)).to_be_visible()
    page.get_by_role("button", name="Se déconnecter").click()
    # The provider's logout page (its session ends there), then back to the app's sign-in page.
    page.get_by_role("button", name="Se déconnecter du fournisseur").click()
    expect(page).to_have_url(url + "/gestion/connexion")
    expect(page.get_by_role("status")).to_contain_text("Vous êtes déconnectée ou déconnecté.")
    page.goto(url + "/gestion/")
    expect(page).to_have_url(url + "/gestion/connexion?suivant=/gestion/")
    # The next sign-in asks again: the provider's form, not a silent return.
    page.get_by_role("button", name="S’identifier avec ProConnect").click()
    expect(page.get_by_label("Adresse électronique")).to_be_visible()
    assert page.url.startswith(provider.issuer + "/interaction/")


def test_an_email_not_allowed_sees_whom_to_ask(page, server, assert_no_axe_violations, screenshot, nu_errors):
    url, _ = server
    page.goto(url + "/gestion/connexion")
    through_the_provider(page, "quelquun@exemple.fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Connexion avec ProConnect refusée")
    expect(page.get_by_text("Aucun compte n’a été créé.")).to_be_visible()
    check_at_both_widths(page, "gestion-proconnect-refus", assert_no_axe_violations, screenshot, nu_errors)
    page.get_by_role("link", name="Revenir à la page de connexion").click()
    expect(page).to_have_url(url + "/gestion/connexion")
