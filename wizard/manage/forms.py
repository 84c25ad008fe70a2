"""The forms of the managers' area: login, triage, logout, and the list's filters (read from the query string)."""
from __future__ import annotations

from datetime import date, timedelta

from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import (DateField, EmailField, Form, HiddenField, IntegerField, PasswordField, RadioField, SelectChoice, SelectField,
                     SelectMultipleField,
                     StringField, TextAreaField)
from wtforms.validators import NumberRange, Optional, StopValidation, ValidationError

from wizard.core.words import utc_midnight
from wizard.rules import ids
from wizard.core import characters
from wizard.rules.model import Rules
from wizard.store.assessments import Filters

COMMENT_MAX_LENGTH = 2000
INFORM_MAX_LENGTH = 5000  # the message to the agent, as the manager may edit it
BULK_MAX = 500  # assessments triaged at once: ten pages of the list, more is no page's
SEARCH_MAX_LENGTH = 200  # longer searches are cut: no administration's name is longer
# The dates a filter takes: a day out of these is an error at the field, not an overflow past year 1 or 9999.
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2999, 12, 31)


def _words(form) -> dict:
    return form.words


def no_control_character(form, field) -> None:
    """A NUL or another control character is refused at the field (see wizard.core.characters); the field shows
    again what was typed, without it."""
    if isinstance(field.data, str) and characters.has_forbidden(field.data):
        field.data = characters.without_forbidden(field.data)
        raise ValidationError(_words(form)["control_character"])
    if isinstance(field.data, str):  # a comment shown reversed to the next manager (U+202E): never seen, removed
        field.data = characters.without_invisible(field.data)


def within_years(form, field) -> None:
    if field.data is not None and not FIRST_DAY <= field.data <= LAST_DAY:
        raise ValidationError(_words(form)["date_out_of_range"].format(first=FIRST_DAY.year, last=LAST_DAY.year))


def required(key: str):
    """InputRequired, with the message of `key` in the rules' words."""
    def check(form, field) -> None:
        if not field.raw_data or not field.raw_data[0]:
            field.errors[:] = []
            raise StopValidation(_words(form)[key])
    check.field_flags = {"required": True}
    return check


def no_longer_than(maximum: int, key: str):
    def check(form, field) -> None:
        if field.data and len(field.data) > maximum:
            raise ValidationError(_words(form)[key].format(max=maximum))
    check.field_flags = {"maxlength": maximum}  # said to the browser too
    return check


def _labelled(form, labels: dict[str, str]) -> None:
    """Each field's label from the rules' words (rules/messages.yaml, manage), by the key given."""
    for name, key in labels.items():
        form[name].label.text = form.words[key]


class LoginForm(FlaskForm):
    # No announced length limit: the request size limit (MAX_CONTENT_LENGTH) bounds both.
    email = EmailField(validators=[required("email_required"), no_control_character])
    password = PasswordField(validators=[required("password_required"), no_control_character])

    def __init__(self, rules: Rules, **kwargs):
        self.words = rules.messages["manage"]
        super().__init__(**kwargs)
        _labelled(self, {"email": "email", "password": "password"})


class LogoutForm(FlaskForm):
    """Only the CSRF token: logging out is a POST, so that no link on another site can do it."""


class TriageForm(FlaskForm):
    # The triage's version the page showed: a decision posted from a page older than the stored one is refused.
    version = HiddenField()
    triage = RadioField(validators=[required("triage_required")])
    comment = TextAreaField(validators=[Optional(), no_control_character,
                                        no_longer_than(COMMENT_MAX_LENGTH, "comment_too_long")])

    def shown_version(self) -> int | None:
        """The version posted back, or None when there is none to check (a page from before versions)."""
        value = self.version.data
        return int(value) if isinstance(value, str) and value.isdecimal() and len(value) < 10 else None

    def __init__(self, rules: Rules, **kwargs):
        self.words = rules.messages["manage"]
        super().__init__(**kwargs)
        _labelled(self, {"triage": "triage", "comment": "comment"})
        self.triage.choices = [SelectChoice(*item) for item in rules.messages["triage"].items()]


