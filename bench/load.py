"""A bounded load on loopback: 400 full agents' flows against PostgreSQL under gunicorn (the README's configuration),
first undisturbed, then with one worker killed by SIGKILL mid-load; nothing may be lost.

Each flow posts every step through the wizard's forms, saves, and opens its resume link. After each run, every
completed flow must be in the database with its answers whole, and every flow the kill cut must have lost its
connection at the kill (never an error page). Prints flows per second for each run and their ratio.
The test suite runs a smaller version (tests/store/test_gunicorn.py).

Run: .venv/bin/python bench/load.py [--flows 400] [--threads 8]   (needs PostgreSQL on 127.0.0.1:5432, database test)
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from database import PostgresSchema, postgres_unavailable  # noqa: E402
from store.gunicorn_load import gunicorn_env, run_flows, serve_gunicorn  # noqa: E402
from store.test_gunicorn import check_flows_whole  # noqa: E402
from wizard.store import schema  # noqa: E402

DEADLINE_SECONDS = 900  # each run stops starting flows after this


def one_run(flows: int, threads: int, kill: bool) -> float:
    with PostgresSchema() as url, tempfile.TemporaryDirectory() as folder:
        schema.upgrade(url)
        with serve_gunicorn(Path(folder), gunicorn_env(url)) as server:
            report = run_flows(server, flows, threads, kill_after=flows // 3 if kill else None,
                               deadline_seconds=DEADLINE_SECONDS)
        check_flows_whole(url, report, flows)
        assert report.broken_by_the_kill(), report.broken
    label = "avec un processus tué (SIGKILL)" if kill else "sans incident"
    print(f"{label:<34} {len(report.completed):>4} parcours complets, {len(report.broken):>2} coupés par l'arrêt, "
          f"{report.seconds:6.1f} s, {len(report.completed) / report.seconds:5.1f} parcours/s")
    return len(report.completed) / report.seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flows", type=int, default=400)
    parser.add_argument("--threads", type=int, default=8)
    arguments = parser.parse_args()
    reason = postgres_unavailable()
    if reason:
        raise SystemExit(reason)
    calm = one_run(arguments.flows, arguments.threads, kill=False)
    disturbed = one_run(arguments.flows, arguments.threads, kill=True)
    print(f"Débit avec l'arrêt / sans : {disturbed / calm:.2f} ; rien de perdu dans les deux passes.")


if __name__ == "__main__":
    main()
