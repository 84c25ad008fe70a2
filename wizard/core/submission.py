"""What a step's form does to the answers, and where the agent goes next. Free of Flask: the view passes the
stored answers and the posted ones in, and saves and redirects with what comes out."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from collections.abc import Mapping

from wizard.core import engine
from wizard.core import flow
from wizard.rules.model import Question, Rules, Step


@dataclass(frozen=True)
class Submission:
    errors: Mapping[str, str]  # by field name; when any, nothing is saved
    answers: Mapping[str, Any] = field(default_factory=dict)
    completed: frozenset[str] = frozenset()
    revealed: tuple[Question, ...] = ()  # questions the step must now show too
    became_ineligible: bool = False


@dataclass(frozen=True)
class Destination:
    endpoint: str
    values: Mapping[str, str]
    focus: Question | None = None  # the question the page should scroll to


def submit(rules: Rules, step: Step, stored: Mapping[str, Any], completed: frozenset[str],
           posted: Mapping[str, Any], offer_errors: Mapping[str, str], skip: bool = False,
           revealed_in_place: frozenset[str] = frozenset()) -> Submission:
    """Check the posted answers of a step with the engine and merge them into the stored ones.

    `posted` holds the step's fields as the form read them; a blank one removes its answer. A follow-up that the
    page hid (the answer it follows was not saved) was not seen, unless the page revealed it in place
    (`revealed_in_place`): its blank is no answer, and the step is shown again with it. `skip` passes
    the criteria step (its answers are removed, and the result says the criteria were not assessed) or an
    optional step (what it holds is left as it was).
    """
    unseen = {question.id for question in rules.step_questions(step)} - revealed_in_place - {
        question.id for question in flow.shown_questions(rules, step, stored)}
    posted = {name: value for name, value in posted.items() if name not in unseen}
    if skip:
        posted = {criterion.id: None for criterion in rules.criteria} if step.criteria else {}
    merged = {**stored, **posted}
    values, errors = engine.read_answers(rules, {key: value for key, value in merged.items() if value is not None})
    errors = {**{name: errors[name] for name in posted if name in errors}, **offer_errors}
    if errors:
        return Submission(errors=errors)
    answers = values  # only what applies: answers to questions that no longer apply are dropped
    return Submission(
        errors={}, answers=answers, completed=completed | {step.id},
        revealed=tuple(question for question in flow.revealed_questions(rules, step, stored, answers)
                       if question.id not in posted),
        became_ineligible=_status(rules, stored) != "ineligible" and _status(rules, answers) == "ineligible")


def keep_for_later(rules: Rules, step: Step, stored: Mapping[str, Any], completed: frozenset[str],
                   posted: Mapping[str, Any], submission: Submission) -> tuple[Mapping[str, Any], dict[str, Any]]:
    """A step saved for later, valid or not: the answers with what is valid of it, and what is not, as typed
    (a blank is no answer to keep; a text over its limit is kept whole), to show again with its error."""
    if not submission.errors:
        return submission.answers, {}
    pending = {name: value for name, value in posted.items() if name in submission.errors and value not in ("", None, [])}
    valid = {name: value for name, value in posted.items() if name not in submission.errors}
    for _ in range(len(posted) + 1):  # an answer may be refused only beside another: leave it out too
        attempt = submit(rules, step, stored, completed, valid, {})
        if not attempt.errors:
            return attempt.answers, pending
        pending.update({name: valid[name] for name in attempt.errors if valid.get(name) not in ("", None, [])})
        valid = {name: value for name, value in valid.items() if name not in attempt.errors}
    return stored, pending


def _status(rules: Rules, answers: Mapping[str, Any]) -> str:
    values, _ = engine.read_answers(rules, answers, partial=True)
    return engine.verdict(rules, values)["status"]


def destination(rules: Rules, step: Step, submission: Submission, returning: bool) -> Destination:
    """After a valid step: the step again with the questions it now shows, else the next page.

    A change made from the check-answers page goes back there, through any step the change left incomplete.
    An answer that makes the project ineligible shows the verdict at once; the agent may then go on.
    """
    back = {"retour": "verification"} if returning else {}
    if submission.revealed:
        return Destination("wizard.step", {"step_id": step.id, **back}, submission.revealed[0])
    if returning:
        incomplete = flow.first_incomplete(rules, submission.answers, submission.completed)
        if incomplete is not None:
            return Destination("wizard.step", {"step_id": incomplete.id, **back})
        return Destination("wizard.check", {})
    following = flow.next_step(rules, step, submission.answers)
    if submission.became_ineligible and following is not None:
        return Destination("wizard.result", {})
    if following is None:
        return Destination("wizard.check", {})
    return Destination("wizard.step", {"step_id": following.id})
