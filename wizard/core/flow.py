"""The path through the questionnaire: its steps, the questions each shows, and where the agent goes next.

Pure functions of the rules and of the stored (normalised) answers; the web views only ask them.
A question whose `when` depends on an answer of its own step (a follow-up) is on the step's page from the start,
hidden: the page reveals it in place when that answer is chosen (JavaScript), or is shown a second time with it
once the answer is saved, which needs no JavaScript.
"""
from __future__ import annotations

from operator import attrgetter
from typing import Any
from collections.abc import Mapping

from wizard.core import engine
from wizard.core.engine import applies
from wizard.core.words import by_stake
from wizard.rules.model import Criterion, Question, Rules, Step


def flow_steps(rules: Rules) -> tuple[Step, ...]:
    """The steps of the web questionnaire, in order (the optional dossier draft comes last, before the check)."""
    return rules.steps


def asked(rules: Rules, step: Step, answers: Mapping[str, Any]) -> bool:
    """Whether the step is asked: the jury's criteria and the partner's commitments are not asked of a project
    that is not eligible (nothing it could use); every other step is."""
    if not (step.criteria or step.checklist):
        return True
    values, _ = engine.read_answers(rules, answers, partial=True)
    return engine.verdict(rules, values)["status"] != "ineligible"


def skip_erases(rules: Rules, step: Step, answers: Mapping[str, Any], returning: bool) -> bool:
    """Whether passing this step erases answers: the criteria step, changed from the check page, once levels are
    given (passing it the first time, or an optional step, erases nothing)."""
    return returning and step.criteria and any(criterion.id in answers for criterion in rules.criteria)
def criteria_in_page_order(rules: Rules) -> tuple[Criterion, ...]:
    """The criteria as the pages show them: grouped under the FAQ's stakes, in the rules' order of stakes."""
    return tuple(criterion for _, under in by_stake(rules, rules.criteria, attrgetter("stake")) for criterion in under)


def find_step(rules: Rules, step_id: str) -> Step | None:
    return next((step for step in flow_steps(rules) if step.id == step_id), None)


def shown_questions(rules: Rules, step: Step, answers: Mapping[str, Any]) -> tuple[Question, ...]:
    return tuple(question for question in rules.step_questions(step) if applies(question, answers))


def page_questions(rules: Rules, step: Step, answers: Mapping[str, Any]) -> tuple[Question, ...]:
    """The questions a step's page holds: those shown, and the follow-ups that an answer on the page itself may
    bring in (hidden until then). A condition on another step's answer is the saved answer's to settle."""
    own = set(step.questions)
    return tuple(question for question in rules.step_questions(step)
                 if all(answers.get(other) == value for other, value in question.when if other not in own))


def revealed_questions(rules: Rules, step: Step, before: Mapping[str, Any],
                       after: Mapping[str, Any]) -> tuple[Question, ...]:
    """Questions that the answers just saved bring onto the step: it must be shown again with them."""
    shown_before = shown_questions(rules, step, before)
    return tuple(question for question in shown_questions(rules, step, after) if question not in shown_before)


def is_complete(rules: Rules, step: Step, answers: Mapping[str, Any], completed: frozenset[str]) -> bool:
    """Submitted, and every required question it shows is answered (answers may have changed since); a step not
    asked has nothing to complete."""
    if not asked(rules, step, answers):
        return True
    return step.id in completed and all(
        question.id in answers for question in shown_questions(rules, step, answers) if question.required)


def first_incomplete(rules: Rules, answers: Mapping[str, Any], completed: frozenset[str]) -> Step | None:
    return next((step for step in flow_steps(rules) if not is_complete(rules, step, answers, completed)), None)


def is_reachable(rules: Rules, step: Step, answers: Mapping[str, Any], completed: frozenset[str]) -> bool:
    """A step can be shown once every step before it is complete."""
    steps = flow_steps(rules)
    return all(is_complete(rules, before, answers, completed) for before in steps[:steps.index(step)])


def number(rules: Rules, step: Step) -> int:
    return flow_steps(rules).index(step) + 1


def next_step(rules: Rules, step: Step, answers: Mapping[str, Any] | None = None) -> Step | None:
    """The step after `step` that is asked (all of them without answers)."""
    steps = flow_steps(rules)
    return next((after for after in steps[steps.index(step) + 1:] if answers is None or asked(rules, after, answers)), None)


def previous_step(rules: Rules, step: Step, answers: Mapping[str, Any] | None = None) -> Step | None:
    steps = flow_steps(rules)
    return next((before for before in reversed(steps[:steps.index(step)]) if answers is None or asked(rules, before, answers)), None)
