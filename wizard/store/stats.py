"""What the public statistics read of the saved assessments: for each, when it was saved (Paris day), its verdict,
the rules that gave the verdict's reasons and the steps completed. Never a name, an answer or an address: only
the verdict's reasons' fragment of the result is read, in the database (a JSON path), a chunk at a time."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from wizard.core.words import paris_date
from wizard.store.models import Assessment, AssessmentDocument

CHUNK = 1000


def facts(db: Session) -> Iterator[tuple[date, str, list, list]]:
    """(day saved, status, the reasons' list, completed steps) of each saved assessment."""
    reasons = AssessmentDocument.result[("eligibility", "reasons")]
    query = (select(Assessment.created_at, Assessment.status, reasons, AssessmentDocument.completed_steps)
             .join(AssessmentDocument, AssessmentDocument.assessment_id == Assessment.id)
             .execution_options(yield_per=CHUNK))
    for created, status, found, steps in db.execute(query):
        yield paris_date(created), status, found or [], steps or []
