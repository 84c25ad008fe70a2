"""The agent's saved assessment: save it, resume it from its link, update it, delete it; and the page that
says what is stored, why and for how long.

The resume link holds a random token that only the agent gets, once, on the page right after saving; the
database keeps its SHA-256. Opening the link puts the answers back into the session and remembers there
which saved assessment further saves update.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import logging
from urllib.parse import urlsplit

import email_validator
from flask import (Blueprint, abort, current_app, flash, make_response, redirect, render_template, request, session,
                   url_for)
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, ValidationError
from wtforms.validators import Optional

from wizard.mail import outbox as mail
from wizard.store import drafts
from wizard.store import anonymous_saves, assessments, links
from wizard.report.content import build_report
from wizard.web import mail_letters, pdf_download, request_assessment
from wizard.web.errors import database_fault
from wizard.web.site_pages import site_config
from wizard.store import db
from wizard.core import characters, engine, facts, flow
from wizard.core.words import local_time
from wizard.rules.model import Rules
from wizard.web.token_masking import HideTokens
from wizard.web.wizard_views import today
from wizard.web.public_url import absolute_url_for

bp = Blueprint("saved", __name__)

SAVED_ID = "evaluation_enregistree"  # session key: the id of the saved assessment that saves update
SAVED_VERSION = "version_enregistree"  # session key: the version of it that the answers in progress started from
SAVES_MADE = "enregistrements"  # session key: how many new assessments this session saved (see _resume_token)
NOTICES = "enregistrement"  # flash category of this module's messages
# Where the save button was: the agent goes back there after an update.
RETURN_PAGES = {"verification": "wizard.check", "resultat": "wizard.result"}
PANEL = "enregistrement"  # the save panel's id: the agent lands on it, and on its message, after a save or a resume


def strip(value):
    return value.strip() if value else value


def address_check(_form, field) -> None:
    """An e-mail address (its syntax: nothing is sent to check it), kept in its normalised form. A control
    character is refused too, and not shown back: the page could not hold it."""
    message = _rules().messages["saving"]["contact_email_invalid"]
    if characters.has_forbidden(field.data):
        field.data = characters.without_forbidden(field.data)
        raise ValidationError(message)
    try:
        field.data = email_validator.validate_email(field.data, check_deliverability=False).normalized
    except email_validator.EmailNotValidError:
        raise ValidationError(message) from None


class SaveForm(FlaskForm):
    depuis = HiddenField()  # one of RETURN_PAGES
    # The button pressed: "nouvelle" saves a new copy even when the session has a saved assessment; "remplacer"
    # updates it though it changed since (the agent chose so, on saved/stale.html).
    action = HiddenField()
    # Asked at the first save only; used only by the managers, to recontact the agent about this assessment.
    courriel = EmailField(filters=[strip], validators=[Optional(), address_check])
    # The PDF summary attached to the e-mail of the save, when the agent asks (and gives an address).
    joindre = BooleanField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        words = _rules().messages["saving"]
        self.courriel.label.text = words["contact_email"]
        self.joindre.label.text, self.joindre.description = words["attach_pdf"], words["attach_pdf_hint"]


class DeleteForm(FlaskForm):
    """Only the CSRF token: deleting takes a POST from our own confirmation page."""


class ReloadForm(FlaskForm):
    """Only the CSRF token: taking the stored version back in place of the answers in progress (saved/stale.html)."""


def _rules() -> Rules:
    return current_app.extensions["rules"]


@bp.record_once
def _hide_tokens_in_logs(state) -> None:
    # The development server logs each request line, Flask each error with its path: never with a resume token.
    logging.getLogger("werkzeug").addFilter(HideTokens())
    state.app.logger.addFilter(HideTokens())


@bp.before_app_request
def forget_on_restart():
    """Starting again from zero starts a new assessment: saving it must not overwrite the saved one."""
    if request.endpoint == "wizard.restart" and request.method == "POST":
        session.pop(SAVED_ID, None)
        session.pop(SAVED_VERSION, None)


@bp.after_request
def private(response):
    # The page after saving holds the resume link: no cache may keep it.
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.app_context_processor
def save_context():
    """What the save panel (saved/_save.html) on the check-answers and result pages needs; the links' words
    (rules/messages.yaml, links) for every page of saved/."""
    return {"link_words": _rules().messages["links"], **_panel()}


def _panel() -> dict:
    if database_fault():
        return {"saved_id": None, "retention_days": current_app.config["RETENTION_DAYS"], "save_from": None,
                "unsaved_changes": False}
    save_from = {endpoint: page for page, endpoint in RETURN_PAGES.items()}.get(request.endpoint)
    saved_id = session.get(SAVED_ID)
    return {"saved_id": saved_id, "retention_days": current_app.config["RETENTION_DAYS"], "save_from": save_from,
            "unsaved_changes": save_from is not None and saved_id is not None and _changed_since_saved(saved_id)}


@bp.app_template_global()
def blank_save_form() -> SaveForm:
    """The first save's form before anything is typed: built only when its markup is not kept yet
    (templates/saved/_save_form.html)."""
    return SaveForm(formdata=None)


def _changed_since_saved(saved_id: int) -> bool:
    """Whether the answers in progress differ from the saved assessment's (as the rules in force read both)."""
    assessment = assessments.get(db.session(), saved_id)
    if assessment is None:
        return False
    current = request_assessment.current()
    saved, _ = engine.read_answers(current.rules, assessment.answers, partial=True)
    return saved != current.values or frozenset(assessment.completed_steps) != current.completed


