"""The forms of the managers' area: login, triage, logout, and the list's filters (read from the query string)."""
from __future__ import annotations

from datetime import date, timedelta

from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import (DateField, EmailField, Form, HiddenField, IntegerField, PasswordField, RadioField, SelectChoice, SelectField,
                     StringField, TextAreaField)
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from wizard.core.words import utc_midnight
from wizard.rules import ids
from wizard.core import characters
from wizard.rules.model import Rules
from wizard.store.assessments import Filters

COMMENT_MAX_LENGTH = 2000
SEARCH_MAX_LENGTH = 200  # longer searches are cut: no administration's name is longer
# The dates a filter takes: a day out of these is an error at the field, not an overflow past year 1 or 9999.
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2999, 12, 31)


def no_control_character(_form, field) -> None:
    """A NUL or another control character is refused at the field (see wizard.core.characters); the field shows
    again what was typed, without it."""
    if isinstance(field.data, str) and characters.has_forbidden(field.data):
        field.data = characters.without_forbidden(field.data)
        raise ValidationError("Ce champ contient un caractère invisible non autorisé (caractère de contrôle) : "
                              "retapez-le sans le coller.")


def within_years(_form, field) -> None:
    if field.data is not None and not FIRST_DAY <= field.data <= LAST_DAY:
        raise ValidationError(f"Indiquez une date entre {FIRST_DAY.year} et {LAST_DAY.year}.")


class LoginForm(FlaskForm):
    # No announced length limit: the request size limit (MAX_CONTENT_LENGTH) bounds both.
    email = EmailField("Adresse électronique", validators=[InputRequired("Indiquez votre adresse électronique."),
                                                           no_control_character])
    password = PasswordField("Mot de passe", validators=[InputRequired("Indiquez votre mot de passe."),
                                                        no_control_character])


class LogoutForm(FlaskForm):
    """Only the CSRF token: logging out is a POST, so that no link on another site can do it."""


class TriageForm(FlaskForm):
    # The triage's version the page showed: a decision posted from a page older than the stored one is refused.
    version = HiddenField()

    def shown_version(self) -> int | None:
        """The version posted back, or None when there is none to check (a page from before versions)."""
        value = self.version.data
        return int(value) if isinstance(value, str) and value.isdecimal() and len(value) < 10 else None
    triage = RadioField("Suite donnée", validators=[InputRequired("Choisissez la suite donnée à cette évaluation.")])
    comment = TextAreaField("Commentaire", validators=[
        Optional(), no_control_character, Length(max=COMMENT_MAX_LENGTH,
                           message=f"Le commentaire ne doit pas dépasser {COMMENT_MAX_LENGTH} caractères.")])

    def __init__(self, rules: Rules, **kwargs):
        super().__init__(**kwargs)
        self.triage.choices = [SelectChoice(*item) for item in rules.messages["triage"].items()]


# One label for each of assessments.SORTS.
SORT_LABELS = {"date": "Date d’enregistrement", "score": "Score", "nom": "Nom de l’administration",
               "produit": "Nom du produit", "statut": "Éligibilité"}
DIRECTION_LABELS = {"desc": "Décroissant", "asc": "Croissant"}
VERIFIED_LABELS = {"oui": "Vérifiées sur beta.gouv.fr", "non": "Déclarées seulement"}
_ANY = SelectChoice("", "Tous")
LEGACY_PHASES = "Anciennes phases (avant 2025)"
INVERTED_RANGE = "La date de fin est avant la date de début ({since}) : aucune évaluation ne peut s’y trouver. Inversez les deux dates."


def _choices(pairs, anything: bool = True) -> list[SelectChoice]:
    """(value, label) pairs as a select's options, after « Tous » (no filter) unless `anything` is False."""
    return [*([_ANY] if anything else []), *(SelectChoice(value, label) for value, label in pairs)]


class FilterForm(Form):
    """The list's filters, sort and page, from the query string. A bad value is dropped, never an error page."""
    statut = SelectField("Éligibilité", default="")
    palier = SelectField("Palier", default="")
    type = SelectField("Type d’organisme", default="")
    phase = SelectField("Phase", default="")
    suite = SelectField("Suite donnée", default="")
    verifie = SelectField("Fiche produit et phase", choices=_choices(VERIFIED_LABELS.items()), default="")
    du = DateField("Enregistrée depuis le", validators=[Optional(), within_years])
    au = DateField("Jusqu’au (inclus)", validators=[Optional(), within_years])
    q = StringField("Nom de l’administration ou du produit contient")
    ordre = SelectField("Trier par", choices=_choices(SORT_LABELS.items(), anything=False), default="date")
    sens = SelectField("Ordre", choices=_choices(DIRECTION_LABELS.items(), anything=False), default="desc")
    page = IntegerField("Page", validators=[Optional(), NumberRange(min=1, max=1_000_000)], default=1)

    def __init__(self, rules: Rules, args: MultiDict):
        super().__init__(args)
        self.statut.choices = _choices(rules.messages["statuses"].items())
        self.suite.choices = _choices(rules.messages["triage"].items())
        self.palier.choices = _choices((band.id, band.label) for band in rules.bands)
        self.type.choices = _choices(_options(rules, ids.ADMINISTRATION_TYPE))
        phases = rules.questions[ids.PHASE].options
        # Current phases first; the ids used until 2025 apart, so that old and new names are not side by side.
        self.phase.choices = {"": _choices((o.id, o.label) for o in phases if not o.legacy),
                              LEGACY_PHASES: _choices(((o.id, o.label) for o in phases if o.legacy), anything=False)}
        self.ignored = self._drop_invalid()
        # A search is a query, not an answer: a control character in it is dropped, not an error.
        self.q.data, self.q.raw_data = characters.without_forbidden(self.q.data or ""), []
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
            self.au.errors = [INVERTED_RANGE.format(since=self.du.data.strftime("%d/%m/%Y"))]
            return self.au.errors[0]
        return None

    def filters(self) -> Filters:
        return Filters(status=self.statut.data or None, band=self.palier.data or None,
                       administration_type=self.type.data or None, phase=self.phase.data or None,
                       verified={"oui": True, "non": False}.get(self.verifie.data),
                       triage=self.suite.data or None, since=utc_midnight(self.du.data) if self.du.data else None,
                       until=utc_midnight(self.au.data + timedelta(days=1)) if self.au.data else None,
                       text=self.q.data.strip()[:SEARCH_MAX_LENGTH] or None)

    def active_count(self) -> int:
        """How many filters narrow the list (sorting and paging aside)."""
        return sum(1 for field in (self.statut, self.palier, self.type, self.phase, self.verifie, self.suite, self.du,
                                             self.au, self.q)
                   if field.data)

    def query(self, **changes) -> dict[str, str]:
        """This list's query string (for the links to pages, to the export, back from a detail), with changes."""
        values = {}
        for field in self:
            value = changes.get(field.name, field.data)
            if value not in (None, "") and value != field.default:
                values[field.name] = value.isoformat() if isinstance(value, date) else str(value)
        return values


def _options(rules: Rules, question_id: str) -> list[tuple[str, str]]:
    return [(option.id, option.label) for option in rules.questions[question_id].options]


