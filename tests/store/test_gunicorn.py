"""The app under a real gunicorn with the shipped configuration (wizard/gunicorn_conf.py, the README's command):
broken rules stop it (issue 13, point 7), no resume token reaches its access log (point 7), a chunked body over
the limit is refused (point 15), and a load on loopback with a worker killed by SIGKILL loses nothing (acceptance;
bench/load.py runs the full 400 flows)."""
import http.client
import shutil
import subprocess
import time
from urllib.parse import urlsplit

import pytest
import requests
from sqlalchemy import select
from sqlalchemy.orm import Session

from database import PostgresSchema, _skip_or_fail_without_postgres
from store.gunicorn_load import (Browser, RESUME_LINK, flow_answers, gunicorn_command, gunicorn_env, run_flows,
                                       serve_gunicorn)
from answers import OPERATOR as ANSWERS
from web.journey import step_form
from wizard.core import engine
from wizard.paths import RULES_DIR
from wizard.rules.loading import load_rules
from wizard.store import schema
from wizard.store.db import make_engine
from wizard.store.models import Assessment


@pytest.fixture
def sqlite_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'eig.sqlite3'}"
    schema.upgrade(url)
    return url


@pytest.fixture
def server(tmp_path, sqlite_url):
    with serve_gunicorn(tmp_path, gunicorn_env(sqlite_url)) as running:
        yield running


def test_a_broken_rule_file_stops_gunicorn_with_its_file_and_line(tmp_path, sqlite_url):
    broken = tmp_path / "regles"
    shutil.copytree(RULES_DIR, broken)
    criteria = broken / "criteria.yaml"
    text = criteria.read_text(encoding="utf-8")
    line = text[: text.index("min_percent: 75")].count("\n") + 1
    criteria.write_text(text.replace("min_percent: 75", "min_percent: 150", 1), encoding="utf-8")
    env = gunicorn_env(sqlite_url, EIG_RULES_DIR=str(broken), EIG_ERROR_LOG=str(tmp_path / "gunicorn.log"))
    # Without preload the master would restart failing workers in a loop: here it must stop, and soon.
    done = subprocess.run(gunicorn_command(), env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert f"criteria.yaml:{line}: palier « solide » : le seuil doit être entre 0 et 100, pas 150" in done.stderr
    log = tmp_path / "gunicorn.log"
    assert "Booting worker" not in (log.read_text() if log.exists() else "")  # not one worker started


def test_no_resume_token_reaches_the_access_log(server):
    browser = Browser(server.base_url)
    browser.walk(ANSWERS)
    token = RESUME_LINK.search(browser.save().text).group(1)
    resume = f"{server.base_url}/reprendre/{token}"
    assert browser.http.get(resume, allow_redirects=False, timeout=30).status_code == 303
    # the same token percent-encoded, and in the Referer of the next page
    browser.http.get(f"{server.base_url}/%72eprendre/{token}", allow_redirects=False, timeout=30)
    browser.http.get(f"{server.base_url}/verification", headers={"Referer": resume}, timeout=30)
    requests.get(server.base_url + "/healthz", timeout=30)
    # Each worker writes its own lines, in its own time: wait for the three (another worker's may come later).
    deadline = time.monotonic() + 15
    while (log := server.access_log.read_text(encoding="utf-8")).count("/reprendre/[jeton masqué]") < 3 \
            and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "/healthz" in log
    assert token not in log
    assert log.count("/reprendre/[jeton masqué]") >= 3


def test_a_chunked_body_over_the_limit_is_refused_with_413_like_one_with_a_content_length(server):
    agent = requests.Session()
    form = step_form(agent.get(server.base_url + "/etapes/administration", timeout=30).text)
    cookie = "; ".join(f"{c.name}={c.value}" for c in agent.cookies)
    body = f"csrf_token={form.hidden['csrf_token']}&administration_name={'x' * 300_000}&administration_type=operateur_etat"
    address = urlsplit(server.base_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
    chunks = (body[i:i + 8192].encode() for i in range(0, len(body), 8192))
    connection.request("POST", "/etapes/administration", body=chunks, encode_chunked=True,
                       headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
    response = connection.getresponse()
    page = response.read().decode()
    connection.close()
    assert response.status == 413
    assert "Votre envoi est trop volumineux" in page
    # and a chunked body under the limit still goes through whole
    small = f"csrf_token={form.hidden['csrf_token']}&administration_name=DINUM&administration_type=operateur_etat"
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
    connection.request("POST", "/etapes/administration", body=iter([small.encode()]), encode_chunked=True,
                       headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
    assert connection.getresponse().status == 303
    connection.close()


def test_a_load_with_a_worker_killed_by_sigkill_loses_no_other_flow(tmp_path):
    """A smaller run of bench/load.py (which does 400 flows): 32 flows, 8 at a time, on PostgreSQL; a worker gets
    SIGKILL once 10 are complete. The flows it cut may fail; every other one is stored whole."""
    _skip_or_fail_without_postgres()
    flows = 32
    with PostgresSchema() as url:
        schema.upgrade(url)
        with serve_gunicorn(tmp_path, gunicorn_env(url)) as server:
            report = run_flows(server, flows, threads=8, kill_after=10)
            assert report.killed and report.killed[0][1] not in server.workers()  # it was killed, and replaced
            assert requests.get(server.base_url + "/healthz", timeout=30).status_code == 200
        check_flows_whole(url, report, flows)
    # Only the connections the killed worker held were cut, at the kill: no flow got an error page
    assert report.broken_by_the_kill(), report.broken
    assert len(report.completed) > 10  # and the load went on after it


def check_flows_whole(url: str, report, flows: int) -> None:
    """Every completed flow is in the database, and every assessment stored (of a flow completed or cut) is whole."""
    rules = load_rules()
    database = make_engine(url)
    names = {flow_answers(n)["administration_name"]: n for n in range(flows)}
    assert set(report.completed) | set(report.broken) == set(names)
    with Session(database) as db:
        stored = {a.administration_name: a for a in db.scalars(select(Assessment))}
        assert set(report.completed) <= set(stored), "a completed flow is missing from the database"
        for name, assessment in stored.items():  # completed or cut, what is stored is whole
            values, errors = engine.read_answers(rules, flow_answers(names[name]))
            assert not errors and assessment.answers == values, name
            assert assessment.percent == engine.result(rules, values)["score"]["percent"]
    database.dispose()


def test_the_readme_production_command_is_the_one_tested():
    readme = (RULES_DIR.parent / "README.md").read_text(encoding="utf-8")
    command = next(line for line in readme.splitlines() if line.startswith(".venv/bin/gunicorn "))
    assert command == ".venv/bin/gunicorn -c python:wizard.gunicorn_conf 'wizard:create_app()'"
    assert gunicorn_command()[1:] == ["-c", "python:wizard.gunicorn_conf", "wizard:create_app()"]
