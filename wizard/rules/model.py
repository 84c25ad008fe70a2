"""The rules as immutable objects: questions and their options, criteria, bands, the programme's facts."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from fractions import Fraction
from types import MappingProxyType
from typing import Any
from collections.abc import Mapping

from wizard.rules.faq import Faq

class Status(StrEnum):
    """A verdict's status, in order of severity: the worst reason decides the verdict, and is listed first."""
    ELIGIBLE = "eligible"
    TO_CONFIRM = "to_confirm"
    INELIGIBLE = "ineligible"

    @property
    def severity(self) -> int:
        return tuple(Status).index(self)


OUTCOMES = tuple(status.value for status in Status)
KINDS = ("choice", "boolean", "multi", "text", "textarea", "email", "url")
TEXT_KINDS = ("text", "textarea", "email", "url")
BOOLEAN_OPTIONS = {"oui": True, "non": False}


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    hint: str = ""
    outcome: str | None = None
    message: str | None = None
    legacy: bool = False  # accepted in answers files, no longer offered on the web


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    label: str
    step: str
    hint: str = ""
    required: bool = True
    options: tuple[Option, ...] = ()
    when: tuple[tuple[str, Any], ...] = ()  # (question id, normalised value) pairs that must all hold
    faq: tuple[str, ...] = ()
    max_length: int | None = None
    pattern: re.Pattern | None = None
    pattern_message: str = ""
    source: str = ""  # a text other than the FAQ that the question comes from (e.g. the règlement, 3.4)
    # Derived once, for the engine's lookups: normalised value -> option.
    by_value: Mapping[Any, Option] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_value", MappingProxyType({self.value_of(option): option for option in self.options}))

    @property
    def is_rule(self) -> bool:
        """A question whose options carry outcomes is an eligibility rule."""
        return any(option.outcome for option in self.options)

    def value_of(self, option: Option) -> Any:
        return BOOLEAN_OPTIONS[option.id] if self.kind == "boolean" else option.id

    def option_for(self, value: Any) -> Option | None:
        return self.by_value.get(value)


@dataclass(frozen=True)
class Stake:
    id: str
    label: str


@dataclass(frozen=True)
class Criterion:
    id: str
    label: str
    stake: str
    weight: int
    wording: str
    levels: tuple[str, ...]  # one descriptor per level of the scale
    advice: tuple[str, ...]  # for each level below the top; the top level gets the rules' `strength`
    faq: tuple[str, ...]


@dataclass(frozen=True)
class Band:
    id: str
    label: str
    min_percent: Fraction
    allows_blocking: bool
    summary: str


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    intro: str
    questions: tuple[str, ...] = ()
    criteria: bool = False
    optional: bool = False
    checklist: bool = False  # what to prepare, never a condition: shown on the result and the report
    faq: tuple[str, ...] = ()  # the FAQ entries the step's page links to


@dataclass(frozen=True)
class Contact:
    label: str
    email: str = ""
    url: str = ""


CALL_PHASES = ("before", "open", "closed")


@dataclass(frozen=True)
class CallPhase:
    summary: str  # what the pages say of the call: the notice at the top of every public page
    next_step: str  # what to do about the dossier: "Déposez" only while the call is open
    unlinked: str = ""  # why the FAQ's dossier link is not live ("" while the call is open: it is)
    texts: Mapping[str, str] = field(default_factory=dict)  # the pages' texts written for this state of the call, by name


@dataclass(frozen=True)
class Call:
    """The call for projects: its dates, and what the pages say before, during and after it."""
    opens: date
    closes: date
    phases: Mapping[str, CallPhase]  # by CALL_PHASES
    faq: tuple[str, ...]

    def phase_on(self, day: date) -> str:
        return "before" if day < self.opens else "closed" if day > self.closes else "open"

    def on(self, day: date) -> CallPhase:
        return self.phases[self.phase_on(day)]



@dataclass(frozen=True)
class Alternatives:
    """What a project turned away can do instead (the règlement's context), and the words of the way there."""
    source: str
    intro: str
    items: tuple[str, ...]
    button: str
    subject: str
    subject_of: str
    contact: str


@dataclass(frozen=True)
class Cause:
    """Why a verdict is not "eligible", for the rules it covers: what the verdict then means, what to do next."""
    id: str
    label: str  # the cause in a few words (the public statistics)
    rules: tuple[str, ...]
    verdict: Mapping[str, str]  # status -> the verdict's explanation, when the general one does not fit
    next_steps: Mapping[str, tuple[str, ...]]  # status -> what to do


