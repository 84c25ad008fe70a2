"""A real OpenID provider for the tests (tests/oidc/provider.mjs, npm oidc-provider run by node on loopback),
started and stopped around the tests that sign in with ProConnect; and a person's way through its pages."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tests" / "oidc" / "provider.mjs"
CLIENT_ID = "eig-wizard-test"
CLIENT_SECRET = "secret-du-client-de-test-" * 2


@dataclass
class Provider:
    issuer: str

    def set_mode(self, mode: str = "") -> None:
        """Make the provider misbehave on its next answers (see provider.mjs), or behave again."""
        requests.post(f"{self.issuer}/__test/mode", data={"mode": mode}, timeout=5).raise_for_status()

    def config(self, **more) -> dict:
        """The app's settings for this provider."""
        return {"PROCONNECT_ISSUER": self.issuer, "PROCONNECT_CLIENT_ID": CLIENT_ID,
                "PROCONNECT_CLIENT_SECRET": CLIENT_SECRET, **more}


@contextmanager
def running_provider(app_urls: list[str]):
    """The provider, for apps served at `app_urls` (their callbacks registered); stopped at the end."""
    if shutil.which("node") is None or not (ROOT / "node_modules" / "oidc-provider").is_dir():
        pytest.skip("node ou le paquet npm oidc-provider est absent : lancez npm ci (make install)")
    env = {**os.environ, "CLIENT_ID": CLIENT_ID, "CLIENT_SECRET": CLIENT_SECRET,
           "REDIRECT_URIS": ",".join(f"{url}/gestion/proconnect/retour" for url in app_urls),
           "POST_LOGOUT_REDIRECT_URIS": ",".join(f"{url}/gestion/proconnect/fin" for url in app_urls)}
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(["node", str(SCRIPT)], stdout=subprocess.PIPE, stderr=errors, env=env, text=True)
        try:
            line = process.stdout.readline()
            if not line:
                errors.seek(0)
                raise RuntimeError(f"le fournisseur OpenID n'a pas démarré : {errors.read().decode()}")
            yield Provider(json.loads(line)["issuer"])
        finally:
            process.terminate()
            process.wait(timeout=10)


def through_provider(authorize_url: str, app_url: str, email: str, acr: str = "eidas1", sub: str = "",
                     browser: requests.Session | None = None) -> str:
    """A person's way through the provider's pages (its login form filled), up to the redirect back to the app:
    return that address's path and query. `browser` keeps the provider's cookies (its session) between calls."""
    browser = browser or requests.Session()
    response = browser.get(authorize_url, allow_redirects=False, timeout=10)
    while True:
        location = response.headers.get("Location", "")
        if location.startswith(app_url):
            parts = urlsplit(location)
            return f"{parts.path}?{parts.query}"
        if response.status_code in (302, 303):
            response = browser.get(requests.compat.urljoin(response.url, location), allow_redirects=False, timeout=10)
        elif "/interaction/" in response.url and response.status_code == 200:
            response = browser.post(response.url, data={"email": email, "acr": acr, "sub": sub},
                                    allow_redirects=False, timeout=10)
        else:
            raise AssertionError(f"réponse inattendue du fournisseur : {response.status_code} {response.text[:300]}")
