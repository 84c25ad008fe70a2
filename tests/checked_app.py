"""The app as the tests configure it, with a test client that checks every page it gets."""
from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

from flask.testing import FlaskClient

from structure import check_page_structure
from wizard import create_app
from wizard.store import schema

# The public address the absolute links start with (EIG_PUBLIC_URL): the test client's own.
TEST_CONFIG = {"TESTING": True, "SECRET_KEY": "clef-de-test-" * 4, "PUBLIC_URL": "http://localhost"}


class CheckedClient(FlaskClient):
    """Every HTML page passes the structural check; no request may end in a server error."""

    def open(self, *args, **kwargs):
        response = super().open(*args, **kwargs)
        assert response.status_code < 500, f"{response.request.path} : erreur {response.status_code}"
        if response.mimetype == "text/html":
            check_page_structure(response.get_data(as_text=True), response.request.path)
        return response


@cache
def migrated_database_url() -> str:
    """A migrated SQLite database of the test run's own (the wizard keeps its drafts there)."""
    url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='eig-tests-')) / 'eig-wizard.sqlite3'}"
    schema.upgrade(url)
    return url


def make_app(**overrides):
    app = create_app({**TEST_CONFIG, "DATABASE_URL": migrated_database_url(), **overrides})
    app.test_client_class = CheckedClient
    return app
