"""WTForms forms built from the rule objects: one field per question shown on a step, none written by hand.

Fields carry no validators of their own: the engine (`read_answers`) checks the values, with the messages
of the rules' catalogue, so that the web accepts exactly what the engine accepts. The only web check is
that a choice is one the page offers (options kept for old answers files are not).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any
from collections.abc import Mapping

from flask_wtf import FlaskForm
from wtforms import Field, HiddenField, RadioField, SelectChoice, SelectMultipleField, StringField, TextAreaField

from wizard.core import characters
from wizard.core.words import yes_no
from wizard.rules.model import Criterion, Question, Rules, Step

RETURN_TO_CHECK = "verification"
# Posted with each follow-up question that the page revealed in place (static/js/follow-ups.js): its answer, even
# blank, is then part of what the agent submitted. Without JavaScript the page is shown again with it.
REVEALED_IN_PLACE = "revelee"


class _AnnouncedMaxLength:
    """Puts the limit on the page (maxlength attribute, hint); the engine enforces it."""

    def __init__(self, maximum: int):
        self.field_flags = {"maxlength": maximum}

    def __call__(self, form, field) -> None:
        pass


@dataclass(frozen=True)
class FieldSpec:
    """What a template needs to render one generated field with the right DSFR component."""
    name: str
    component: str  # radios, checkboxes, input, textarea
    hint: str
    option_hints: Mapping[str, str]
    input_type: str = "text"
    stake: str | None = None  # criteria are grouped under the FAQ's stakes
    optional: bool = False  # said "(facultatif)" beside its label
    # A follow-up question: the answers, as the form posts them, that bring it onto the page (its rule's `when`).
    when: tuple[tuple[str, str], ...] = ()

    @property
    def is_choice(self) -> bool:
        return self.component in ("radios", "checkboxes")


def question_anchor(question: Question) -> str:
    """Where a link to a question lands: its whole group, so that its label or legend is in view."""
    return group_anchor(question.id, question.kind in ("choice", "boolean", "multi"))


def follow_up_anchor(name: str) -> str:
    """The id of the block of follow-ups that starts with this question, its notice above them."""
    return f"{name}-complement"


def group_anchor(name: str, is_choice: bool) -> str:
    """The id the DSFR form macros give a field's fieldset, or its input group."""
    return f"{name}-fieldset" if is_choice else f"{name}-group"


class StepForm(FlaskForm):
    retour = HiddenField()
    specs: tuple[FieldSpec, ...] = ()

    def raw_answers(self) -> dict[str, Any]:
        return {spec.name: self[spec.name].data for spec in self.specs}

    def offer_errors(self, messages: Mapping[str, str]) -> dict[str, str]:
        """A choice the page does not offer (a forged or outdated form) is an error at its field."""
        errors = {}
        for spec in self.specs:
            field = self[spec.name]
            if not spec.is_choice or not field.data:
                continue
            offered = {choice.value for choice in field.choices}
            for value in field.data if isinstance(field.data, list) else [field.data]:
                if value not in offered:
                    errors[spec.name] = messages["invalid_choice"].format(value=characters.shown(str(value)),
                                                                          label=field.label.text)
        return errors

    def show_errors(self, errors: Mapping[str, str]) -> None:
        """The errors at their fields; every field shows again what was posted, without the characters refused
        (a page cannot hold a NUL)."""
        for name, message in errors.items():
            self[name].errors = [message]
        for field in self:
            if isinstance(field.data, str) and characters.has_forbidden(field.data):
                field.data = characters.without_forbidden(field.data)


class StepForms:
    """Builds (once per set of questions) the form class of a step."""

    def __init__(self, rules: Rules):
        self.rules = rules
        self._classes: dict[tuple[str, tuple[str, ...]], type[StepForm]] = {}

    def form_class(self, step: Step, questions: tuple[Question, ...]) -> type[StepForm]:
        key = (step.id, tuple(question.id for question in questions))
        if key not in self._classes:
            self._classes[key] = self._build(step, questions)
        return self._classes[key]

    def _build(self, step: Step, questions: tuple[Question, ...]) -> type[StepForm]:
        fields: dict[str, Field] = {}
        specs = []
        for question in questions:
            # On a step that is optional as a whole (its intro says so), no field says it again.
            fields[question.id], spec = question_field(question, marked_optional=not question.required and not step.optional)
            specs.append(spec)
        if step.criteria:
            for criterion in self.rules.criteria:
                fields[criterion.id], spec = criterion_field(criterion, self.rules.scale)
                specs.append(spec)
        return type(f"{step.id.title()}Form", (StepForm,), {**fields, "specs": tuple(specs)})


def question_field(question: Question, marked_optional: bool = False) -> tuple[Field, FieldSpec]:
    choices = [SelectChoice(option.id, option.label) for option in question.options if not option.legacy]
    hints = {option.id: option.hint for option in question.options if option.hint}
    spec = partial(FieldSpec, question.id, hint=question.hint, optional=marked_optional, when=tuple(
        (other, yes_no(value) if isinstance(value, bool) else value) for other, value in question.when))
    if question.kind in ("choice", "boolean"):
        return RadioField(question.label, choices=choices, validate_choice=False), spec("radios", option_hints=hints)
    if question.kind == "multi":
        field = SelectMultipleField(question.label, choices=choices, validate_choice=False)
        return field, spec("checkboxes", option_hints=hints)
    validators = [_AnnouncedMaxLength(question.max_length)] if question.max_length else []
    if question.kind == "textarea":
        return TextAreaField(question.label, validators), spec("textarea", option_hints={})
    return StringField(question.label, validators), spec("input", option_hints={}, input_type=question.kind)


def criterion_field(criterion: Criterion, scale: tuple[str, ...]) -> tuple[Field, FieldSpec]:
    choices = [SelectChoice(str(level), label) for level, label in enumerate(scale)]
    hints = {str(level): descriptor for level, descriptor in enumerate(criterion.levels)}
    field = RadioField(criterion.label, choices=choices, validate_choice=False)
    return field, FieldSpec(criterion.id, "radios", criterion.wording, hints, stake=criterion.stake)


def form_data(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Stored (normalised) answers as the form posts them: booleans as oui / non, levels as text."""
    return {answer_id: yes_no(value) if isinstance(value, bool) else str(value) if isinstance(value, int) else value
            for answer_id, value in answers.items()}
