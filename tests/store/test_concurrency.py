"""Many agents at once, through a real HTTP server: every save is stored whole, none is lost or mixed.

Each client thread is one browser (its own cookie jar) posting the wizard's real forms, CSRF tokens included.
"""
import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy import select

from browser.server import serve_wsgi
from answers import CRITERIA, OPERATOR as ANSWERS
from app_on_database import app, rules  # noqa: F401  the app on the test database
from web.journey import as_posted, step_form
from wizard.core import engine
from wizard.store.models import Assessment

RESUME_LINK = re.compile(r"/reprendre/([A-Za-z0-9_-]{43})")
THREADS = 8
SAVES_PER_THREAD = 25


class Browser:
    """One agent's browser: a cookie jar, and the wizard's forms filled in over HTTP."""

    def __init__(self, base_url: str):
        self.base_url, self.http = base_url, requests.Session()

    def get(self, path: str) -> requests.Response:
        response = self.http.get(self.base_url + path, allow_redirects=False, timeout=30)
        assert response.status_code == 200, f"{path} : {response.status_code}"
        return response

    def post(self, path: str, data: dict) -> requests.Response:
        response = self.http.post(self.base_url + path, data=data, allow_redirects=False, timeout=30)
        assert response.status_code in (200, 303), f"{path} : {response.status_code}"
        return response

    def answer_step(self, path: str, answers: dict) -> str:
        """Post the step's form with `answers`; return where the wizard sends the agent next."""
        form = step_form(self.get(path).text)
        data = {**form.hidden, **{name: as_posted(value) for name, value in answers.items() if name in form.fields}}
        return self.post(form.action, data).headers["Location"]

    def walk(self, answers: dict) -> None:
        path = "/etapes/administration"
        while path.startswith("/etapes/"):
            path = self.answer_step(path, answers)

    def save(self, action: str = "nouvelle") -> requests.Response:
        page = self.get("/verification").text
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        return self.post("/enregistrer", {"csrf_token": token, "depuis": "verification", "action": action})


@pytest.fixture
def server(app):
    with serve_wsgi(app) as base_url:
        yield base_url


def answers_of(thread: int, number: int | None = None) -> dict:
    """What thread `thread` submits: its own criteria levels, and a name that tells each save apart."""
    name = f"Administration {thread}-{number}" if number is not None else f"Version {thread}"
    return {**ANSWERS, "administration_name": name, **{criterion: thread % 4 for criterion in CRITERIA},
            "phase": ("investigation", "construction", "acceleration")[thread % 3]}


def test_200_saves_from_8_threads_are_all_stored_whole(server, db, rules):
    def agent(thread: int) -> None:
        browser = Browser(server)
        browser.walk(answers_of(thread, 0))
        for number in range(SAVES_PER_THREAD):
            if number:  # a new name for each save, through the wizard's own step
                browser.answer_step("/etapes/administration", answers_of(thread, number))
            assert RESUME_LINK.search(browser.save().text)

    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(agent, range(THREADS)))

    stored = db.scalars(select(Assessment)).all()
    assert len(stored) == THREADS * SAVES_PER_THREAD
    expected = {answers_of(t, n)["administration_name"]: (t, n) for t in range(THREADS) for n in range(SAVES_PER_THREAD)}
    assert {a.administration_name for a in stored} == set(expected)
    for assessment in stored:
        thread, number = expected[assessment.administration_name]
        values, errors = engine.read_answers(rules, answers_of(thread, number))
        assert not errors and assessment.answers == values
        assert assessment.percent == engine.result(rules, values)["score"]["percent"]
    assert len({a.token_hash for a in stored}) == len(stored)


def test_concurrent_updates_of_one_assessment_end_with_one_submitted_version_whole(server, db, rules):
    first = Browser(server)
    first.walk(answers_of(0))
    token = RESUME_LINK.search(first.save().text).group(1)
    browsers = [Browser(server) for _ in range(THREADS)]
    for thread, browser in enumerate(browsers):
        assert browser.http.get(f"{server}/reprendre/{token}", allow_redirects=False).status_code == 303
        for step in ("administration", "produit", "criteres"):  # name, phase and levels: this thread's version
            browser.answer_step(f"/etapes/{step}", answers_of(thread))
    start = threading.Barrier(THREADS)

    def update(thread: int, action: str) -> int:
        start.wait()
        page = browsers[thread].get("/verification").text
        csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        return browsers[thread].http.post(f"{server}/enregistrer", allow_redirects=False, timeout=30, data={
            "csrf_token": csrf, "depuis": "verification", "action": action}).status_code

    # All started from the same saved version: one update is written, the others are refused, not lost silently.
    with ThreadPoolExecutor(THREADS) as pool:
        statuses = list(pool.map(update, range(THREADS), ["mettre_a_jour"] * THREADS))
    assert sorted(statuses) == [303] + [409] * (THREADS - 1)
    for _ in range(5):  # then each replaces it knowingly, at once, several rounds, for the writes to interleave
        with ThreadPoolExecutor(THREADS) as pool:
            assert set(pool.map(update, range(THREADS), ["remplacer"] * THREADS)) == {303}
        db.expire_all()
        [stored] = db.scalars(select(Assessment)).all()
        thread = int(stored.administration_name.removeprefix("Version "))
        values, _ = engine.read_answers(rules, answers_of(thread))
        result = engine.result(rules, values)
        assert stored.answers == values
        assert stored.result["score"] == result["score"] and stored.phase == values["phase"]
        assert (stored.status, stored.band, stored.percent) == (
            result["eligibility"]["status"], result["score"]["band"], result["score"]["percent"])
