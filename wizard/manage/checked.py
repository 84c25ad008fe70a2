"""What the managers' detail and list show of the answers checked against beta.gouv.fr's records: for each, the
value declared, the value recorded and the date of the copy. Read from the stored facts (wizard.core.facts), verified
or not: an address kept as declared, not found in the copy, shows as « déclarée, non vérifiée »."""
from __future__ import annotations

from typing import Any

from wizard.core import facts, words
from wizard.rules import ids
from wizard.rules.model import Rules
from wizard.store.models import Assessment


def checked_rows(rules: Rules, assessment: Assessment) -> list[dict[str, Any]]:
    """One row per checked answer, in the questionnaire's order of CHECKED_QUESTIONS."""
    manage = rules.messages["manage"]
    by_question = {fact["question"]: fact for fact in assessment.result.get("facts") or ()}
    rows = []
    for question_id in ids.CHECKED_QUESTIONS:
        fact = by_question.get(question_id)
        if fact is None or question_id not in rules.questions:
            continue
        question = rules.questions[question_id]
        declared = fact.get("declared")
        recorded = (words.answer_text(rules, question, fact["recorded"]) if facts.is_verified(fact)
                    else manage["not_verified"])
        if fact.get("since") and facts.is_verified(fact):
            recorded = manage["recorded_since"].format(value=recorded, since=facts.day_label(fact["since"]))
        rows.append({"question": question.label,
                     "declared": manage["not_declared"] if declared is None else words.answer_text(rules, question, declared),
                     "recorded": recorded, "differs": facts.differs(fact)})
    return rows


def synced_words(rules: Rules, assessment: Assessment) -> str | None:
    """« beta.gouv.fr (données du 7 décembre 2026) », the copy the answers were checked against."""
    if assessment.beta_synced_at is None:
        return None
    return rules.messages["manage"]["recorded_value"].format(date=words.french_date(assessment.beta_synced_at.date()))
