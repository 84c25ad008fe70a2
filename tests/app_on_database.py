"""The app on the test database (tests/database.py), for the test modules and folders that import these
fixtures: they take the place of tests/conftest.py's app, client and rules there."""
import pytest

from database import MANAGER_EMAIL, MANAGER_PASSWORD
from pages import post_form
from wizard.rules.loading import load_rules


@pytest.fixture(scope="session")
def rules():
    return load_rules()


@pytest.fixture
def app(db_url, app_for):
    return app_for(db_url)


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
