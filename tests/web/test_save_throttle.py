"""Unbounded anonymous saves (issue 26, weak 9): a client address saves at most EIG_SAVES_PER_HOUR new
assessments an hour, counted in the database (every app process counts the same saves), the address read as
EIG_PROXIES says; past it, a French 429 page with Retry-After, and nothing stored. Updates are not counted."""
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from flask.testing import FlaskClient
from sqlalchemy import func, select

from answers import OPERATOR as ANSWERS
from browser.server import serve_wsgi
from checked_app import TEST_CONFIG, pdf_cache_dir
from pages import form_fields, text
from structure import check_page_structure
from web.journey import walk
from wizard import create_app
from wizard.store.models import Assessment

ALLOWANCE = 3
OFFICE, ELSEWHERE = "203.0.113.7", "198.51.100.2"


@pytest.fixture
def throttled_app(db_url):
    return create_app({**TEST_CONFIG, "DATABASE_URL": db_url, "PDF_CACHE_DIR": pdf_cache_dir(), "PROXIES": 1,
                       "SAVES_PER_HOUR": ALLOWANCE})


def agent(app, address):
    client = FlaskClient(app, use_cookies=True)
    client.environ_base["HTTP_X_FORWARDED_FOR"] = address
    walk(client, ANSWERS)
    return client


def save(client, action="nouvelle"):
    fields = form_fields(client.get("/verification").get_data(as_text=True), "/enregistrer")
    return client.post("/enregistrer", data={**fields, "action": action})


def count(db) -> int:
    return db.scalar(select(func.count()).select_from(Assessment))


def test_a_client_saving_more_than_its_allowance_gets_a_429_page_and_nothing_stored(throttled_app, db):
    office = agent(throttled_app, OFFICE)
    assert [save(office).status_code for _ in range(ALLOWANCE)] == [200] * ALLOWANCE
    refused = save(office)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    check_page_structure(refused.get_data(as_text=True), "/enregistrer")
    page = text(refused.get_data(as_text=True))
    assert "Trop d’enregistrements depuis votre connexion" in page and "Rien n’a été enregistré" in page
    assert "réessayez dans 60 minutes" in page
    assert count(db) == ALLOWANCE
    # Another address is not held back; an update of the saved assessment is not a new save.
    assert save(agent(throttled_app, ELSEWHERE)).status_code == 200
    assert save(office, action="mettre_a_jour").status_code == 303


def test_simultaneous_saves_from_one_address_cannot_overshoot_the_allowance(throttled_app, db):
    agents = [agent(throttled_app, OFFICE) for _ in range(2 * ALLOWANCE)]
    forms = [form_fields(a.get("/verification").get_data(as_text=True), "/enregistrer") for a in agents]
    with serve_wsgi(throttled_app) as base_url:
        start = threading.Barrier(len(agents))

        def post(number):
            browser = requests.Session()  # this agent's browser: its session cookie
            name = throttled_app.config["SESSION_COOKIE_NAME"]
            browser.cookies.set(name, agents[number].get_cookie(name).value)
            start.wait()
            return browser.post(f"{base_url}/enregistrer", data=forms[number], allow_redirects=False, timeout=60,
                                headers={"X-Forwarded-For": OFFICE}).status_code

        with ThreadPoolExecutor(len(agents)) as pool:
            statuses = sorted(pool.map(post, range(len(agents))))
    assert statuses.count(200) <= ALLOWANCE and set(statuses) <= {200, 429}
    assert count(db) == statuses.count(200)
