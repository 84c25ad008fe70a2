"""Pre-screening as a team (docs/adr/021-pre-screening-as-a-team.md): the list's rows grouped by beta.gouv.fr
product, one decision for the rows checked (POST /gestion/suites), and "Informer l'agent", the triage's outcome
sent to the agent's contact address through the outbox (/gestion/evaluations/<id>/informer)."""
from __future__ import annotations

import itertools
from dataclasses import dataclass

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for

from wizard.core import words
from wizard.mail import outbox as mail
from wizard.manage import accounts, roles
from wizard.manage.forms import BulkTriageForm, FilterForm, InformForm
from wizard.store import assessments, db
from wizard.store.models import Assessment
from wizard.web.mail_letters import send_after_response

TRIAGE_OUTCOME = "triage_outcome"  # the outbox's kind


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/suites", "bulk_triage", roles.required(roles.MANAGE)(bulk_triage), methods=["POST"])
    bp.add_url_rule("/evaluations/<int:assessment_id>/informer", "inform", roles.required(roles.MANAGE)(inform),
                    methods=["GET", "POST"])


def _rules():
    return current_app.extensions["rules"]


# --- The list, grouped by product ---------------------------------------------------------------------------

@dataclass(frozen=True)
class RowGroup:
    """Rows of the list that follow one another: those of one product on this page (`size` of them in the whole
    list, the others on other pages), or assessments each alone (size 1)."""
    beta_page: str | None
    size: int
    items: list

    @property
    def product(self) -> str | None:
        return next((item.product_name for item in self.items if item.product_name), None)


def row_groups(page: assessments.Page) -> list[RowGroup]:
    """The page's rows as the table shows them: each product's run under its heading, the others together."""
    def key(item):
        size = page.group_sizes.get(item.id, 1)
        return (item.beta_page, size) if size > 1 else (None, 1)
    return [RowGroup(beta_page, size, list(items)) for (beta_page, size), items in itertools.groupby(page.items, key)]


# --- One decision for several ------------------------------------------------------------------------------

def bulk_triage():
    """The decision for each assessment checked, at the version its row showed; those decided meanwhile are
    refused and named, the others take it. Back to the list, as it was filtered (the query string)."""
    from wizard.manage.views import list_page  # the list's page, shown again with the form's errors

    rules = _rules()
    form = BulkTriageForm(rules)
    if not form.validate_on_submit():
        return list_page(form, 400)
    comment = (form.comment.data or "").strip()
    shown = form.shown()
    refused = assessments.set_triages(db.session(), shown, form.triage.data, comment,
                                      accounts.current_manager().email)
    notices, label = rules.messages["notices"], words.triage_label(rules, form.triage.data)
    saved = len(shown) - len(refused)
    if saved:
        flash(notices["bulk_saved"].format(label=label, count=saved, s="s" if saved > 1 else ""), "gestion")
    if refused:
        flash(notices["bulk_refused"].format(count=len(refused), s="s" if len(refused) > 1 else "",
                                             names=", ".join(_name(rules, assessment_id) for assessment_id in refused)),
              "gestion-warning")
    return redirect(url_for("manage.index", **FilterForm(rules, request.args).query()), 303)


def _name(rules, assessment_id: int) -> str:
    assessment = db.session().get(Assessment, assessment_id)
    number = rules.messages["manage"]["number"].format(number=assessment_id)
    if assessment is None:
        return number
    return f"{assessment.administration_name or number} ({number})" if assessment.administration_name else number


# --- Informer l'agent --------------------------------------------------------------------------------------

def inform_url(assessment: Assessment) -> str | None:
    """The page that tells the agent the outcome: for an account that may triage, when the agent gave an address."""
    if not assessment.contact_email or not roles.may(accounts.current_manager(), roles.MANAGE):
        return None
    return url_for("manage.inform", assessment_id=assessment.id, retour=request.args.get("retour"))


def inform(assessment_id: int):
    """GET: the message the agent would receive, to read and edit; POST: queued with its record in the history,
    in one transaction, and sent after the response."""
    rules = _rules()
    assessment = assessments.get(db.session(), assessment_id) or abort(404)
    if not assessment.contact_email:
        abort(404)
    if request.method == "GET":
        form = InformForm(rules, formdata=None, data={"version": str(assessment.triage_version),
                                                       "body": default_body(rules, assessment)})
        return _inform_page(assessment, form)
    form = InformForm(rules)
    if not form.validate_on_submit():
        return _inform_page(assessment, form), 400
    if form.shown_version() != assessment.triage_version:
        # Decided otherwise since the message was written: shown again with the new outcome, not sent.
        form.version.data = str(assessment.triage_version)
        return _inform_page(assessment, form, changed=True), 409
    manager, session = accounts.current_manager(), db.session()
    letter = _letter(rules, assessment, form.body.data.strip())
    mail.queue(session, current_app.config, kind=TRIAGE_OUTCOME, to=assessment.contact_email, **letter)
    assessments.record_informed(session, assessment.id, assessment.triage, manager.email)
    session.commit()
    send_after_response()
    where = ("inform_sent_folder" if mail.writes_files(current_app.config) else "inform_sent")
    flash(rules.messages["notices"][where].format(address=assessment.contact_email,
                                                  label=words.triage_label(rules, assessment.triage)), "gestion")
    return redirect(url_for("manage.detail", assessment_id=assessment.id, retour=request.args.get("retour")), 303)


def default_body(rules, assessment: Assessment) -> str:
    """The message proposed for the assessment's outcome, in the rules' words (rules/messages.yaml, inform)."""
    texts = rules.messages["inform"]
    return texts["bodies"][assessment.triage].format(
        name=_assessment_name(rules, assessment), date=words.french_date(words.paris_date(assessment.created_at)))


def _assessment_name(rules, assessment: Assessment) -> str:
    names = [name for name in (assessment.product_name, assessment.administration_name) if name]
    return " – ".join(names) if names else rules.messages["mail"]["unnamed"]


def _letter(rules, assessment: Assessment, body: str) -> dict:
    """Subject, text and HTML of the message: the manager's text between the greeting and the signature."""
    subject = rules.messages["inform"]["subject"].format(label=words.triage_label(rules, assessment.triage))
    body = body.replace("\r\n", "\n")
    paragraphs = [[line.strip() for line in chunk.strip().splitlines()] for chunk in body.split("\n\n") if chunk.strip()]
    context = {"words": rules.messages["mail"], "title": subject, "body": body, "paragraphs": paragraphs}
    return {"subject": subject, "text": render_template("mail/triage_outcome.txt", **context),
            "html": render_template("mail/triage_outcome.html", **context)}


def _inform_page(assessment: Assessment, form: InformForm, changed: bool = False):
    rules = _rules()
    back = accounts.safe_next(request.args.get("retour"), url_for("manage.index"))
    return render_template("gestion/inform.html", rules=rules, assessment=assessment, form=form, changed=changed,
                           subject=rules.messages["inform"]["subject"].format(
                               label=words.triage_label(rules, assessment.triage)),
                           detail_url=url_for("manage.detail", assessment_id=assessment.id, retour=back),
                           back=back, mail_words=rules.messages["mail"])