@bp.post("/enregistrer")
def save():
    form = SaveForm()
    if not form.validate_on_submit():
        if set(form.errors) != {"courriel"}:
            abort(400)
        # Said at the field and in the error summary, with what was typed.
        return render_template("saved/save.html", form=form, back=_back(form)), 400
    rules = _rules()
    values, result, completed = _scored(from_step=_from_step(form.depuis.data))
    if result is None:  # nothing to save yet: the wizard sends the agent to the next question
        return redirect(url_for("wizard.check"), 303)
    back = _back(form)
    saved_id = session.get(SAVED_ID)
    if saved_id is not None and form.action.data != "nouvelle":
        return _update(rules, form, saved_id, values, result, completed)
    wait = anonymous_saves.seconds_to_wait(db.session(), request.remote_addr or "",
                                           current_app.config["SAVES_PER_HOUR"])
    if wait:
        response = make_response(render_template("saved/too_many.html", minutes=max(1, round(wait / 60)),
                                                 back=back), 429)
        response.headers["Retry-After"] = str(wait)
        return response
    address, token = form.courriel.data or None, _resume_token()
    read_token = _derived(token, b"read-token:")
    # The PDF summary, made before the save's transaction (a second or so, within the PDF bound) when asked for.
    attach_asked = bool(address and form.joindre.data and result["final"])  # a step's save has no summary yet
    attached = pdf_download.pdf_or_none(build_report(rules, values, result, today())) if attach_asked else None

    def links_and_letter(assessment_id: int) -> None:
        """In the save's transaction: the read-only link, and the e-mail with both links when an address is given."""
        links.add(db.session(), assessment_id, links.LINK_READ, token=read_token)
        if address:
            mail_letters.resume_link(address, result["eligibility"]["status"], token, read_token,
                                     attachments=[(*attached, "application/pdf")] if attached else ())

    assessment, token = assessments.save(db.session(), values, result, completed, address, token=token,
                                         on_new=links_and_letter, pending=drafts.get_pending())
    session[SAVED_ID], session[SAVED_VERSION] = assessment.id, assessment.version
    session[SAVES_MADE] = session.get(SAVES_MADE, 0) + 1
    return render_template("saved/saved.html", resume_url=absolute_url_for("saved.resume", token=token),
                           read_url=absolute_url_for("shared.read", token=read_token), address=address,
                           attach_asked=attach_asked, attached=attached is not None,
                           folder=mail.where(current_app.config) if mail.writes_files(current_app.config) else None,
                           back=back, retention_days=current_app.config["RETENTION_DAYS"])


