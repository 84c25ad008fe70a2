"""The request's assessment, built once: the rules in force for this request, the draft, the product's record and
the explained result (wizard/core/assessment.py). Every view of the wizard, the report, the save and the records'
choices reads it here; none rebuilds the chain.
"""
from __future__ import annotations

from flask import flash, g, redirect, url_for

from wizard.core.assessment import Assessment, assess_progress
from wizard.store import drafts
from wizard.web import beta_records

# The one-time notice (flash) of the step page that says why the agent was sent there; the step page turns its
# key into text.
NOTICE_CATEGORY = "etape"
NOTICE_RESUME = "reprise"


def current() -> Assessment:
    """This request's assessment; built again only when the request saved a new draft."""
    draft = drafts.current()
    kept = g.get("assessment")
    if kept is None or kept[0] is not draft:
        rules = beta_records.rules_for_request()
        declared, completed = drafts.get_answers(), drafts.get_completed()
        record = beta_records.record_for(declared)
        copy_at = beta_records.copy_time()
        kept = g.assessment = (draft, assess_progress(rules, declared, completed, record,
                                                      beta_records.beta_rules() if copy_at else None, copy_at))
    return kept[1]


def resume():
    """Send the agent to the first step still to answer (the check page once all are), saying why, in one
    redirect: the same for every page that needs a verdict."""
    target = current().next_step
    flash(NOTICE_RESUME, NOTICE_CATEGORY)
    return redirect(url_for("wizard.step", step_id=target.id) if target else url_for("wizard.check"), 303)
