"""Saves that race (issue 26): a double click on the first save stores one assessment (broken 3); two browsers
on one resume link never silently overwrite each other, nor bring back an assessment one of them deleted (weak
5). Through a real HTTP server for the simultaneous posts, on both backends."""
import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy import func, select

from app_on_database import app, client, rules  # noqa: F401  the app on the test database
from browser.server import serve_wsgi
from pages import form_fields, text
from store.test_concurrency import Browser, answers_of
from web.journey import submit_step, walk
from answers import OPERATOR as ANSWERS
from wizard.store.models import Assessment

RESUME_LINK = re.compile(r"/reprendre/([A-Za-z0-9_-]{43})")
TRIALS = 3


@pytest.fixture
def server(app):
    with serve_wsgi(app) as base_url:
        yield base_url


def stored(db) -> list[Assessment]:
    db.expire_all()
    return db.scalars(select(Assessment).order_by(Assessment.id)).all()


@pytest.mark.parametrize("clicks", [2, 4])
def test_a_double_click_on_the_first_save_stores_one_assessment_and_shows_one_link(server, db, clicks):
    for trial in range(TRIALS):
        browser = Browser(server)
        browser.walk(answers_of(trial))
        page = browser.get("/verification").text
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        start = threading.Barrier(clicks)
        # Each click carries the cookie as it was before any answer came back, as a browser sends a double click;
        # a shared jar would let a click scheduled late (a loaded machine) carry the first answer's session.
        cookies = browser.http.cookies.get_dict()

        def click(_, start=start, token=token, cookies=cookies):
            start.wait()
            return requests.post(f"{server}/enregistrer", data={"csrf_token": token, "depuis": "verification"},
                                 cookies=cookies, allow_redirects=False, timeout=60)

        with ThreadPoolExecutor(clicks) as pool:
            responses = list(pool.map(click, range(clicks)))
        assert [response.status_code for response in responses] == [200] * clicks
        browser.http.cookies.update(responses[-1].cookies)  # the browser keeps the answer it shows
        links = {RESUME_LINK.search(response.text).group(1) for response in responses}
        assert len(links) == 1  # whichever response the browser shows, its link opens the one assessment
        assert len(stored(db)) == trial + 1
        assert db.scalar(select(func.count()).select_from(Assessment).where(
            Assessment.administration_name == answers_of(trial)["administration_name"])) == 1
    # The next save of the same session, asked as a new one, is a new assessment with a new link.
    again = RESUME_LINK.search(browser.save(action="nouvelle").text).group(1)
    assert again not in links and len(stored(db)) == TRIALS + 1


def two_browsers_on_one_link(app, first):
    walk(first, ANSWERS)
    saved = first.post("/enregistrer", data=form_fields(first.get("/verification").get_data(as_text=True),
                                                        "/enregistrer"))
    token = RESUME_LINK.search(saved.get_data(as_text=True)).group(1)
    second = app.test_client()
    assert second.get(f"/reprendre/{token}").status_code == 303
    return second


def update(client, **answers):
    submit_step(client, "/etapes/administration", {**ANSWERS, **answers})
    fields = form_fields(client.get("/verification").get_data(as_text=True), "/enregistrer")
    return client.post("/enregistrer", data={**fields, "action": "mettre_a_jour"})


def test_a_stale_update_from_a_second_browser_on_one_link_is_refused_with_a_choice(app, client, db):
    second = two_browsers_on_one_link(app, client)
    assert update(client, administration_name="Version du premier navigateur").status_code == 303
    refused = update(second, administration_name="Version du second navigateur")
    assert refused.status_code == 409
    page = text(refused.get_data(as_text=True))
    assert "Votre auto-évaluation a été modifiée ailleurs" in page and "Rien n’a été enregistré" in page
    for choice in ("Remplacer par mes réponses", "Reprendre la version enregistrée",
                   "Enregistrer mes réponses comme nouvelle évaluation"):
        assert choice in page
    [kept] = stored(db)
    assert kept.administration_name == "Version du premier navigateur" and kept.version == 2

    # Either choice does what it says: taking the stored version back, then replacing it knowingly.
    reload = form_fields(refused.get_data(as_text=True), "/evaluation-enregistree/reprendre-la-version-enregistree")
    taken = second.post("/evaluation-enregistree/reprendre-la-version-enregistree", data=reload)
    assert taken.status_code == 303
    assert "Version du premier navigateur" in second.get("/verification").get_data(as_text=True)
    assert update(second, administration_name="Version reprise puis modifiée").status_code == 303
    assert update(client, administration_name="Encore le premier").status_code == 409
    replace = form_fields(update(client, administration_name="Encore le premier").get_data(as_text=True),
                          "/enregistrer")
    assert client.post("/enregistrer", data={**replace, "action": "remplacer"}).status_code == 303
    [kept] = stored(db)
    assert kept.administration_name == "Encore le premier" and kept.version == 4


def test_an_assessment_deleted_in_one_browser_stays_deleted_when_the_other_saves(app, client, db):
    second = two_browsers_on_one_link(app, client)
    confirm = form_fields(client.get("/evaluation-enregistree/supprimer").get_data(as_text=True),
                          "/evaluation-enregistree/supprimer")
    assert client.post("/evaluation-enregistree/supprimer", data=confirm).status_code == 303
    told = update(second, administration_name="Modifiée après la suppression")
    assert told.status_code == 409
    assert "Votre auto-évaluation enregistrée a été supprimée" in text(told.get_data(as_text=True))
    assert stored(db) == []  # no new assessment, no new link, unasked


def test_a_double_click_on_an_update_is_one_update_not_a_conflict(server, db):
    browser = Browser(server)
    browser.walk(answers_of(1))
    assert RESUME_LINK.search(browser.save().text)
    browser.answer_step("/etapes/administration", answers_of(1, 2))
    page = browser.get("/verification").text
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    start = threading.Barrier(2)

    def click(_):
        start.wait()
        return browser.http.post(f"{server}/enregistrer", allow_redirects=False, timeout=60, data={
            "csrf_token": token, "depuis": "verification", "action": "mettre_a_jour"}).status_code

    with ThreadPoolExecutor(2) as pool:
        assert list(pool.map(click, range(2))) == [303, 303]
    [kept] = stored(db)
    assert kept.administration_name == answers_of(1, 2)["administration_name"]
