"""The one vocabulary: values into the French words that the pages, the report, the managers' area and the
CSV export show (answers, levels, percents, dates in Paris time, statuses and their badges).

Pure: no Flask, no I/O. The labels themselves come from the rules (rules/*.yaml).
"""
from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any, TypeVar
from collections.abc import Callable, Iterable
from zoneinfo import ZoneInfo

from wizard.rules.model import BOOLEAN_OPTIONS, Question, Rules

PARIS = ZoneInfo("Europe/Paris")
_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre")
_YES_NO = {value: word for word, value in BOOLEAN_OPTIONS.items()}
# How each status shows: the DSFR alert and badge kinds.
STATUS_KINDS = {"eligible": "success", "to_confirm": "warning", "ineligible": "error"}
# The badge of each triage (ids: wizard/rules/ids.py); "" is the plain grey badge.
TRIAGE_KINDS = {"a_etudier": "new", "a_recontacter": "info", "preselectionne": "success", "ecarte": ""}

Item = TypeVar("Item")


# --- Answers -----------------------------------------------------------------------------------------------

def answer_words(rules: Rules, question: Question, value: Any) -> tuple[str, ...]:
    """An answer as the agent chose it, one line each: the option's label (the id of an option these rules no
    longer have), the labels of the options chosen, or the text typed; no answer, in the rules' words."""
    if value is None or value == [] or value == "":
        return (rules.messages["answers"]["not_given"],)
    if question.kind == "multi":
        return tuple(_option_label(question, option) for option in value)
    return (_option_label(question, value),)


def answer_text(rules: Rules, question: Question, value: Any) -> str:
    """An answer on one line: the options of a multiple choice separated by commas."""
    return ", ".join(answer_words(rules, question, value))


def _option_label(question: Question, value: Any) -> str:
    option = question.option_for(value)
    return option.label if option else str(value)


def yes_no(value: bool) -> str:
    """A boolean as an answers file writes it: oui / non."""
    return _YES_NO[value]


def level_words(rules: Rules, level: int | None) -> str | None:
    """A criterion's level as the scale names it (« 2 – Largement »); None when not assessed."""
    return None if level is None else rules.scale[level]


def by_stake(rules: Rules, items: Iterable[Item], stake_of: Callable[[Item], str]) -> list[tuple[str, list[Item]]]:
    """Criteria (or their fields, views) under the FAQ's stakes, in the rules' order: (stake label, items);
    stakes without any are left out."""
    items = list(items)
    groups = [(stake.label, [item for item in items if stake_of(item) == stake.id]) for stake in rules.stakes]
    return [(label, under) for label, under in groups if under]


# --- Numbers -----------------------------------------------------------------------------------------------

def decimal(value: float | None) -> str:
    """One decimal, with a decimal comma, as a French spreadsheet reads it: 77.8 -> « 77,8 », 100 -> « 100,0 »."""
    return "" if value is None else f"{value:.1f}".replace(".", ",")


def whole(value: int) -> str:
    """A count the French way, thousands apart by a narrow no-break space: 2000 -> « 2 000 »."""
    return f"{value:,}".replace(",", "\u202f")


def number(value: float) -> str:
    """A number the French way, without a useless decimal: 77.8 -> « 77,8 », 100.0 -> « 100 », 75 -> « 75 »."""
    return f"{value:g}".replace(".", ",")


def percent(value: float) -> str:
    """77.8 -> « 77,8 % », 100.0 -> « 100 % » (decimal comma, narrow no-break space before the sign)."""
    return f"{number(value)}\u202f%"


# --- Dates -------------------------------------------------------------------------------------------------

def local_time(moment: datetime | None) -> str:
    """A stored time (naive UTC), written the French way in Paris time: 23/11/2026 à 13:05."""
    if moment is None:
        return ""
    return moment.replace(tzinfo=UTC).astimezone(PARIS).strftime("%d/%m/%Y à %H:%M")


def paris_date(moment: datetime) -> date:
    """The day in Paris of a stored time (naive UTC)."""
    return moment.replace(tzinfo=UTC).astimezone(PARIS).date()


def today(fixed: date | None = None) -> date:
    """Today in Paris, unless the configuration fixes the day (EIG_TODAY: tests, a rehearsal of the calendar)."""
    return fixed or datetime.now(PARIS).date()


def french_month(on: date) -> str:
    """janvier 2024."""
    return f"{_MONTHS[on.month - 1]} {on.year}"


def french_date(on: date) -> str:
    """1er décembre 2026, 23 novembre 2026."""
    return f"{'1er' if on.day == 1 else on.day} {_MONTHS[on.month - 1]} {on.year}"


def utc_midnight(day: date) -> datetime:
    """Midnight in Paris at the start of `day`, in naive UTC, to compare with stored times."""
    return datetime.combine(day, time.min, tzinfo=PARIS).astimezone(UTC).replace(tzinfo=None)


# --- Statuses, bands, triage -------------------------------------------------------------------------------

def status_label(rules: Rules, status: str) -> str:
    """A status's label; the id itself for one these rules do not know."""
    return rules.messages["statuses"].get(status, status)


def status_kind(status: str) -> str:
    return STATUS_KINDS[status]


def band_label(rules: Rules, band_id: str | None) -> str:
    """A band's label; the id itself for a band these rules no longer have."""
    return next((band.label for band in rules.bands if band.id == band_id), band_id or "")


def band_kind(rules: Rules, band_id: str) -> str:
    """The best band shows as a success, the lowest as a warning, any between as information."""
    ids = [band.id for band in rules.bands]
    return "success" if band_id == ids[0] else "warning" if band_id == ids[-1] else "info"


def triage_label(rules: Rules, triage: str | None) -> str:
    return rules.messages["triage"].get(triage, triage or "")
