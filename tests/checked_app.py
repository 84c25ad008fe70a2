"""The app as the tests configure it, with a test client that checks every page it gets."""
from __future__ import annotations

import tempfile
from datetime import date, timedelta
from functools import cache, cached_property
from pathlib import Path

from flask.testing import FlaskClient
from flask.wrappers import Response

from pages import Page

from structure import check_page_structure
from wizard import create_app
from wizard.config import OPERATOR_DETAILS
from wizard.store import schema

# A fixed day during the call for projects, so that the pages do not change with the calendar (the calendar's
# own tests set other days); the public address the absolute links start with (EIG_PUBLIC_URL): the test client's.
DURING_THE_CALL = date(2024, 5, 6)
TEST_CONFIG = {"TESTING": True, "SECRET_KEY": "clef-de-test-" * 4, "TODAY": DURING_THE_CALL,
               "PUBLIC_URL": "http://localhost"}

# What an operator states in production (wizard/config.py, OPERATOR_DETAILS), each one required there.
OPERATOR_ENV = {"EIG_HOST": "Hébergeur exemple SAS, 1 rue de la Paix, 75002 Paris, 01 23 45 67 89",
                "EIG_DPO_CONTACT": "dpd@exemple.gouv.fr", "EIG_SECURITY_CONTACT": "mailto:securite@exemple.gouv.fr",
                "EIG_SECURITY_EXPIRES": (date.today() + timedelta(days=300)).isoformat(),
                "EIG_ACCESSIBILITY_PLAN_URL": "https://exemple.gouv.fr/schema-pluriannuel.pdf",
                "EIG_ACCESSIBILITY_PLAN_YEARS": "2025-2027",
                "EIG_ACCESSIBILITY_ACTION_PLAN_URL": "https://exemple.gouv.fr/plan-action-2026.pdf",
                "EIG_ACCESSIBILITY_ACTION_PLAN_YEAR": "2026"}

# The same, as the app's settings (for make_app).
OPERATOR_CONFIG = {key: OPERATOR_ENV[name] for key, (name, _) in OPERATOR_DETAILS.items()}


class CheckedResponse(Response):
    @cached_property
    def page(self) -> Page:
        """The page, parsed once and read by meaning (tests/pages.py)."""
        return Page(self.get_data(as_text=True))


class CheckedClient(FlaskClient):
    """Every HTML page passes the structural check; no request may end in a server error. Each response has its
    page, read by meaning (response.page)."""

    def __init__(self, app, response_wrapper=None, **kwargs):
        super().__init__(app, CheckedResponse, **kwargs)

    def open(self, *args, **kwargs):
        response = super().open(*args, **kwargs)
        assert response.status_code < 500, f"{response.request.path} : erreur {response.status_code}"
        if response.mimetype == "text/html":
            check_page_structure(response.get_data(as_text=True), response.request.path, redirect=300 <= response.status_code < 400)
        return response


@cache
def migrated_database_url() -> str:
    """A migrated SQLite database of the test run's own (the wizard keeps its drafts there)."""
    url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='eig-tests-')) / 'eig-wizard.sqlite3'}"
    schema.upgrade(url)
    return url


def pdf_cache_dir() -> str:
    """A PDF cache of the app's own: a PDF kept by another test or an earlier run would hide the work measured."""
    return tempfile.mkdtemp(prefix="eig-pdf-")


def outbox_dir() -> str:
    """The .eml files of an app without an SMTP server: never the project's instance/outbox/."""
    return tempfile.mkdtemp(prefix="eig-outbox-")


def make_app(**overrides):
    app = create_app({**TEST_CONFIG, "DATABASE_URL": migrated_database_url(), "PDF_CACHE_DIR": pdf_cache_dir(),
                      "OUTBOX_DIR": outbox_dir(), **overrides})
    app.test_client_class = CheckedClient
    return app
