"""Migration 0140 (r3_team_1) gives the assessments saved before it their product's beta.gouv.fr page, read from
their answers (what groups one product's assessments in the managers' list), and the triage events their kind;
going back removes both."""
import json

import pytest
from sqlalchemy import inspect, text

from wizard.store import schema
from wizard.store.db import make_engine

BACKENDS = pytest.mark.parametrize("empty_url", ["sqlite", "postgresql"], indirect=True)
PAGE = "https://beta.gouv.fr/startups/territoires-en-commun.html"
STORED = {1: {"administration_name": "ANCT", "beta_page_url": PAGE}, 2: {"administration_name": "Préfecture"},
          3: {"administration_name": "Commune", "beta_page_url": ["pas", "une", "adresse"]}}


@BACKENDS
def test_0140_fills_the_product_pages_of_existing_assessments_and_goes_back(empty_url):
    schema.upgrade(empty_url, "r3_proconnect_1")
    engine = make_engine(empty_url)
    try:
        with engine.begin() as connection:
            for row_id, answers in STORED.items():
                connection.execute(text(
                    "INSERT INTO assessments (id, created_at, updated_at, origin, rules_version, administration_name, "
                    "status, triage) VALUES (:id, '2026-12-01 10:00:00', '2026-12-01 10:00:00', 'web', '2026.1', "
                    ":name, 'eligible', 'a_etudier')"), {"id": row_id, "name": answers["administration_name"]})
                connection.execute(text("INSERT INTO assessment_documents (assessment_id, answers, result) "
                                        "VALUES (:id, :answers, '{}')"), {"id": row_id, "answers": json.dumps(answers)})
            connection.execute(text("INSERT INTO triage_events (assessment_id, at, by, from_triage, to_triage) "
                                    "VALUES (1, '2026-12-02 10:00:00', 'a@beta.gouv.fr', 'a_etudier', 'ecarte')"))
        schema.upgrade(empty_url, "r3_team_1")
        with engine.connect() as connection:
            pages = connection.execute(text("SELECT id, beta_page FROM assessments ORDER BY id")).all()
            kinds = connection.execute(text("SELECT kind FROM triage_events")).scalars().all()
        assert [tuple(row) for row in pages] == [(1, PAGE), (2, None), (3, None)]  # only a text is an address
        assert kinds == ["decided"]
        assert "ix_assessments_beta_page" in {index["name"] for index in inspect(engine).get_indexes("assessments")}

        schema.downgrade(empty_url, "r3_proconnect_1")
        engine.dispose()
        assert "beta_page" not in {column["name"] for column in inspect(engine).get_columns("assessments")}
        assert "kind" not in {column["name"] for column in inspect(engine).get_columns("triage_events")}
    finally:
        engine.dispose()
