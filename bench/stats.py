"""The public statistics over many saved assessments (SQLite): the computation, done once per 10 minutes per process,
next to reading one column of every row (the least any statistic costs), and a page served from the cache.

Run: .venv/bin/python bench/stats.py [--count 20000]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from answers import answers, scored  # noqa: E402
from checked_app import make_app  # noqa: E402
from wizard.report.stats import statistics  # noqa: E402
from wizard.store import assessments, schema, stats  # noqa: E402
from wizard.store.db import make_engine  # noqa: E402
from wizard.store.models import Assessment, AssessmentDocument  # noqa: E402


def fill(url: str, rules, count: int) -> None:
    """`count` assessments: one saved as the site does, its rows copied."""
    engine = make_engine(url)
    with Session(engine) as db:
        first, _ = assessments.save(db, *scored(rules, answers(administration_type="collectivite_territoriale")),
                                    completed_steps=["dossier"])
        facts = {c.name: getattr(first, c.name) for c in Assessment.__table__.c if c.name not in ("id", "token_hash")}
        document = {"answers": first.answers, "result": first.result, "completed_steps": first.completed_steps}
        for start in range(2, count + 1, 1000):
            ids = range(start, min(start + 1000, count + 1))
            db.execute(sa.insert(Assessment.__table__), [{**facts, "id": i} for i in ids])
            db.execute(sa.insert(AssessmentDocument.__table__), [{**document, "assessment_id": i} for i in ids])
        db.commit()
    engine.dispose()


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=20_000)
    count = parser.parse_args().count
    url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='eig-bench-stats-')) / 'stats.sqlite3'}"
    schema.upgrade(url)
    app = make_app(DATABASE_URL=url)
    rules = app.extensions["rules"]
    fill(url, rules, count)
    engine = make_engine(url)
    with Session(engine) as db:
        baseline = min(timed(lambda: db.execute(sa.select(Assessment.status)).all()) for _ in range(3))
        computed = min(timed(lambda: statistics(stats.facts(db), rules.programme)) for _ in range(3))
    client = app.test_client()
    client.get("/stats.json")
    cached = min(timed(lambda: client.get("/stats")) for _ in range(20))
    print(f"{count} évaluations : statistiques calculées en {computed * 1000:.0f} ms "
          f"({computed / baseline:.1f} × la lecture d'une colonne, {baseline * 1000:.0f} ms) ; "
          f"page servie du cache en {cached * 1000:.1f} ms")


if __name__ == "__main__":
    main()
