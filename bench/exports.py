"""The managers' exports at scale: 275,000 stored assessments on PostgreSQL, the CSV and the XLSX of the whole
list downloaded through the app over real HTTP, each timed to its first byte and to its end (rows per second;
target: 5,000 at least), against reading the same rows with the export's own query and doing nothing with them
(the floor), measured in the same run.

The assessments are stored in bulk: a thousand generated answers run through the engine and stored, then copied in
SQL (INSERT … SELECT, each copy under its own number and name) up to the count: seconds, not the engine's minutes.

Run: .venv/bin/python bench/exports.py [--rows 275000] [postgresql] [sqlite]   (PostgreSQL by default: needs the
server on 127.0.0.1:5432, database test)
"""
from __future__ import annotations

import argparse
import http.client
import logging
import random
import re
import secrets
import sys
import time
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser.server import serve_wsgi  # noqa: E402  the tests' local server
from datasets import generate, migrated_database, postgres_answers
from list import analyze
from wizard import create_app
from wizard.core import engine
from wizard.manage import accounts
from wizard.rules.loading import load_rules
from wizard.store import assessments
from wizard.store.db import make_engine, make_sessionmaker

DISTINCT = 1_000  # answers run through the engine; the others are their copies under other names
PASSWORD = "mot de passe du banc d'essai"
EXPORTS = {"CSV": "/gestion/export.csv", "XLSX": "/gestion/export.xlsx"}
say = partial(print, flush=True)


def fill(url: str, rules, count: int) -> None:
    rng = random.Random(26)
    rows = []
    for number in range(DISTINCT):
        values, _ = engine.read_answers(rules, generate(rules, rng, number))
        rows.append((values, engine.result(rules, values)))
    with make_sessionmaker(url)() as session:
        assessments.import_rows(session, rows)
        accounts.add_manager(session, "banc@beta.gouv.fr", PASSWORD)
    database = make_engine(url)
    postgresql = database.dialect.name == "postgresql"
    columns = ("created_at, updated_at, changed_at, origin, rules_version, administration_type, phase, verified, "
               "status, band, percent, triage, version, triage_version, complete")
    series = ("generate_series(1, :copies) AS copy(n)" if postgresql else
              "(WITH RECURSIVE copy(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM copy WHERE n < :copies) "
              "SELECT n FROM copy) AS copy")
    # Each copy's import key names its original ('copie<n>-<id>'; an original's key is hexadecimal).
    original = ("split_part(c.import_key, '-', 2)::int" if postgresql else
                "CAST(substr(c.import_key, instr(c.import_key, '-') + 1) AS INTEGER)")
    answers = ("jsonb_set(d.answers, '{administration_name}', to_jsonb(c.administration_name))" if postgresql
               else "json_set(d.answers, '$.administration_name', c.administration_name)")
    with database.begin() as connection:
        connection.execute(text(
            f"INSERT INTO assessments ({columns}, administration_name, name_folded, import_key) "
            f"SELECT {columns}, a.administration_name || ' copie ' || copy.n, a.name_folded || ' copie ' || copy.n, "
            f"'copie' || copy.n || '-' || a.id FROM assessments a CROSS JOIN {series} "
            f"ORDER BY copy.n, a.id LIMIT :more"), {"copies": -(-count // DISTINCT), "more": count - DISTINCT})
        connection.execute(text(
            f"INSERT INTO assessment_documents (assessment_id, answers, result, completed_steps) "
            f"SELECT c.id, {answers}, d.result, d.completed_steps FROM assessments c "
            f"JOIN assessment_documents d ON d.assessment_id = {original} WHERE c.import_key LIKE 'copie%'"))
    database.dispose()
    analyze(url)  # VACUUM ANALYZE of the table, as after `eig-wizard import`


def read_only(app) -> tuple[int, float]:
    """The floor: every row of the export's query read from the database, then dropped."""
    with app.app_context():
        start = time.perf_counter()
        with app.extensions["db"]() as session:
            read = sum(1 for _ in assessments.exported(session, assessments.Filters()))
        return read, time.perf_counter() - start


def login(port: int) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port)
    connection.request("GET", "/gestion/connexion")
    response = connection.getresponse()
    page = response.read().decode()
    cookie = response.headers["Set-Cookie"].split(";")[0]
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    body = f"csrf_token={token}&email=banc%40beta.gouv.fr&password={PASSWORD.replace(' ', '+')}"
    connection.request("POST", "/gestion/connexion", body=body, headers={
        "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    response = connection.getresponse()
    response.read()
    assert response.status == 303, response.status
    return response.headers["Set-Cookie"].split(";")[0]


def download(port: int, path: str, cookie: str) -> tuple[float, float, int]:
    """Seconds to the first byte of the body, seconds to its last, bytes."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1800)
    start = time.perf_counter()
    connection.request("GET", path, headers={"Cookie": cookie})
    response = connection.getresponse()
    assert response.status == 200, response.status
    first, size = None, 0
    while chunk := response.read1(1 << 16):
        if first is None:
            first = time.perf_counter() - start
        size += len(chunk)
    return first, time.perf_counter() - start, size


def bench(backend: str, rules, count: int) -> None:
    with migrated_database(backend) as url:
        start = time.perf_counter()
        fill(url, rules, count)
        say(f"\n{backend}: {count:,} assessments stored in {time.perf_counter() - start:.0f} s")
        app = create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": secrets.token_hex(32),
                          "SESSION_COOKIE_SECURE": False})
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        read, took = read_only(app)
        assert read == count, read
        say(f"  {'lecture seule (référence)':<26} {took:6.1f} s  {count / took:8,.0f} lignes/s")
        with serve_wsgi(app) as url:
            port = urlsplit(url).port
            cookie = login(port)
            for label, path in EXPORTS.items():
                first, total, size = download(port, path, cookie)
                verdict = "ok" if count / total >= 5_000 else "SOUS LA CIBLE de 5 000"
                say(f"  {label:<26} {total:6.1f} s  {count / total:8,.0f} lignes/s ({verdict}), premier octet "
                    f"{first * 1000:6.0f} ms, {size / 1e6:5.0f} Mo, = {total / took:4.1f} × la lecture seule")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=275_000)
    parser.add_argument("backends", nargs="*", default=["postgresql"])
    arguments = parser.parse_args()
    rules = load_rules()
    for backend in arguments.backends:
        if backend == "postgresql" and not postgres_answers():
            say("\nPostgreSQL pass SKIPPED: no server answers on 127.0.0.1:5432 (database test)")
            continue
        bench(backend, rules, arguments.rows)


if __name__ == "__main__":
    main()