class BulkTriageForm(FlaskForm):
    """One decision for the assessments checked in the list. Each checkbox's value is the assessment's id and
    the triage version its row showed ("12:3"): one decided since is refused, as from its detail page."""
    choix = SelectMultipleField(validate_choice=False, validators=[required("bulk_none")])
    triage = RadioField(validators=[required("triage_required")])
    comment = TextAreaField(validators=[Optional(), no_control_character,
                                        no_longer_than(COMMENT_MAX_LENGTH, "comment_too_long")])

    def __init__(self, rules: Rules, **kwargs):
        self.words = rules.messages["manage"]
        super().__init__(**kwargs)
        _labelled(self, {"triage": "bulk_triage", "comment": "comment", "choix": "bulk_choice"})
        self.triage.choices = [SelectChoice(*item) for item in rules.messages["triage"].items()]

    def validate_choix(self, field) -> None:
        if len(field.data) > BULK_MAX or any(_shown(value) is None for value in field.data):
            raise ValidationError(self.words["bulk_invalid"])

    def shown(self) -> dict[int, int]:
        """The assessments checked, each to the triage version its row showed, in the list's order."""
        return dict(parsed for value in self.choix.data if (parsed := _shown(value)) is not None)

    def checked(self) -> set[str]:
        return set(self.choix.data or ())



def _shown(value: str) -> tuple[int, int] | None:
    number, _, version = str(value).partition(":")
    if number.isdecimal() and version.isdecimal() and len(number) < 11 and len(version) < 10:
        return int(number), int(version)
    return None


class InformForm(FlaskForm):
    """The message telling the agent the triage's outcome, as the manager read it and perhaps edited it; the
    triage version it was written for: decided otherwise since, it is shown again, not sent."""
    version = HiddenField()
    body = TextAreaField(validators=[required("inform_body_required"), no_control_character,
                                     no_longer_than(INFORM_MAX_LENGTH, "inform_body_too_long")])

    def __init__(self, rules: Rules, **kwargs):
        self.words = rules.messages["manage"]
        super().__init__(**kwargs)
        _labelled(self, {"body": "inform_body"})

    def validate_body(self, field) -> None:
        if not (field.data or "").strip():  # spaces only: nothing to send
            raise ValidationError(self.words["inform_body_required"])

    def shown_version(self) -> int | None:
        value = self.version.data
        return int(value) if isinstance(value, str) and value.isdecimal() and len(value) < 10 else None



# The list's sorts (assessments.SORTS) and directions, by their keys in the rules' words.
SORTS = {"date": "sort_date", "score": "sort_score", "nom": "sort_name", "produit": "sort_product", "statut": "sort_status"}
DIRECTIONS = {"desc": "direction_desc", "asc": "direction_asc"}