@dataclass(frozen=True)
class SourceNote:
    """A point on which the FAQ and the règlement disagree: the FAQ entry it is about, and the sentence that says it."""
    faq: str
    text: str


@dataclass(frozen=True)
class ProcedureGroup:
    title: str
    steps: tuple[str, ...]
    faq: tuple[str, ...]


@dataclass(frozen=True)
class DossierItem:
    label: str
    answer: str


@dataclass(frozen=True)
class DossierSection:
    id: str
    title: str
    items: tuple[DossierItem, ...]
    faq: tuple[str, ...]


@dataclass(frozen=True)
class Programme:
    version: str
    name: str
    promotion: int
    operator: str
    call: Call
    dossier_url: str
    dossier_label: str
    dossier_faq: tuple[str, ...]
    contacts: tuple[Contact, ...]
    notice: str
    notice_faq: tuple[str, ...]
    next_steps: Mapping[str, tuple[str, ...]]  # status -> what to do, whatever the calendar
    before_closing: Mapping[str, tuple[str, ...]]  # status -> what to do too while a call is to come or open
    causes: tuple[Cause, ...]
    procedure: tuple[ProcedureGroup, ...]
    dossier_sections: tuple[DossierSection, ...]
    version_date: str = ""  # AAAA-MM-JJ: the day this version of the rules took effect
    sources_differ: Mapping[str, SourceNote] = field(default_factory=dict)  # where the FAQ and the règlement disagree
    reglement: tuple[str, str] = ("", "")  # (label, static file) of the règlement
    alternatives: Alternatives | None = None

    def causes_of(self, eligibility: Mapping[str, Any]) -> tuple[Cause, ...]:
        """The causes of a verdict: those whose rules gave a reason of the verdict's own status."""
        status = eligibility["status"]
        rules = {reason["rule"] for reason in eligibility["reasons"] if reason["status"] == status}
        return tuple(cause for cause in self.causes if rules.intersection(cause.rules))

    def explanations(self, eligibility: Mapping[str, Any]) -> tuple[str, ...]:
        """What the verdict means, in each cause's own words (none: the verdict's general wording applies)."""
        status = eligibility["status"]
        return tuple(dict.fromkeys(cause.verdict[status] for cause in self.causes_of(eligibility) if status in cause.verdict))

    def steps_for(self, eligibility: Mapping[str, Any]) -> tuple[str, ...]:
        """What to do now: each cause's own steps, then those of the verdict."""
        status = eligibility["status"]
        own = (step for cause in self.causes_of(eligibility) for step in cause.next_steps.get(status, ()))
        return tuple(dict.fromkeys([*own, *self.next_steps[status]]))


@dataclass(frozen=True)
class Rules:
    programme: Programme
    steps: tuple[Step, ...]
    questions: Mapping[str, Question]  # in questionnaire order
    stakes: tuple[Stake, ...]
    criteria: tuple[Criterion, ...]
    scale: tuple[str, ...]  # label of each level, 0 first
    strength: str
    bands: tuple[Band, ...]
    messages: Mapping[str, Mapping[str, Any]]
    faq: Faq
    warnings: tuple[str, ...] = field(default=())
    # Derived once, for the engine's lookups. The scale's levels, 0 first, and its highest: its size comes
    # from the rules (criteria.yaml), never from the code.
    levels: range = field(init=False, repr=False, compare=False)
    top_level: int = field(init=False, repr=False, compare=False)
    answer_ids: frozenset[str] = field(init=False, repr=False, compare=False)
    rule_questions: tuple[Question, ...] = field(init=False, repr=False, compare=False)
    max_points: int = field(init=False, repr=False, compare=False)
    # What other wings derive from the rules and keep with them (the engine's parts): never part of a rule.
    derived: dict = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "levels", range(len(self.scale)))
        object.__setattr__(self, "top_level", len(self.scale) - 1)
        object.__setattr__(self, "answer_ids", frozenset([*self.questions, *(c.id for c in self.criteria)]))
        object.__setattr__(self, "rule_questions", tuple(q for q in self.questions.values() if q.is_rule))
        object.__setattr__(self, "max_points", self.top_level * sum(c.weight for c in self.criteria))

    @property
    def version(self) -> str:
        return self.programme.version

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)

    def step_questions(self, step: Step) -> tuple[Question, ...]:
        return tuple(self.questions[question_id] for question_id in step.questions)

    def checklist(self) -> tuple[Question, ...]:
        """The questions of the checklist steps (the partner administration's commitments)."""
        return tuple(question for step in self.steps if step.checklist for question in self.step_questions(step))
