"""Migration r3_facts_1 fills, for the assessments checked before it, whether a declared answer differs from
beta.gouv.fr's record, the declared phase, the recorded kind of body and the copy's date, from their stored facts;
going back to r3_team_1 takes the columns away."""
import json

import pytest
from sqlalchemy import inspect, text

from wizard.store import schema
from wizard.store.db import make_engine

BACKENDS = pytest.mark.parametrize("empty_url", ["sqlite", "postgresql"], indirect=True)
SYNCED = "2026-12-06T05:00:00"
FACTS = {1: [{"question": "phase", "declared": "acceleration", "recorded": "transfere", "since": "2025-09-19",
              "source": "beta.gouv.fr", "synced_at": SYNCED},
             {"question": "administration_type", "declared": "administration_centrale", "recorded": "operateur_etat",
              "since": None, "source": "beta.gouv.fr", "synced_at": SYNCED}],
         2: [{"question": "phase", "declared": "construction", "recorded": "construction", "since": "2021-02-01",
              "source": "beta.gouv.fr", "synced_at": SYNCED}],
         3: []}  # never checked


@BACKENDS
def test_r3_facts_1_summarises_the_stored_facts_and_going_back_removes_the_columns(empty_url):
    schema.upgrade(empty_url, "r3_team_1")
    engine = make_engine(empty_url)
    try:
        with engine.begin() as connection:
            for row_id, found in FACTS.items():
                connection.execute(text(
                    "INSERT INTO assessments (id, created_at, updated_at, origin, rules_version, status, triage, "
                    "verified) VALUES (:id, '2026-12-01 10:00:00', '2026-12-01 10:00:00', 'web', '2026.1', "
                    "'eligible', 'a_etudier', :verified)"), {"id": row_id, "verified": bool(found)})
                connection.execute(text("INSERT INTO assessment_documents (assessment_id, answers, result) "
                                        "VALUES (:id, '{}', :result)"), {"id": row_id, "result": json.dumps({"facts": found})})
        schema.upgrade(empty_url, "r3_facts_1")
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT id, declared_differs, declared_phase, recorded_type, beta_synced_at "
                                           "FROM assessments ORDER BY id")).all()
        as_read = [(i, bool(d), p, t, str(s)[:19] if s else None) for i, d, p, t, s in rows]
        assert as_read == [(1, True, "acceleration", "operateur_etat", "2026-12-06 05:00:00"),
                           (2, False, "construction", None, "2026-12-06 05:00:00"),
                           (3, False, None, None, None)]
        schema.downgrade(empty_url, "r3_team_1")
        engine.dispose()
        names = {column["name"] for column in inspect(engine).get_columns("assessments")}
        assert not {"declared_differs", "declared_phase", "recorded_type", "beta_synced_at"} & names
    finally:
        engine.dispose()
