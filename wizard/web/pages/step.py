"""What the template of a step page needs: the stepper, the form's fields grouped for display, the way back."""
from __future__ import annotations

from operator import attrgetter
from typing import Any, Mapping

from wizard.core import engine
from wizard.core import flow
from wizard.core.words import by_stake
from wizard.web.fixed_urls import fixed_url
from wizard.web.forms import RETURN_TO_CHECK, FieldSpec, StepForm
from wizard.rules.model import Rules, Step


def step_context(rules: Rules, step: Step, form: StepForm, answers: Mapping[str, Any]) -> dict:
    steps = flow.flow_steps(rules)
    following = flow.next_step(rules, step)
    returning = form.retour.data == RETURN_TO_CHECK
    values, _ = engine.read_answers(rules, answers, partial=True)
    return {
        "step": step,
        "number": flow.number(rules, step),
        "total": len(steps),
        "next_title": following.title if following else None,
        "form": form,
        "groups": field_groups(rules, form.specs),
        "returning": returning,
        "back_url": _back_url(rules, step, returning),
        "has_answers": bool(answers),
        # Once an answer has made the project ineligible, every step offers the verdict.
        "ineligible": engine.verdict(rules, values)["status"] == "ineligible",
        "can_skip": step.criteria or step.optional,
        # Changed from the check page, passing the criteria step erases the levels: a page asks first.
        "skip_label": "Ne plus évaluer les critères" if flow.skip_erases(rules, step, answers, returning)
        else "Passer cette étape",
        "notices": rules.messages["notices"],
    }


def field_groups(rules: Rules, specs: tuple[FieldSpec, ...]) -> list[tuple[str | None, list[FieldSpec]]]:
    """Questions first, without heading; then the criteria, under the FAQ's stakes in the rules' order."""
    plain = [spec for spec in specs if spec.stake is None]
    return [*([(None, plain)] if plain else []), *by_stake(rules, specs, attrgetter("stake"))]


def _back_url(rules: Rules, step: Step, returning: bool) -> str:
    if returning:
        return fixed_url("wizard.check")
    previous = flow.previous_step(rules, step)
    return fixed_url("wizard.step", step_id=previous.id) if previous else fixed_url("wizard.start")
