"""What the result page needs: the one view of the result (wizard/report/result_view.py) and the page's own links.

The verdict and the score are the engine's (once every step is complete; otherwise the early verdict of the
answers given so far, shown only when it is already "ineligible", which no later answer can change); what they
mean, the action and the next steps are the view's. This module only adds where the page's links go.
"""
from __future__ import annotations

from datetime import date

from wizard.core import flow, words
from wizard.core.assessment import Assessment
from wizard.report.chart import criteria_chart
from wizard.report.result_view import result_view
from wizard.report.content import rules_version_words
from wizard.web.fixed_urls import fixed_url
from wizard.web.forms import RETURN_TO_CHECK, question_anchor
from wizard.web.public_url import absolute_url_for


def result_context(assessment: Assessment, today: date) -> dict | None:
    """The page's context, or None when there is no verdict to give yet. `today` places the call's calendar."""
    rules, result = assessment.rules, assessment.result
    if not result["final"]:
        return None
    complete = not result["missing"]
    view = result_view(rules, result, assessment.values, today)
    steps = flow.flow_steps(rules)
    return {
        "view": view,
        "complete": complete,
        "continue_url": None if complete else fixed_url("wizard.step", step_id=result["missing"][0]["step"]),
        "change_url": fixed_url("wizard.check") if complete else fixed_url("wizard.step", step_id=steps[0].id),
        # Where each reason's answer is changed: back to the check page once every step is done.
        "reason_urls": {reason["rule"]: _step_url(reason["step"], question_anchor(rules.questions[reason["question_id"]]), complete)
                        for reason in (*view["deciding_reasons"], *view["passed_reasons"])},
        "assess_url": _step_url(next(step for step in steps if step.criteria).id, None, complete),
        "commitments_step": next((step for step in steps if step.checklist), None),
        "chart": criteria_chart(view["criteria"], rules.top_level) if view["score"] else None,
        "scale": rules.scale,
        "texts": rules.messages["result"],
        "not_assessed": rules.messages["criteria"]["not_assessed"],
        "printed": printed_facts(rules, today),
    }


def _step_url(step_id: str, anchor: str | None, returning: bool) -> str:
    url = fixed_url("wizard.step", step_id=step_id, **({"retour": RETURN_TO_CHECK} if returning else {}))
    return f"{url}#{anchor}" if anchor else url


def printed_facts(rules, today: date) -> dict:
    """What the printed result says of itself (templates/result_printed.html): the day, the rules in words, the
    tool's address, so that a sheet read later or passed on says when, by which rules and where to start again."""
    return {"date": words.french_date(today), "rules": rules_version_words(rules),
            "address": absolute_url_for("wizard.start")}
