"""Migration 0005 gives the assessments saved before it their product's name, read from their answers, and a
contact e-mail column; going back to 0004 removes both."""
import json

import pytest
from sqlalchemy import inspect, text

from wizard.store import schema
from wizard.store.db import make_engine

BACKENDS = pytest.mark.parametrize("empty_url", ["sqlite", "postgresql"], indirect=True)
STORED = {1: {"administration_name": "CHU de Nantes", "product_name": "Écho Urgences"},
          2: {"administration_name": "CHU de Nantes", "product_name": "Dossier  Patient"},
          3: {"administration_name": "Archives nationales"}}  # no product named: stays empty


def insert_0004_rows(engine):
    with engine.begin() as connection:
        for row_id, answers in STORED.items():
            connection.execute(text(
                "INSERT INTO assessments (id, created_at, updated_at, origin, rules_version, administration_name, "
                "status, triage) VALUES (:id, '2026-12-01 10:00:00', '2026-12-01 10:00:00', 'web', '2026.1', "
                ":name, 'eligible', 'a_etudier')"), {"id": row_id, "name": answers["administration_name"]})
            connection.execute(text("INSERT INTO assessment_documents (assessment_id, answers, result) "
                                    "VALUES (:id, :answers, '{}')"), {"id": row_id, "answers": json.dumps(answers)})


def columns(engine):
    return {column["name"] for column in inspect(engine).get_columns("assessments")}


@BACKENDS
def test_0005_fills_the_product_names_of_existing_assessments_and_0004_takes_the_columns_away(empty_url):
    schema.upgrade(empty_url, "0004")
    engine = make_engine(empty_url)
    try:
        insert_0004_rows(engine)
        schema.upgrade(empty_url, "0005")
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT id, product_name, product_folded, contact_email "
                                           "FROM assessments ORDER BY id")).all()
        assert [tuple(row) for row in rows] == [(1, "Écho Urgences", "echo urgences", None),
                                                (2, "Dossier  Patient", "dossier patient", None),
                                                (3, None, None, None)]
        assert "ix_assessments_product_folded" in {index["name"] for index in inspect(engine).get_indexes("assessments")}

        schema.downgrade(empty_url, "0004")
        engine.dispose()
        assert not {"product_name", "product_folded", "contact_email"} & columns(engine)
        with engine.connect() as connection:  # the rows themselves are kept
            assert connection.execute(text("SELECT count(*) FROM assessment_documents")).scalar() == 3
    finally:
        engine.dispose()
