"""The verdict and the score: pure functions from (rules, answers) to a result. No I/O, no web."""
from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any
from collections.abc import Mapping

from wizard.core import characters, words
from wizard.rules import addresses
from wizard.rules.model import BOOLEAN_OPTIONS, Band, Question, Rules, Status
from wizard.rules.typography import NARROW

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_BOOLEANS = {**BOOLEAN_OPTIONS, "true": True, "false": False}
_ABSENT = object()


class InvalidAnswers(Exception):
    """Answers that cannot be assessed: `errors` maps each question id to a French message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{qid} : {message}" for qid, message in errors.items()))
        self.errors = errors


def assess(rules: Rules, answers: Mapping[str, Any], facts: tuple[Mapping, ...] = ()) -> Value:
    """The full result for a complete set of answers; raise InvalidAnswers when any is missing or invalid.

    `facts` are the answers checked against beta.gouv.fr's records (wizard.core.facts), carried as they are."""
    values, errors = read_answers(rules, answers)
    if errors:
        raise InvalidAnswers(errors)
    return result(rules, values, facts=facts)


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
        key: texts["unknown_question"].format(value=characters.quoted(key)) for key in answers if key not in known}
    values: dict[str, Any] = {}
    for question in rules.questions.values():
        raw = answers.get(question.id)
        if raw.__class__ is str and raw in question.by_value and question.kind != "multi":  # the usual case
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
        return None, texts["invalid_choice"].format(value=characters.quoted(raw), label=question.label)
    if kind == "boolean":
        value = raw if isinstance(raw, bool) else _BOOLEANS.get(raw.strip().lower()) if isinstance(raw, str) else None
        return (value, None) if value is not None else (None, texts["invalid_boolean"].format(label=question.label))
    if kind == "multi":  # a single value (`profils: directeur_produit`, a CSV cell) is a list of one
        chosen = [part.strip() for part in raw.split(";")] if isinstance(raw, str) else raw
        if not isinstance(chosen, (list, tuple)):
            return None, texts["invalid_choice"].format(value=characters.quoted(raw), label=question.label)
        for option in chosen:
            if not isinstance(option, str) or option not in question.by_value:
                return None, texts["invalid_choice"].format(value=characters.quoted(option), label=question.label)
        return [option.id for option in question.options if option.id in chosen], None
    return _read_text(question, raw, texts)


def _read_text(question: Question, raw: Any, texts: Mapping[str, str]) -> tuple[Any, str | None]:
    if not isinstance(raw, str):
        return None, texts["invalid_text"].format(label=question.label)
    if characters.has_forbidden(raw):
        return None, texts["control_character"].format(label=question.label)
    raw = characters.without_invisible(raw)
    if characters.mixes_scripts(raw):
        return None, texts["mixed_scripts"].format(label=question.label)
    # An address is kept in the one form its pattern asks for, however it was pasted (wizard/rules/addresses.py).
    value = addresses.fitted(raw, question.pattern) if question.kind == "url" else raw.strip()
    # A browser posts a text area's line breaks as CRLF: each counts as one character, as the page's counter says.
    if question.max_length is not None and len(value.replace("\r\n", "\n")) > question.max_length:
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
        if raw.__class__ is int and raw in rules.levels:  # the usual case
            values[criterion.id] = raw
            continue
        if raw is None or _is_blank(raw):
            missing.append(criterion)
            continue
        level = _level(rules, raw)
        if level is None:
            errors[criterion.id] = rules.messages["answers"]["invalid_level"].format(label=criterion.label,
                                                                                     top=rules.top_level)
        else:
            values[criterion.id] = level
    if missing and len(missing) < len(rules.criteria) and not partial:
        for criterion in missing:
            errors[criterion.id] = rules.messages["answers"]["criteria_incomplete"].format(label=criterion.label)


def _level(rules: Rules, raw: Any) -> int | None:
    """A level written as text ("2"), as in a CSV cell; None when it is not one of the scale's."""
    return {str(level): level for level in rules.levels}.get(raw.strip()) if isinstance(raw, str) else None


def result(rules: Rules, values: Mapping[str, Any], missing: tuple[Mapping, ...] = (),
           facts: tuple[Mapping, ...] = ()) -> Value:
    """The explained result of normalised, valid answers (see read_answers): a JSON-ready value that cannot change.

    `missing` lists what answers in progress still lack (see core.progress). The verdict is final once nothing
    is missing, or when it is already "ineligible", which no later answer can change. `facts`: the answers
    checked against beta.gouv.fr's records (wizard.core.facts), carried as they are."""
    parts = _parts(rules)
    eligibility = verdict(rules, values)
    # What to do next, the procedure and the dossier depend on the call's calendar, hence on the day: they are the
    # presentation's (wizard/report/result_view.py), not the result's.
    return Value({
        "rules_version": rules.programme.version,
        "final": not missing or eligibility["status"] == "ineligible",
        "missing": Items(missing),
        "eligibility": eligibility,
        "score": score(rules, values),
        "criteria": Items(parts.criteria[criterion.id, values.get(criterion.id)] for criterion in rules.criteria),
        "facts": Items(Value(fact) for fact in facts),  # answers checked against beta.gouv.fr's records, if any
    })


