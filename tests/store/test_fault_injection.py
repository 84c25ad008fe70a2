"""Faults while agents work (issue 26, acceptance): on PostgreSQL, the app's connections are killed
(pg_terminate_backend) and beta.gouv.fr's copy is locked (the app's lock_timeout is 300 ms), again and again,
while scripted agents walk the wizard with a product of the copy and save 200 times, trying again what got a 503
as a person would. Every answer is a 2xx, a 3xx or the 503 page; every stored assessment holds the verdict the
engine gives for its stored answers, checked against the records as the agent's were; no save is stored twice."""
import random
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy import select, text as sql
from sqlalchemy.orm import Session

from beta_api import copy_snapshot
from browser.server import serve_wsgi
from database_faults import LOCK_TIMEOUT_MS, for_the_app, kill_app_connections
from pages import form_fields
from web.journey import as_posted, step_form
from wizard.core import engine
from wizard.rules.loading import load_rules
from wizard.store.db import make_engine
from wizard.store.models import Assessment

SAVES, AGENTS = 200, 4
DEADLINE_SECONDS = 60
RESUME_LINK = re.compile(r"/reprendre/([A-Za-z0-9_-]{43})")
PRODUCT = {"beta_page_published": True, "beta_page_url": "https://beta.gouv.fr/startups/impact.co2.html",
           "phase": "construction"}  # beta.gouv.fr records it in consolidation: the recorded phase decides
RECORDED_PHASE = "consolidation"
ANSWERS = {**PRODUCT, "administration_type": "operateur_etat", "mission_case": "internaliser_pilotage",
           "pilotage_par_impact": "oui", "transparence_resultats": "oui", "code_source_ouvert": "oui"}
ANSWERED = (200, 303)  # besides 503, the only answers the agents' requests may get (the result is a 200, no 304)


class FaultyWorld:
    """What the agents met: every status, and the resume links they were shown."""

    def __init__(self):
        self.statuses, self.links, self.lock = [], [], threading.Lock()
        self.stop_at = time.monotonic() + DEADLINE_SECONDS

    def seen(self, status: int) -> None:
        with self.lock:
            self.statuses.append(status)


class Agent:
    """One agent's browser that, shown the 503 page, tries the same request again a moment later."""

    def __init__(self, base_url: str, world: FaultyWorld):
        self.base_url, self.world, self.http = base_url, world, requests.Session()

    def request(self, method: str, path: str, **data) -> requests.Response:
        while True:
            assert time.monotonic() < self.world.stop_at, "délai dépassé"
            response = self.http.request(method, self.base_url + path, data=data or None, allow_redirects=False,
                                         timeout=30)
            self.world.seen(response.status_code)
            if response.status_code != 503:
                assert response.status_code in ANSWERED, f"{method} {path} : {response.status_code}"
                return response
            time.sleep(0.02)

    def answer_step(self, path: str) -> str:
        form = step_form(self.request("GET", path).text)
        data = {**form.hidden, **{name: as_posted(value) for name, value in ANSWERS.items() if name in form.fields}}
        if "probleme_avere" in form.fields:
            data["action"] = "passer"  # the criteria are not assessed
        return self.request("POST", form.action, **data).headers["Location"]

    def walk(self) -> None:
        found = self.request("GET", "/etapes/produit?recherche=impact").text
        self.request("POST", "/etapes/produit/choix", **form_fields(found, "/etapes/produit/choix"),
                     produit="impact.co2")
        path = "/etapes/produit"
        while path.startswith("/etapes/"):
            path = self.answer_step(path.split("#")[0])

    def save(self) -> str:
        # The save form's fields, read once: its CSRF token lasts as long as the session.
        self.fields = getattr(self, "fields", None) or form_fields(self.request("GET", "/verification").text,
                                                                    "/enregistrer")
        saved = self.request("POST", "/enregistrer", **self.fields, action="nouvelle")
        return RESUME_LINK.search(saved.text).group(1)


def inject_faults(url: str, stop: threading.Event, injected: dict) -> None:
    """Kill the app's connections, or lock the copy for a while, every few tenths of a second, until `stop`."""
    faults = make_engine(url)
    chance = random.Random(26)
    try:
        while not stop.wait(chance.uniform(0.05, 0.3)):
            if chance.random() < 0.5:
                injected["killed"] += kill_app_connections(url)
                continue
            with faults.connect() as connection:
                connection.execute(sql("SET lock_timeout = '2s'"))
                connection.execute(sql("LOCK TABLE beta_syncs IN ACCESS EXCLUSIVE MODE"))
                injected["locks"] += 1
                stop.wait(chance.uniform(LOCK_TIMEOUT_MS / 1000, 3 * LOCK_TIMEOUT_MS / 1000))
                connection.rollback()
    finally:
        faults.dispose()


@pytest.mark.parametrize("migrated_url", ["postgresql"], indirect=True)
def test_killed_connections_and_a_locked_copy_give_503s_never_a_wrong_verdict_nor_a_duplicate(db_url, app_for, db):
    copy_snapshot(db_url)
    app = app_for(for_the_app(db_url))
    world, stop, injected = FaultyWorld(), threading.Event(), {"killed": 0, "locks": 0}
    with serve_wsgi(app) as base_url:
        faults = threading.Thread(target=inject_faults, args=(db_url, stop, injected), daemon=True)
        faults.start()

        def agent(number: int) -> list[str]:
            browser = Agent(base_url, world)
            browser.walk()
            return [browser.save() for _ in range(SAVES // AGENTS)]

        try:
            with ThreadPoolExecutor(AGENTS) as pool:
                links = [link for saved in pool.map(agent, range(AGENTS)) for link in saved]
        finally:
            stop.set()
            faults.join()

    print(f"{len(world.statuses)} requêtes en {DEADLINE_SECONDS - (world.stop_at - time.monotonic()):.1f} s, "
          f"{world.statuses.count(503)} réponses 503 ; {injected}")
    assert set(world.statuses) <= {*ANSWERED, 503}
    assert world.statuses.count(503) > 0 and injected["killed"] > 0 and injected["locks"] > 0, (
        injected, world.statuses.count(503))  # the faults did reach the agents
    rules = load_rules()
    with Session(make_engine(db_url)) as session:
        stored = session.scalars(select(Assessment)).all()
        assert len(links) == SAVES and len(set(links)) == SAVES
        assert len(stored) == SAVES  # each save once: none lost, none twice
        for assessment in stored:
            result = engine.result(rules, assessment.answers)
            assert (assessment.status, assessment.result["eligibility"]["status"]) == (
                result["eligibility"]["status"],) * 2, assessment.id
            assert assessment.verified and assessment.phase == RECORDED_PHASE, assessment.id
