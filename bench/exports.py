"""The managers' exports at scale: 275,000 stored assessments, the CSV and the XLSX of the whole list downloaded
through the app, each timed to its first byte and to its end (rows per second; target: 5,000 at least), against
reading the same rows from the database and doing nothing with them, measured in the same run.

The assessments are stored in bulk (a thousand answers run through the engine, each stored many times under its
own number and name): a few seconds per 100,000 rows rather than the engine's minutes.

Run: .venv/bin/python bench/exports.py [--rows 275000] [postgresql] [sqlite]   (PostgreSQL by default: needs the
server on 127.0.0.1:5432, database test)
"""
from __future__ import annotations

import argparse
import random
import re
import secrets
import time
from datetime import timedelta

from sqlalchemy import insert, text

from datasets import generate, migrated_database, postgres_answers
from wizard import create_app
from wizard.core import engine
from wizard.manage import accounts
from wizard.rules import ids
from wizard.rules.loading import load_rules
from wizard.store import assessments
from wizard.store.db import make_engine, make_sessionmaker
from wizard.store.models import ORIGIN_WEB, TRIAGE_DEFAULT, Assessment, AssessmentDocument, utcnow

DISTINCT = 1_000  # answers run through the engine; each is stored ROWS / DISTINCT times under other names
BATCH = 5_000
PASSWORD = "mot de passe du banc d'essai"
EXPORTS = {"CSV": "/gestion/export.csv", "XLSX": "/gestion/export.xlsx"}


def fill(url: str, rules, count: int) -> None:
    rng = random.Random(26)
    distinct = []
    for number in range(DISTINCT):
        values, _ = engine.read_answers(rules, generate(rules, rng, number))
        distinct.append((values, engine.result(rules, values)))
    database = make_engine(url)
    start_day = utcnow() - timedelta(days=400)
    with database.begin() as connection:
        for start in range(0, count, BATCH):
            rows, documents = [], []
            for number in range(start, min(start + BATCH, count)):
                values, result = distinct[number % DISTINCT]
                values = {**values, ids.ADMINISTRATION_NAME: f"{values[ids.ADMINISTRATION_NAME]} / {number}"}
                moment = start_day + timedelta(seconds=number * 120)
                rows.append({"id": number + 1, "origin": ORIGIN_WEB, "token_hash": f"{number:064x}",
                             "created_at": moment, "updated_at": moment, "changed_at": moment,
                             "triage": TRIAGE_DEFAULT, "contact_email": f"agent{number}@exemple.gouv.fr",
                             **assessments._facts(values, result)})
                documents.append({"assessment_id": number + 1, **assessments._document(values, result, ())})
            connection.execute(insert(Assessment.__table__), rows)
            connection.execute(insert(AssessmentDocument.__table__), documents)
        if database.dialect.name == "postgresql":
            connection.execute(text("SELECT setval(pg_get_serial_sequence('assessments', 'id'), :n)"), {"n": count})
    with database.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE" if database.dialect.name == "postgresql" else "ANALYZE"))
    database.dispose()
    with make_sessionmaker(url)() as session:
        accounts.add_manager(session, "banc@beta.gouv.fr", PASSWORD)


def read_only(url: str) -> float:
    """The baseline: every row of the export's query read from the database, whole, then dropped."""
    start = time.perf_counter()
    with make_sessionmaker(url)() as session:
        read = sum(1 for _ in assessments.iterate(session, assessments.Filters()))
    return read, time.perf_counter() - start


def download(client, path: str) -> tuple[float, float, int, bytes]:
    """Time to the first byte, time to the end, size, and the file's last bytes."""
    start = time.perf_counter()
    response = client.get(path, buffered=False)
    assert response.status_code == 200, (path, response.status_code)
    first, size, tail = None, 0, b""
    for chunk in response.response:
        chunk = chunk.encode() if isinstance(chunk, str) else chunk
        if first is None and chunk:
            first = time.perf_counter() - start
        size += len(chunk)
        tail = (tail + chunk)[-200:]
    response.close()
    return first, time.perf_counter() - start, size, tail


def bench(backend: str, rules, count: int) -> None:
    with migrated_database(backend) as url:
        start = time.perf_counter()
        fill(url, rules, count)
        print(f"\n{backend}: {count:,} assessments stored in {time.perf_counter() - start:.0f} s")
        read, took = read_only(url)
        assert read == count, read
        print(f"  {'lecture seule (référence)':<26} {took:6.1f} s  {count / took:8,.0f} lignes/s")
        app = create_app({"DATABASE_URL": url, "SECRET_KEY": secrets.token_hex(32), "EMBEDDED": True,
                          "SESSION_COOKIE_SECURE": False})
        client = app.test_client()
        login = client.get("/gestion/connexion").get_data(as_text=True)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', login).group(1)
        assert client.post("/gestion/connexion", data={"csrf_token": token, "email": "banc@beta.gouv.fr",
                                                       "password": PASSWORD}).status_code == 303
        for label, path in EXPORTS.items():
            first, total, size, _ = download(client, path)
            verdict = "ok" if count / total >= 5_000 else "SOUS LA CIBLE de 5 000"
            print(f"  {label:<26} {total:6.1f} s  {count / total:8,.0f} lignes/s ({verdict}), premier octet "
                  f"{first * 1000:6.0f} ms, {size / 1e6:5.0f} Mo, = {total / took:4.1f} × la lecture seule")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=275_000)
    parser.add_argument("backends", nargs="*", default=["postgresql"])
    arguments = parser.parse_args()
    rules = load_rules()
    for backend in arguments.backends:
        if backend == "postgresql" and not postgres_answers():
            print("\nPostgreSQL pass SKIPPED: no server answers on 127.0.0.1:5432 (database test)")
            continue
        bench(backend, rules, arguments.rows)


if __name__ == "__main__":
    main()