def _update(rules: Rules, form: SaveForm, saved_id: int, values: dict, result: dict, completed: frozenset[str]):
    """Update the session's saved assessment, unless another browser changed or deleted it since this one read it:
    then nothing is written, and the agent chooses (never a silent last write, never a new assessment unasked)."""
    version = None if form.action.data == "remplacer" else session.get(SAVED_VERSION)
    outcome, stored_version = assessments.update(db.session(), saved_id, values, result, completed, version,
                                                 pending=drafts.get_pending())
    if outcome is assessments.Update.DONE:
        session[SAVED_VERSION] = stored_version
        flash(rules.messages["notices"]["changes_saved"], NOTICES)
        return redirect(_back(form), 303)
    if outcome is assessments.Update.GONE:
        session.pop(SAVED_ID, None)
        session.pop(SAVED_VERSION, None)
        return render_template("saved/gone.html", depuis=form.depuis.data, back=_back(form)), 409
    stored = assessments.get(db.session(), saved_id)
    return render_template("saved/stale.html", stored=stored, depuis=form.depuis.data, back=_back(form),
                           reload_form=ReloadForm()), 409


def _resume_token() -> str:
    """The resume token of this session's next new assessment: the same for every post of one save (a double click
    posts it twice, and both must store one assessment and show one link), another for the next save. Derived
    with the app's secret from the draft's key, which only this session's cookie holds."""
    draft_key = drafts.key()
    if draft_key is None:  # no draft to save from (the caller found answers): never one token for all such posts
        return assessments.new_token()
    return _derived(f"{draft_key}:{session.get(SAVES_MADE, 0)}", b"resume-token:")


