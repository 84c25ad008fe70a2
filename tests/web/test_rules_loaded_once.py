"""The rules are loaded and checked once, when the app starts, never per request."""
import wizard
import wizard.rules.loading
from answers import ELIGIBLE
from web.journey import walk


def test_no_request_reloads_the_rules(client, monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("règles rechargées pendant une requête")

    monkeypatch.setattr(wizard.rules.loading, "load_rules", forbidden)
    monkeypatch.setattr(wizard, "load_rules", forbidden)
    walk(client, ELIGIBLE)
    for url in ("/", "/verification", "/resultat", "/faq", "/healthz"):
        assert client.get(url).status_code == 200