class FilterForm(Form):
    """The list's filters, sort and page, from the query string. A bad value is dropped, never an error page."""
    statut = SelectField(default="")
    palier = SelectField(default="")
    type = SelectField(default="")
    phase = SelectField(default="")
    suite = SelectField(default="")
    verifie = SelectField(default="")
    ecart = SelectField(default="")
    du = DateField(validators=[Optional(), within_years])
    au = DateField(validators=[Optional(), within_years])
    q = StringField()
    fiche = StringField()
    groupes = SelectField(default="produit")
    ordre = SelectField(default="date")
    sens = SelectField(default="desc")
    page = IntegerField(validators=[Optional(), NumberRange(min=1, max=1_000_000)], default=1)

    def __init__(self, rules: Rules, args: MultiDict):
        self.words = words = rules.messages["manage"]
        super().__init__(args)
        _labelled(self, {"statut": "status", "palier": "band", "type": "type", "phase": "phase", "suite": "triage",
                         "verifie": "verified", "ecart": "differs", "du": "since", "au": "until", "q": "search", "fiche": "beta_page",
                         "groupes": "grouping", "ordre": "sort",
                         "sens": "direction", "page": "page"})
        anything = SelectChoice("", words["any"])
        self.sort_labels = {key: words[label] for key, label in SORTS.items()}
        self.direction_labels = {key: words[label] for key, label in DIRECTIONS.items()}
        self.verifie.choices = _choices(anything, {"oui": words["verified_yes"], "non": words["verified_no"]}.items())
        self.ecart.choices = _choices(anything, {"oui": words["differs_yes"], "non": words["differs_no"]}.items())
        self.ordre.choices = _choices(None, self.sort_labels.items())
        self.groupes.choices = _choices(None, {"produit": words["grouping_product"], "aucun": words["grouping_none"]}.items())
        self.sens.choices = _choices(None, self.direction_labels.items())
        self.statut.choices = _choices(anything, rules.messages["statuses"].items())
        self.suite.choices = _choices(anything, rules.messages["triage"].items())
        self.palier.choices = _choices(anything, ((band.id, band.label) for band in rules.bands))
        self.type.choices = _choices(anything, _options(rules, ids.ADMINISTRATION_TYPE))
        phases = rules.questions[ids.PHASE].options
        # Current phases first; the ids used until 2025 apart, so that old and new names are not side by side.
        self.phase.choices = {"": _choices(anything, ((o.id, o.label) for o in phases if not o.legacy)),
                              words["legacy_phases"]: _choices(None, ((o.id, o.label) for o in phases if o.legacy))}
        self.ignored = self._drop_invalid()
        # A search is a query, not an answer: a control character in it is dropped, not an error.
        self.q.data, self.q.raw_data = characters.without_forbidden(self.q.data or ""), []
        self.fiche.data, self.fiche.raw_data = characters.without_forbidden(self.fiche.data or "").strip()[:300], []
        self.range_error = self._check_range()

    def _drop_invalid(self) -> list[str]:
        """Validate, then reset each field in error to its default; return the labels of those ignored."""
        self.validate()
        ignored = []
        for field in self:
            if field.errors:
                ignored.append(field.label.text)
                field.data, field.errors, field.raw_data = field.default, [], []
        return ignored

    def _check_range(self) -> str | None:
        """An inverted date range lists nothing: say why at the field, rather than show an empty list."""
        if self.du.data and self.au.data and self.du.data > self.au.data:
            self.au.errors = [self.words["inverted_range"].format(since=self.du.data.strftime("%d/%m/%Y"))]
            return self.au.errors[0]
        return None

    def filters(self) -> Filters:
        return Filters(status=self.statut.data or None, band=self.palier.data or None,
                       administration_type=self.type.data or None, phase=self.phase.data or None,
                       verified={"oui": True, "non": False}.get(self.verifie.data),
                       differs={"oui": True, "non": False}.get(self.ecart.data),
                       triage=self.suite.data or None, since=utc_midnight(self.du.data) if self.du.data else None,
                       until=utc_midnight(self.au.data + timedelta(days=1)) if self.au.data else None,
                       text=self.q.data.strip()[:SEARCH_MAX_LENGTH] or None, beta_page=self.fiche.data or None)

    def grouped(self) -> bool:
        """One product's assessments together (unless asked otherwise, or the list is one product's already)."""
        return self.groupes.data == "produit" and not self.fiche.data

    def active_count(self) -> int:
        """How many filters narrow the list (sorting and paging aside)."""
        return sum(1 for field in (self.statut, self.palier, self.type, self.phase, self.verifie, self.ecart, self.suite, self.du,
                                             self.au, self.q, self.fiche)
                   if field.data)

    def query(self, **changes) -> dict[str, str]:
        """This list's query string (for the links to pages, to the export, back from a detail), with changes."""
        values = {}
        for field in self:
            value = changes.get(field.name, field.data)
            if value not in (None, "") and value != field.default:
                values[field.name] = value.isoformat() if isinstance(value, date) else str(value)
        return values


def _choices(anything: SelectChoice | None, pairs) -> list[SelectChoice]:
    """(value, label) pairs as a select's options, after « Tous » (no filter) when `anything` is given."""
    return [*([anything] if anything else []), *(SelectChoice(value, label) for value, label in pairs)]


def _options(rules: Rules, question_id: str) -> list[tuple[str, str]]:
    return [(option.id, option.label) for option in rules.questions[question_id].options]