def _derived(text: str, purpose: bytes) -> str:
    """A token derived with the app's secret (the same for the same text: a double click gets the same links)."""
    secret = current_app.secret_key
    secret = secret if isinstance(secret, bytes) else secret.encode()
    digest = hmac.new(secret, purpose + text.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


@bp.post("/evaluation-enregistree/reprendre-la-version-enregistree")
def reload_saved():
    """The agent chose the stored version over the answers in progress (saved/stale.html)."""
    saved_id = session.get(SAVED_ID)
    assessment = assessments.get(db.session(), saved_id) if saved_id is not None else None
    if assessment is None or not ReloadForm().validate_on_submit():
        abort(404 if assessment is None else 400)
    _take_back(assessment)
    return redirect(url_for("wizard.check", _anchor=PANEL), 303)


def _take_back(assessment) -> None:
    """The stored assessment's answers in the session, as its resume link gives them."""
    rules = _rules()
    # Answers that the rules in force no longer accept are dropped: the wizard asks those questions again. The
    # stored answers hold the record's values in place of the declared ones: the draft gets the agent's back.
    declared = facts.declared_answers(assessment.answers, assessment.result.get("facts"))
    values, _ = engine.read_answers(rules, declared, partial=True)
    drafts.save(values, frozenset(assessment.completed_steps), assessment.document.pending or {})
    session[SAVED_ID], session[SAVED_VERSION] = assessment.id, assessment.version
    flash(rules.messages["notices"]["resumed"].format(date=local_time(assessment.updated_at)), NOTICES)


def _back(form: SaveForm) -> str:
    step = _from_step(form.depuis.data)
    if step is not None:
        return url_for("wizard.step", step_id=step.id)
    return url_for(RETURN_PAGES.get(form.depuis.data, "wizard.result"), _anchor=PANEL)


def _from_step(depuis: str | None):
    """The questionnaire step saved from ("Enregistrer et reprendre plus tard"), or None."""
    return flow.find_step(request_assessment.current().rules, depuis) if depuis else None


def _scored(from_step=None) -> tuple[dict, dict | None, frozenset[str]]:
    """The request's answers (what beta.gouv.fr's records say standing in them; the facts keep what was declared)
    and their result, or no result while the wizard has no verdict to give (as on its result page) unless saved
    from a step: then the result so far, which makes an incomplete assessment."""
    assessment = request_assessment.current()
    keep = assessment.result["final"] or (from_step is not None and bool(assessment.declared or drafts.get_pending()))
    return dict(assessment.values), assessment.result if keep else None, assessment.completed


@bp.get("/enregistrer/plus-tard")
def later():
    """After "Enregistrer et reprendre plus tard" on a step: the saved assessment updated at once, or the first
    save's page (the contact address, to get the link by e-mail)."""
    step = _from_step(request.args.get("depuis")) or abort(404)
    if session.get(SAVED_ID) is not None:
        form = SaveForm(formdata=None, depuis=step.id, action="mettre_a_jour")
        values, result, completed = _scored(from_step=step)
        return _update(_rules(), form, session[SAVED_ID], values, result, completed)
    return render_template("saved/save.html", form=SaveForm(formdata=None, depuis=step.id),
                           back=url_for("wizard.step", step_id=step.id))


class ResumeForm(FlaskForm):
    """Only the CSRF token: opening a link over other answers in progress, chosen on saved/resume_conflict.html."""


@bp.route("/reprendre/<token>", methods=["GET", "POST"])
def resume(token: str):
    found = links.find(db.session(), token)
    if found is None:
        return render_template("saved/link_unknown.html", truncated=len(token) < TOKEN_LENGTH,
                               retention_days=current_app.config["RETENTION_DAYS"]), 404
    assessment, kind = found
    if kind == links.LINK_READ:
        return redirect(url_for("shared.read", token=token), 303)
    form = ResumeForm()
    if not form.validate_on_submit() and _would_replace(assessment):
        # Never silently: the answers in progress would be lost. GET (the link opened) asks; the POST chooses.
        return render_template("saved/resume_conflict.html", form=form, assessment=assessment,
                               keep_url=_where_the_agent_was()), 409 if request.method == "POST" else 200
    _take_back(assessment)
    complete = not request_assessment.current().result["missing"]  # the draft just saved
    return redirect(url_for("wizard.check" if complete else "wizard.result", _anchor=PANEL), 303)


TOKEN_LENGTH = 43  # the URL-safe base64 of 256 bits: a shorter token was cut when copied


def _would_replace(assessment) -> bool:
    """Whether this browser holds answers that opening the assessment would replace and that are not its own."""
    if not drafts.get_answers():
        return False
    return session.get(SAVED_ID) != assessment.id or _changed_since_saved(assessment.id)


def _where_the_agent_was() -> str:
    """The page of the answers in progress: the first step left to answer, else the check page."""
    target = request_assessment.current().next_step
    return url_for("wizard.step", step_id=target.id) if target else url_for("wizard.check")


@bp.route("/evaluation-enregistree/supprimer", methods=["GET", "POST"])
def delete():
    saved_id = session.get(SAVED_ID)
    assessment = assessments.get(db.session(), saved_id) if saved_id is not None else None
    if assessment is None:
        session.pop(SAVED_ID, None)
        abort(404)
    form = DeleteForm()
    if form.validate_on_submit():
        assessments.delete(db.session(), assessment.id)
        session.pop(SAVED_ID, None)
        session.pop(SAVED_VERSION, None)
        drafts.clear()
        return redirect(url_for(".deleted"), 303)
    return render_template("saved/delete.html", form=form, assessment=assessment)


@bp.get("/evaluation-enregistree/supprimee")
def deleted():
    return render_template("saved/deleted.html")


@bp.get("/donnees-personnelles")
def personal_data():
    config = current_app.config
    provider = config.get("SMTP_PROVIDER") or (urlsplit(config["SMTP_URL"]).hostname if config.get("SMTP_URL") else None)
    return render_template("saved/personal_data.html", programme=_rules().programme, site=site_config(),
                           privacy=_rules().messages["privacy"], mail_provider=provider,
                           retention_days=current_app.config["RETENTION_DAYS"],
                           session_hours=int(current_app.permanent_session_lifetime.total_seconds() // 3600))
