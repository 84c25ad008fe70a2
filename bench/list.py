"""The managers' list with 100,000 stored assessments, on SQLite and on PostgreSQL: time each list page
against the start page, both measured in the same run, and print the ratios.

Run: .venv/bin/python bench/list.py [sqlite] [postgresql]   (both by default; the PostgreSQL pass needs the server
on 127.0.0.1:5432, database test)
"""
from __future__ import annotations

import secrets
import random
import re
import statistics
import sys
import time

from sqlalchemy import text

from datasets import generate, migrated_database, postgres_answers
from wizard.store import assessments
from wizard.manage import accounts
from wizard import create_app
from wizard.core import engine
from wizard.store.db import make_engine, make_sessionmaker
from wizard.rules.loading import load_rules

STORED = 100_000
BATCH = 2_000
RUNS = 15
PASSWORD = "mot de passe du banc d'essai"
PAGES = {
    "liste, 1re page (tri par date)": "/gestion/",
    "filtres statut + palier": "/gestion/?statut=eligible&palier=solide",
    "filtres type + phase + dates": "/gestion/?type=operateur_etat&phase=construction&du=2020-01-01&au=2099-12-31",
    "recherche dans le nom": "/gestion/?q=transition+ecologique+n°+99",
    "tri par score": "/gestion/?ordre=score&sens=asc",
    "tri par nom, page 1 000": "/gestion/?ordre=nom&sens=asc&page=1000",
    "fiche d'une évaluation": "/gestion/evaluations/{some_id}",
}


def fill(url: str, rules) -> int:
    """Store STORED generated assessments; return the id of one of them."""
    rng = random.Random(11)
    with make_sessionmaker(url)() as session:
        for start in range(0, STORED, BATCH):
            rows = []
            for number in range(start, start + BATCH):
                values, _ = engine.read_answers(rules, generate(rules, rng, number))
                rows.append((values, engine.result(rules, values)))
            assessments.import_rows(session, rows)
        accounts.add_manager(session, "banc@beta.gouv.fr", PASSWORD)
        some_id = assessments.list_page(session, assessments.Filters(), per_page=1).items[0].id
    # Statistics for the query planner, as `eig-wizard import` leaves them (and, on PostgreSQL, the visibility
    # map that autovacuum sets after a bulk load).
    analyze(url)
    return some_id


def analyze(url: str) -> None:
    engine = make_engine(url)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE assessments" if engine.dialect.name == "postgresql" else "ANALYZE"))
    engine.dispose()


def median_ms(client, path: str) -> float:
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(path)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200, (path, response.status_code)
    return 1000 * statistics.median(timings)


def bench(backend: str, rules) -> None:
    with migrated_database(backend) as url:
        start = time.perf_counter()
        some_id = fill(url, rules)
        print(f"\n{backend}: {STORED:,} assessments stored in {time.perf_counter() - start:.0f} s")
        app = create_app({"DATABASE_URL": url, "SECRET_KEY": secrets.token_hex(32), "SESSION_COOKIE_SECURE": False})
        client = app.test_client()
        login = client.get("/gestion/connexion").get_data(as_text=True)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', login).group(1)
        assert client.post("/gestion/connexion", data={"csrf_token": token, "email": "banc@beta.gouv.fr",
                                                       "password": PASSWORD}).status_code == 303
        start_page = median_ms(client, "/")
        print(f"  {'page d’accueil (référence)':<34} {start_page:7.1f} ms")
        for label, path in PAGES.items():
            took = median_ms(client, path.format(some_id=some_id))
            print(f"  {label:<34} {took:7.1f} ms  = {took / start_page:5.1f} × la page d’accueil")


def main() -> None:
    rules = load_rules()
    print(f"Median of {RUNS} requests per page, through the Flask test client, logged in as a manager.")
    backends = sys.argv[1:] or ["sqlite", "postgresql"]
    if "sqlite" in backends:
        bench("sqlite", rules)
    if "postgresql" not in backends:
        return
    if postgres_answers():
        bench("postgresql", rules)
    else:
        print("\nPostgreSQL pass SKIPPED: no server answers on 127.0.0.1:5432 (database test)")


if __name__ == "__main__":
    main()
