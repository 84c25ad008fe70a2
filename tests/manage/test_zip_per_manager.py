"""One manager streams at most one ZIP of reports at a time, across every app process on the database (issue 26,
"Eight ZIP downloads lock agents out"): each process streams one ZIP at a time, and a deployment's several processes
would otherwise stream as many of one manager's. A second ZIP of the same manager gets a page saying that the first
is still running; another manager's is served meanwhile."""
from datetime import timedelta

import pytest
from flask.testing import FlaskClient
from sqlalchemy import text as sql

from answers import answers, scored
from app_on_database import served_meanwhile
from database import MANAGER_EMAIL, MANAGER_PASSWORD
from pages import post_form, text
from structure import check_page_structure
from wizard.manage import accounts
from wizard.store import assessments
from wizard.store.models import utcnow
from wizard.web.pdf_download import ZIP_SLOTS

ZIP = "/gestion/rapports.zip?q=direction"
OTHER_EMAIL = "autre.responsable@beta.gouv.fr"


@pytest.fixture
def two_reports(db, rules):
    for number in range(2):
        assessments.save(db, *scored(rules, answers(administration_name=f"Direction n° {number}")))


@pytest.fixture
def other_process(db_url, app_for):
    """A second app on the same database: another process of the same deployment."""
    return app_for(db_url, process=2)


def signed_in(app, email: str) -> FlaskClient:
    """A client of `app` logged in as `email`: a plain one, which takes a 503 as an answer (CheckedClient does not)."""
    client = FlaskClient(app, app.response_class)
    response = post_form(client, "/gestion/connexion", "/gestion/connexion", email=email, password=MANAGER_PASSWORD)
    assert response.status_code == 303
    return client


def assert_still_running(response) -> None:
    with response:  # a ZIP served by mistake is closed all the same: the next test finds its slot free
        assert (response.status_code, response.mimetype) == (503, "text/html")
        html = response.get_data(as_text=True)
    assert int(response.headers["Retry-After"]) > 0
    check_page_structure(html, "/gestion/rapports.zip")
    assert "Votre ZIP de rapports précédent est encore en cours" in text(html)
    assert 'href="/gestion/?q=direction"' in html  # back to the list, its filters kept


def assert_whole_zip(response) -> None:
    with response:  # closed, as a server closes it
        assert response.status_code == 200 and response.get_data().startswith(b"PK")


def test_one_manager_s_second_zip_at_once_is_refused_while_another_manager_s_is_served(app, other_process, db, manager,
                                                                                       two_reports):
    accounts.add_manager(db, OTHER_EMAIL, MANAGER_PASSWORD)
    a_here, a_again = signed_in(app, MANAGER_EMAIL), signed_in(app, MANAGER_EMAIL)
    a_there, b_there = signed_in(other_process, MANAGER_EMAIL), signed_in(other_process, OTHER_EMAIL)
    first = a_here.get(ZIP)
    try:
        assert first.status_code == 200 and first.is_streamed
        next(iter(first.response))  # the first PDF is out: the download is under way
        assert_still_running(served_meanwhile(a_again, ZIP))  # in the same process
        assert_still_running(a_there.get(ZIP))  # in another one
        assert_whole_zip(b_there.get(ZIP))  # another manager's, meanwhile
    finally:
        first.close()  # the download stops midway: the server closes the response
    assert_whole_zip(a_there.get(ZIP))


def test_two_processes_on_one_database_share_the_manager_s_bound(app, other_process, manager, two_reports):
    there, here = signed_in(other_process, MANAGER_EMAIL), signed_in(app, MANAGER_EMAIL)
    first = there.get(ZIP)
    try:
        next(iter(first.response))
        assert_still_running(here.get(ZIP))
        # Refused by the manager's bound, not this process's: its slot is free.
        assert app.extensions[ZIP_SLOTS].acquire(blocking=False)
        app.extensions[ZIP_SLOTS].release()
    finally:
        first.close()
    assert_whole_zip(here.get(ZIP))


def test_a_zip_left_running_by_a_killed_process_does_not_lock_its_manager_out(app, db, manager, two_reports):
    # A process killed mid-stream never deletes its row: one older than any ZIP takes is taken over.
    db.execute(sql("INSERT INTO zip_downloads (manager_id, started_at) VALUES (:manager, :at)"),
               {"manager": manager.id, "at": utcnow() - timedelta(days=1)})
    db.commit()
    client = signed_in(app, MANAGER_EMAIL)
    assert_whole_zip(client.get(ZIP))
    assert_whole_zip(client.get(ZIP))  # and the row taken over went with its download
