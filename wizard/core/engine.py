"""The verdict and the score: pure functions from (rules, answers) to a result. No I/O, no web."""
from __future__ import annotations

import re
from typing import Any, Mapping

from wizard.core import characters
from wizard.rules.model import Question, Rules

# Precedence of statuses: the worst reason decides the verdict.
_SEVERITY = {"eligible": 0, "to_confirm": 1, "ineligible": 2}
_STATUS_BY_SEVERITY = ("eligible", "to_confirm", "ineligible")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_BOOLEANS = {"oui": True, "non": False, "true": True, "false": False}
_LEVELS = {"0": 0, "1": 1, "2": 2, "3": 3}
_ABSENT = object()


class InvalidAnswers(Exception):
    """Answers that cannot be assessed: `errors` maps each question id to a French message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{qid} : {message}" for qid, message in errors.items()))
        self.errors = errors


def assess(rules: Rules, answers: Mapping[str, Any]) -> dict:
    """The full result for a complete set of answers; raise InvalidAnswers when any is missing or invalid."""
    values, errors = read_answers(rules, answers)
    if errors:
        raise InvalidAnswers(errors)
    return result(rules, values)


def read_answers(rules: Rules, answers: Mapping[str, Any], partial: bool = False) -> tuple[dict, dict[str, str]]:
    """Normalise raw answers (web form, JSON, YAML or CSV cells) into values, and list the errors by id.

    Answers to questions that do not apply (their `when` does not hold) are checked, then left out.
    With `partial`, missing answers are not errors: the questionnaire is still being filled in.
    """
    texts = rules.messages["answers"]
    if not isinstance(answers, dict) and not isinstance(answers, Mapping):
        return {}, {"reponses": texts["not_a_mapping"]}
    known = rules.answer_ids
    errors = {} if known.issuperset(answers) else {
        key: texts["unknown_question"].format(value=characters.shown(str(key))) for key in answers if key not in known}
    values: dict[str, Any] = {}
    for question in rules.questions.values():
        raw = answers.get(question.id)
        if raw.__class__ is str and raw in question.by_value and question.kind != "multi":  # the usual case: an option id
            value, error = raw, None
        elif raw is None or _is_blank(raw):
            if question.required and not partial and applies(question, values):
                errors[question.id] = texts["missing"].format(label=question.label)
            continue
        else:
            value, error = _read_value(question, raw, texts)
        if error:  # invalid even where the question does not apply: never guessed, never dropped silently
            errors[question.id] = error
        elif not question.when or applies(question, values):
            values[question.id] = value
    _read_levels(rules, answers, values, errors, partial)
    return values, errors


def applies(question: Question, values: Mapping[str, Any]) -> bool:
    """Whether a question is asked, given the answers before it (its `when`)."""
    for qid, value in question.when:
        if values.get(qid) != value:
            return False
    return True


def _is_blank(raw: Any) -> bool:
    if isinstance(raw, str):
        return not raw.strip()
    return raw == [] or raw == ()


def _read_value(question: Question, raw: Any, texts: Mapping[str, str]) -> tuple[Any, str | None]:
    kind = question.kind
    if kind == "choice":
        option = raw.strip() if isinstance(raw, str) else None
        if option in question.by_value:
            return option, None
        return None, texts["invalid_choice"].format(value=characters.shown(str(raw)), label=question.label)
    if kind == "boolean":
        value = raw if isinstance(raw, bool) else _BOOLEANS.get(raw.strip().lower()) if isinstance(raw, str) else None
        return (value, None) if value is not None else (None, texts["invalid_boolean"].format(label=question.label))
    if kind == "multi":  # a single value (`profils: directeur_produit`, a CSV cell) is a list of one
        chosen = [part.strip() for part in raw.split(";")] if isinstance(raw, str) else raw
        if not isinstance(chosen, (list, tuple)):
            return None, texts["invalid_choice"].format(value=raw, label=question.label)
        for option in chosen:
            if not isinstance(option, str) or option not in question.by_value:
                return None, texts["invalid_choice"].format(value=characters.shown(str(option)), label=question.label)
        return [option.id for option in question.options if option.id in chosen], None
    return _read_text(question, raw, texts)


def _read_text(question: Question, raw: Any, texts: Mapping[str, str]) -> tuple[Any, str | None]:
    if not isinstance(raw, str):
        return None, texts["invalid_text"].format(label=question.label)
    if characters.has_forbidden(raw):
        return None, texts["control_character"].format(label=question.label)
    value = raw.strip()
    if question.max_length is not None and len(value) > question.max_length:
        return None, texts["too_long"].format(label=question.label, max=question.max_length)
    if question.kind == "email" and not _EMAIL.match(value):
        return None, texts["invalid_email"].format(label=question.label)
    if question.pattern is not None and not question.pattern.match(value):
        return None, texts["invalid_pattern"].format(message=question.pattern_message, label=question.label)
    return value, None


def _read_levels(rules: Rules, answers: Mapping[str, Any], values: dict, errors: dict, partial: bool) -> None:
    """The criteria are answered all together or not at all."""
    missing = []
    for criterion in rules.criteria:
        raw = answers.get(criterion.id)
        if raw.__class__ is int and 0 <= raw <= 3:  # the usual case
            values[criterion.id] = raw
            continue
        if raw is None or _is_blank(raw):
            missing.append(criterion)
            continue
        level = _LEVELS.get(raw.strip()) if isinstance(raw, str) else None
        if level is None:
            errors[criterion.id] = rules.messages["answers"]["invalid_level"].format(label=criterion.label)
        else:
            values[criterion.id] = level
    if missing and len(missing) < len(rules.criteria) and not partial:
        for criterion in missing:
            errors[criterion.id] = rules.messages["answers"]["criteria_incomplete"].format(label=criterion.label)


def result(rules: Rules, values: Mapping[str, Any]) -> dict:
    """The result of normalised, valid answers (see read_answers), as a JSON-ready value."""
    eligibility = verdict(rules, values)
    return {
        "rules_version": rules.programme.version,
        "eligibility": eligibility,
        "score": score(rules, values),
        "criteria": criteria_view(rules, values),
        "next_steps": next_steps(rules, eligibility["status"]),
        "dossier_url": rules.programme.dossier_url,
    }


def verdict(rules: Rules, values: Mapping[str, Any]) -> dict:
    """Eligibility: one reason for each rule that applies and is answered; the worst status wins."""
    reasons = []
    severity = 0
    for question in rules.rule_questions:
        reason = question.reasons.get(values.get(question.id, _ABSENT))
        if reason is not None:
            reasons.append({**reason})
            if _SEVERITY[reason["status"]] > severity:
                severity = _SEVERITY[reason["status"]]
    return {"status": _STATUS_BY_SEVERITY[severity], "reasons": reasons}


def score(rules: Rules, values: Mapping[str, Any]) -> dict | None:
    """Points, percent and band; None when the criteria were not assessed."""
    if rules.criteria[0].id not in values:  # all or none, as read_answers ensures
        return None
    points, blocking = 0, []
    for criterion in rules.criteria:
        level = values[criterion.id]
        points += criterion.weight * level
        if level == 0:
            blocking.append(criterion.id)
    maximum = rules.max_points
    # Exact comparison of points / maximum with the threshold, without rounding.
    band = next(band for band in rules.bands
                if points * 100 * band.min_percent.denominator >= band.min_percent.numerator * maximum
                and (band.allows_blocking or not blocking))
    return {"points": points, "max": maximum, "percent": round(100 * points / maximum, 1), "band": band.id,
            "blocking": blocking}


def criteria_view(rules: Rules, values: Mapping[str, Any]) -> list[dict]:
    """Each criterion with its level, the level's descriptor and the advice (None when not assessed)."""
    views = rules.criterion_views
    return [{**views[criterion.id, values.get(criterion.id)]} for criterion in rules.criteria]


def next_steps(rules: Rules, status: str) -> list[str]:
    return list(rules.programme.next_steps_for[status])
