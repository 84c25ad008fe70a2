"""The app on the test database (tests/database.py), for the test modules and folders that import these
fixtures: they take the place of tests/conftest.py's app, client and rules there."""
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from database import MANAGER_EMAIL, MANAGER_PASSWORD
from pages import post_form
from wizard.rules.loading import load_rules
from wizard.store.models import ZipDownload
from wizard.web.pdf_download import ZIP_SLOTS


@pytest.fixture(scope="session")
def rules():
    return load_rules()


@pytest.fixture
def app(db_url, app_for):
    app = app_for(db_url)
    yield app
    # One app per database for the whole run: a streamed ZIP left open holds its slot (wizard/web/pdf_download.py),
    # and the next test's ZIP would be a 503. The test that leaves one open fails, not the next.
    slots = app.extensions[ZIP_SLOTS]
    assert slots.acquire(blocking=False), "un ZIP de rapports est resté ouvert après ce test (fermez la réponse)"
    slots.release()
    # And its row (wizard/store/zip_downloads.py), whichever app streamed it, goes when the response closes.
    with app.extensions["db_engine"].connect() as connection:
        assert not connection.scalar(select(func.count()).select_from(ZipDownload)), "un ZIP est resté en cours en base"


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def manager_client(client, manager):
    """A client logged in as the manager."""
    response = post_form(client, "/gestion/connexion", "/gestion/connexion", email=MANAGER_EMAIL,
                         password=MANAGER_PASSWORD)
    assert response.status_code == 303, response.get_data(as_text=True)
    return client


def served_meanwhile(client, url: str):
    """GET url while a streamed response of the same app is open, in a thread of its own as a server would serve it:
    in the test's thread, the request would run in the open response's app context (its g, its manager)."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(client.get, url).result()
