"""The rules as immutable objects: questions and their options, criteria, bands, the programme's facts."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Mapping

from wizard.rules.faq import Faq

OUTCOMES = ("eligible", "to_confirm", "ineligible")
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


@dataclass(frozen=True)
class Contact:
    label: str
    email: str = ""
    url: str = ""


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
    call_summary: str
    call_opens: str
    call_closes: str
    call_faq: tuple[str, ...]
    dossier_url: str
    dossier_label: str
    dossier_faq: tuple[str, ...]
    contacts: tuple[Contact, ...]
    notice: str
    notice_faq: tuple[str, ...]
    next_steps: Mapping[str, tuple[str, ...]]
    procedure: tuple[ProcedureGroup, ...]
    dossier_sections: tuple[DossierSection, ...]


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