def verdict(rules: Rules, values: Mapping[str, Any]) -> Value:
    """Eligibility: one reason for each rule that applies and is answered, with the answer that decided it;
    the worst status wins."""
    reasons = _parts(rules).reasons
    found = []
    severity = 0
    for question in rules.rule_questions:
        reason = reasons.get((question.id, values.get(question.id, _ABSENT)))
        if reason is not None:
            found.append(reason)
            severity = max(severity, Status(reason["status"]).severity)
    return Value({"status": tuple(Status)[severity].value, "reasons": Items(found)})


def score(rules: Rules, values: Mapping[str, Any]) -> Value | None:
    """Points, percent and band, with the thresholds and the sentence that says why this band; None when the
    criteria were not assessed."""
    if rules.criteria[0].id not in values:  # all or none, as read_answers ensures
        return None
    points = sum(criterion.weight * values[criterion.id] for criterion in rules.criteria)
    blocking = tuple(criterion.id for criterion in rules.criteria if values[criterion.id] == 0)
    # The score depends on the points and the blocking criteria alone: each pair's value is built once.
    scores = _parts(rules).scores
    found = scores.get((points, blocking))
    if found is None:
        found = _score(rules, points, blocking)
        if len(scores) < _SCORES_KEPT:
            scores[points, blocking] = found
    return found


def _score(rules: Rules, points: int, blocking: tuple[str, ...]) -> Value:
    maximum = rules.max_points
    # Exact comparison of points / maximum with the threshold, without rounding.
    reached = [band for band in rules.bands
               if points * 100 * band.min_percent.denominator >= band.min_percent.numerator * maximum]
    band = next(band for band in reached if band.allows_blocking or not blocking)
    percent = round(100 * points / maximum, 1)
    return Value({"points": points, "max": maximum, "percent": percent, "band": band.id, "blocking": Items(blocking),
                  "thresholds": _parts(rules).thresholds,
                  "explanation": _explanation(rules, points, maximum, percent, band, reached[0], blocking)})


def _explanation(rules: Rules, points: int, maximum: int, percent: float, band: Band, best: Band,
                 blocking: tuple[str, ...]) -> str:
    """Which threshold, or which blocking point, chose the band (messages.yaml, score.*)."""
    texts = rules.messages["score"]
    fields = {"points": points, "max": maximum, "percent": words.number(percent), "band": band.label}
    if best is not band:  # a higher band's threshold is reached, but a criterion at the lowest level bars it
        labels = ", ".join(f"«{NARROW}{rules.criterion(c).label}{NARROW}»" for c in blocking)
        return texts["explanation_blocked" if len(blocking) == 1 else "explanation_blocked_many"].format(**fields, best=best.label, labels=labels,
                                                   threshold=words.number(_number(best.min_percent)))
    position = rules.bands.index(band)
    if band.min_percent == 0 and position > 0:
        above = rules.bands[position - 1]
        return texts["explanation_below"].format(**fields, threshold=words.number(_number(above.min_percent)))
    return texts["explanation_reached"].format(**fields, threshold=words.number(_number(band.min_percent)))


def _number(fraction: Fraction) -> int | float:
    return int(fraction) if fraction.denominator == 1 else float(fraction)


@dataclass(frozen=True)
class _Parts:
    """The parts of a result that depend on the rules alone, built once per rules and shared by every result:
    they cannot change, so sharing them is safe."""
    rules: Rules
    reasons: Mapping[tuple[str, Any], Value]  # (question id, answer) -> the reason it gives
    criteria: Mapping[tuple[str, int | None], Value]  # (criterion id, level or None) -> its view
    thresholds: Value
    scores: dict[tuple[int, tuple[str, ...]], Value]  # (points, blocking criteria) -> the score, filled as met


# Far more than the nine criteria's (points, blocking) pairs (28 x 512); past it, a score is built, not kept.
_SCORES_KEPT = 50_000


def _parts(rules: Rules) -> _Parts:
    """The rules' parts, kept on the rules themselves: they live and die with them."""
    parts = rules.derived.get("engine")
    if parts is None:
        parts = rules.derived["engine"] = _build_parts(rules)
    return parts


def _build_parts(rules: Rules) -> _Parts:
    top = rules.top_level
    reasons = {(question.id, answer): Value({"rule": question.id, "status": option.outcome, "message": option.message,
                                             "faq": Items(question.faq), "answer": answer})
               for question in rules.rule_questions for answer, option in question.by_value.items() if option.outcome}
    criteria = {(criterion.id, level): Value({
        "id": criterion.id, "label": criterion.label, "stake": criterion.stake, "level": level,
        "weight": criterion.weight, "points": None if level is None else criterion.weight * level,
        "descriptor": None if level is None else criterion.levels[level],
        "advice": None if level is None else rules.strength if level == top else criterion.advice[level],
        "faq": Items(criterion.faq)}) for criterion in rules.criteria for level in (None, *rules.levels)}
    return _Parts(rules=rules, reasons=reasons, criteria=criteria,
                  thresholds=Value({band.id: _number(band.min_percent) for band in rules.bands}), scores={})


def _frozen(self, *args, **kwargs):
    raise TypeError("un résultat ne se modifie pas")


class Value(dict):
    """A part of the result: a JSON object (json.dumps and the store take it as it is) that cannot be changed."""
    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = __ior__ = _frozen


class Items(list):
    """A list in the result: a JSON array that cannot be changed."""
    __setitem__ = __delitem__ = __iadd__ = __imul__ = append = extend = insert = pop = remove = clear = sort = \
        reverse = _frozen
