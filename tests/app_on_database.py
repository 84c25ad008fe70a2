"""The app on the test database (tests/database.py), for the test modules and folders that import these
fixtures: they take the place of tests/conftest.py's app, client and rules there."""
import pytest

from database import MANAGER_EMAIL, MANAGER_PASSWORD
from pages import post_form
from wizard.rules.loading import load_rules
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
