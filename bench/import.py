"""Import a generated 10,000-row CSV with `eig-wizard import`, into SQLite and into PostgreSQL; print rows per
second for each, and the ratio to scoring the same rows without storing them.

Run: .venv/bin/python bench/import.py   (the PostgreSQL pass needs the server on 127.0.0.1:5432, database test)
"""
from __future__ import annotations

import os
from pathlib import Path
import random
import tempfile
import time

from click.testing import CliRunner
from sqlalchemy import func, select

from datasets import generate, migrated_database, postgres_answers, write_csv
from wizard.core import engine
from wizard.cli.answers_files import read_answers_file
from wizard.cli.commands import main as cli
from wizard.store.db import make_sessionmaker
from wizard.store.models import Assessment
from wizard.rules.loading import load_rules

ROWS = 10_000


def score_only(rules, path: Path) -> float:
    """Seconds to read the file and score every row, storing nothing: what the import adds storage to."""
    start = time.perf_counter()
    for entry in read_answers_file(path):
        values, errors = engine.read_answers(rules, entry.answers)
        if not errors:
            engine.result(rules, values)
    return time.perf_counter() - start


def import_into(url: str, path: Path) -> tuple[float, int]:
    """Seconds for `eig-wizard import FILE` on the database at `url`, and the rows it holds after."""
    os.environ["DATABASE_URL"] = url
    start = time.perf_counter()
    result = CliRunner().invoke(cli, ["import", str(path)])
    seconds = time.perf_counter() - start
    assert result.exit_code == 0, result.output
    with make_sessionmaker(url)() as session:
        return seconds, session.scalar(select(func.count()).select_from(Assessment))


def main() -> None:
    rules = load_rules()
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as folder:
        path = write_csv(Path(folder) / "lot.csv", rules, [generate(rules, rng, n) for n in range(ROWS)])
        print(f"{ROWS:,} rows, {path.stat().st_size / 2**20:.1f} MiB of CSV")
        scoring = min(score_only(rules, path) for _ in range(3))
        print(f"scoring only (read + assess, nothing stored): {ROWS / scoring:>9,.0f} rows/s")
        backends = ["sqlite"] + (["postgresql"] if postgres_answers() else [])
        for backend in backends:
            with migrated_database(backend) as url:
                seconds, stored = import_into(url, path)
                again, _ = import_into(url, path)  # the same file twice: nothing more is stored
            assert stored == ROWS, stored
            print(f"import into {backend:<10}: {ROWS / seconds:>9,.0f} rows/s ({seconds:.2f} s), "
                  f"{scoring / seconds:.2f} of the scoring-only rate; "
                  f"same file again: {again:.2f} s, {stored:,} rows kept")
        if "postgresql" not in backends:
            print("PostgreSQL pass SKIPPED: no server answers on 127.0.0.1:5432 (database test)")


if __name__ == "__main__":
    main()
