"""Eight ZIP downloads no longer lock agents out (issue 26, broken 6): 8 concurrent /gestion/rapports.zip on
2 workers × 4 threads took every thread, and an agent's /faq timed out at 30 s. Now each process streams one ZIP
at a time and answers the others a 503 page at once; its other threads keep serving the public pages.
bench/zip_load.py gives the FAQ's p95 under the load against its p95 undisturbed."""
import pytest
from flask.testing import FlaskClient

from app_on_database import served_meanwhile
from database import MANAGER_PASSWORD
from manage.zip_load import prepare, zip_load
from pages import post_form, text
from structure import check_page_structure
from store.gunicorn_load import gunicorn_env, serve_gunicorn
from wizard.manage import accounts
from wizard.store import assessments
from answers import answers, scored
from wizard.store import schema
from wizard.web.pdf_download import ZIP_SLOTS

WORKERS = 2


def test_eight_zips_at_once_leave_the_faq_answering(tmp_path):
    url = f"sqlite:///{tmp_path / 'eig.sqlite3'}"
    schema.upgrade(url)
    emails = prepare(url, reports=6, managers=8)
    with serve_gunicorn(tmp_path, gunicorn_env(url, EIG_WORKERS=str(WORKERS), EIG_THREADS="4")) as server:
        load = zip_load(server.base_url, emails, faq_timeout=15)
    statuses = sorted(status for status, _ in load.zips)
    assert set(statuses) == {200, 503}, statuses
    assert 1 <= statuses.count(200) <= WORKERS  # one ZIP per process at a time
    assert all(pdfs == 6 for status, pdfs in load.zips if status == 200)
    assert load.faq and all(status == 200 for status, _ in load.faq), load.faq
    print(f"FAQ pendant les ZIP : {len(load.faq)} requêtes, p95 {load.faq_p95() * 1000:.0f} ms")


@pytest.fixture
def two_reports(db, rules):
    for number in range(2):
        assessments.save(db, *scored(rules, answers(administration_name=f"Direction n° {number}")))


def test_a_zip_asked_while_one_is_streamed_gets_a_503_page_and_the_slot_comes_back(manager_client, two_reports, app, db):
    # Another manager: the same one's second ZIP has a page of its own (tests/manage/test_zip_per_manager.py).
    accounts.add_manager(db, "autre.responsable@beta.gouv.fr", MANAGER_PASSWORD)
    other = FlaskClient(app, app.response_class)  # a client that takes a 503 as an answer (CheckedClient does not)
    assert post_form(other, "/gestion/connexion", "/gestion/connexion", email="autre.responsable@beta.gouv.fr",
                     password=MANAGER_PASSWORD).status_code == 303
    first = manager_client.get("/gestion/rapports.zip")
    try:
        assert first.status_code == 200 and first.is_streamed
        next(iter(first.response))  # the first PDF is out: the download is under way
        busy = served_meanwhile(other, "/gestion/rapports.zip")
        html = busy.get_data(as_text=True)
        assert busy.status_code == 503 and int(busy.headers["Retry-After"]) > 0
        check_page_structure(html, "/gestion/rapports.zip")
        assert "Le ZIP des rapports ne peut pas être préparé tout de suite" in text(html)
        assert 'href="/gestion/' in html
    finally:
        first.close()  # the download stops midway: the server closes the response
    again = manager_client.get("/gestion/rapports.zip")
    assert again.status_code == 200 and again.get_data().startswith(b"PK")
    again.close()
    assert app.extensions[ZIP_SLOTS].acquire(blocking=False)  # given back after the whole ZIP too
    app.extensions[ZIP_SLOTS].release()
