"""What the persistence benchmarks share: generated answers and CSV files, and throwaway databases."""
from __future__ import annotations

import csv
import os
import random
import secrets
import tempfile
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, text

from wizard.store import schema
from wizard.rules.model import Rules

POSTGRES_URL = os.environ.get("EIG_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
KINDS_OF_BODY = ("Direction", "Agence", "Délégation", "Service", "Institut", "Office")
SUBJECTS = ("du numérique", "de la transition écologique", "des territoires", "de l'emploi", "de la santé",
            "des mobilités", "du logement", "de la culture", "des finances publiques", "de l'éducation")


def generate(rules: Rules, rng: random.Random, number: int) -> dict:
    """Raw answers as an answers file holds them: every required question, most often the criteria."""
    answers = {"administration_name": f"{rng.choice(KINDS_OF_BODY)} {rng.choice(SUBJECTS)} n° {number}"}
    for question in rules.questions.values():
        if question.options and (question.required or rng.random() < 0.5):
            choices = [option.id for option in question.options if not option.legacy]
            favourable = [option.id for option in question.options if option.outcome == "eligible"]
            if favourable and rng.random() < 0.8:
                choices = favourable
            answers[question.id] = rng.choice(choices)
    if rng.random() < 0.8:
        answers.update({criterion.id: str(rng.randint(0, 3)) for criterion in rules.criteria})
    return answers


def write_csv(path: Path, rules: Rules, rows: list[dict]) -> Path:
    header = [*rules.questions, *(criterion.id for criterion in rules.criteria)]
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, delimiter=";")
        writer.writerow(header)
        writer.writerows([row.get(column, "") for column in header] for row in rows)
    return path


def postgres_answers() -> bool:
    engine = create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as connection:
            connection.execute(text("select 1"))
        return True
    except Exception:  # no server: that pass is skipped, and said so
        return False
    finally:
        engine.dispose()


@contextmanager
def migrated_database(backend: str):
    """The URL of an empty, migrated database: a temporary SQLite file, or a schema of its own on PostgreSQL."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
            schema.upgrade(url)
            yield url
        return
    name = f"eig_bench_{secrets.token_hex(6)}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{name}"'))
    try:
        url = f"{POSTGRES_URL}?options={quote(f'-csearch_path={name}')}"
        schema.upgrade(url)
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        admin.dispose()
