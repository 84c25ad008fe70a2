"""The portfolio managers' area, /gestion: login, the list of saved assessments, their detail, triage, export.

Thin routes: the forms read the input, wizard.assessments queries and stores, the templates show.
"""
from __future__ import annotations

from datetime import date
from flask import (Blueprint, Response, abort, current_app, flash, redirect, render_template, request,
                   stream_with_context, url_for)

from wizard.store import assessments
from wizard.manage import accounts
from wizard.store import db
from wizard.manage import assignment, checked, export, proconnect, proconnect_views, reports_zip, roles, team
from wizard.manage import export_xlsx as export_xlsx_file
from wizard.manage.forms import BulkTriageForm, FilterForm, LoginForm, LogoutForm, TriageForm
from wizard.core import facts, words
from wizard.rules import ids
from wizard.report.content import build_report
from wizard.report.result_view import result_view
from wizard.rules.model import Rules
from wizard.web.errors import database_fault
from wizard.web.pdf_download import pdf_download

bp = Blueprint("manage", __name__, url_prefix="/gestion")



def _rules() -> Rules:
    return current_app.extensions["rules"]


@bp.after_request
def private(response):
    # Assessments and answers are personal data: no cache keeps them, no search engine lists the area.
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


@bp.context_processor
def manager_context():
    # formdata=None: the logout form only shows its token, and must not read a body (an error page for a body
    # too large would read it again).
    return {"manager": None if database_fault() else accounts.current_manager(), "logout_form": LogoutForm(formdata=None),
            "home_url": url_for("manage.index"),
            "triage_labels": _rules().messages["triage"]}


@bp.route("/connexion", methods=["GET", "POST"])
def login():
    target = accounts.safe_next(request.args.get("suivant"), url_for(".index"))
    if accounts.current_manager() is not None:
        return redirect(target, 303)
    form = LoginForm(_rules())
    error, status, headers = None, 200, {}
    if form.validate_on_submit():
        try:
            manager = accounts.authenticate(db.session(), form.email.data, form.password.data, request.remote_addr or "")
        except accounts.TooManyFailures as failures:
            error, status = _rules().messages["manage"]["too_many_failures"].format(wait=_duration(failures.seconds)), 429
            headers = {"Retry-After": str(failures.seconds)}
        else:
            if manager is not None:
                accounts.log_in(manager)
                return redirect(target, 303)
            error = _rules().messages["manage"]["login_failed"]
        form.password.data = ""
    return (render_template("gestion/login.html", form=form, error=error, proconnect=_rules().messages["proconnect"] if proconnect.enabled() else None,
                            proconnect_url=url_for(".proconnect_start", suivant=request.args.get("suivant"))),
            status, headers)


def _duration(seconds: int) -> str:
    """« 1 seconde », « 8 secondes », « 2 minutes » (rounded up)."""
    if seconds < 60:
        return f"{seconds} seconde{'s' if seconds > 1 else ''}"
    minutes = -(-seconds // 60)
    return f"{minutes} minute{'s' if minutes > 1 else ''}"


@bp.post("/deconnexion")
def logout():
    """The local session ends first; a ProConnect sign-in then ends at the provider too (and comes back to
    /gestion/proconnect/fin)."""
    if LogoutForm().validate_on_submit():
        at_provider = proconnect_views.logout_redirect()
        if at_provider is not None:
            return at_provider
        flash(_rules().messages["notices"]["logged_out"], "gestion")
    return redirect(url_for(".login"), 303)


@bp.get("/")
@accounts.login_required
def index():
    return list_page(BulkTriageForm(_rules(), formdata=None))


def list_page(bulk: BulkTriageForm, status: int = 200):
    """The list, filtered, sorted and paged by the query string; `bulk` the form of the decision for the rows
    checked (shown again with its errors when it was refused)."""
    rules = _rules()
    filters = FilterForm(rules, request.args)
    page = assessments.list_page(db.session(), filters.filters(), sort=filters.ordre.data,
                                 descending=filters.sens.data == "desc", number=filters.page.data or 1,
                                 grouped=filters.grouped())
    return render_template("gestion/list.html", rules=rules, filters=filters, page=page,
                           page_url=lambda number: url_for(".index", **filters.query(page=number)),
                           sort_labels=filters.sort_labels, direction_labels=filters.direction_labels, labels=_labels(rules),
                           assignees=assignment.names(), groups=team.row_groups(page), bulk=bulk), status


@bp.get("/export.csv")
@roles.required(roles.MANAGE)
def export_csv():
    return _export(export.stream_csv, "csv", "text/csv")


@bp.get("/export.xlsx")
@roles.required(roles.MANAGE)
def export_xlsx():
    return _export(export_xlsx_file.stream_xlsx, "xlsx",
                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _export(stream, extension: str, mimetype: str) -> Response:
    """The filtered, sorted list, whole, as a file to download."""
    rules = _rules()
    filters = FilterForm(rules, request.args)
    rows = db.streamed(lambda session: assessments.exported(session, filters.filters(), sort=filters.ordre.data,
                                                             descending=filters.sens.data == "desc"))
    name = f"evaluations-eig-{date.today().isoformat()}.{extension}"
    return Response(stream_with_context(stream(rules, rows)), mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.get("/evaluations/<int:assessment_id>")
@accounts.login_required
def detail(assessment_id: int):
    assessment = assessments.get(db.session(), assessment_id) or abort(404)
    form = TriageForm(_rules(), data={"triage": assessment.triage, "comment": assessment.triage_comment,
                                      "version": assessment.triage_version})
    return _detail_page(assessment, form)


@bp.post("/evaluations/<int:assessment_id>/suite")
@roles.required(roles.MANAGE)
def triage(assessment_id: int):
    assessment = assessments.get(db.session(), assessment_id) or abort(404)
    rules = _rules()
    form = TriageForm(rules)
    if not form.validate_on_submit():
        return _detail_page(assessment, form), 400
    comment = (form.comment.data or "").strip()
    if not assessments.set_triage(db.session(), assessment.id, form.triage.data, comment,
                                  accounts.current_manager().email, form.shown_version()):
        # Another manager decided since this page was shown: nothing written; both decisions shown, and the form
        # keeps this one, to post again knowingly over the other.
        db.session().expire_all()
        stored = assessments.get(db.session(), assessment.id) or abort(404)
        form.version.data = str(stored.triage_version)
        return _detail_page(stored, form, conflict={"triage": form.triage.data, "comment": comment}), 409
    flash(rules.messages["notices"]["triage_saved"].format(label=words.triage_label(rules, form.triage.data)), "gestion")
    return redirect(url_for(".detail", assessment_id=assessment.id, retour=request.args.get("retour")), 303)


@bp.get("/evaluations/<int:assessment_id>/rapport")
@accounts.login_required
def report(assessment_id: int):
    assessment = assessments.get(db.session(), assessment_id) or abort(404)
    return render_template("gestion/report.html", assessment=assessment, report=_report(assessment),
                           faq_url=url_for("wizard.faq"), back=url_for(".detail", assessment_id=assessment.id))


@bp.get("/evaluations/<int:assessment_id>/rapport.pdf")
@accounts.login_required
def report_pdf(assessment_id: int):
    assessment = assessments.get(db.session(), assessment_id) or abort(404)
    return pdf_download(_report(assessment), back_url=url_for(".report", assessment_id=assessment.id))


def _report(assessment) -> dict:
    """The report of the result as it was computed and stored, dated from its last save."""
    return build_report(_rules(), assessment.answers, assessment.result, words.paris_date(assessment.updated_at))


def _detail_page(assessment, form: TriageForm, conflict: dict | None = None):
    rules = _rules()
    back = accounts.safe_next(request.args.get("retour"), url_for(".index"))
    view = result_view(rules, assessment.result, assessment.answers, words.paris_date(assessment.updated_at))
    return render_template("gestion/detail.html", rules=rules, assessment=assessment, view=view, form=form, back=back,
                           conflict=conflict, history=assessments.triage_history(db.session(), assessment.id),
                           assign_form=assignment.form_for(assessment), assignees=assignment.names(),
                           inform_url=team.inform_url(assessment),
                           labels=_labels(rules),
                           answers=_answer_rows(rules, facts.declared_answers(assessment.answers, assessment.result.get("facts"))),
                           checked=checked.checked_rows(rules, assessment), synced=checked.synced_words(rules, assessment),
                           report_url=url_for(".report", assessment_id=assessment.id))


def _labels(rules: Rules) -> dict[str, dict[str, str]]:
    """Ids to the words the pages show, for each coded column."""
    return {
        "status": dict(rules.messages["statuses"]),
        "status_short": dict(rules.messages["statuses_short"]),
        "band": {band.id: band.label for band in rules.bands},
        "type": {option.id: option.label for option in rules.questions[ids.ADMINISTRATION_TYPE].options},
        "phase": {option.id: option.label for option in rules.questions[ids.PHASE].options},
        "origin": dict(rules.messages["origins"]),
    }


def _answer_rows(rules: Rules, answers: dict) -> list[tuple[str, str]]:
    """(question, answer) in questionnaire order, as the agent read them; answers unknown to these rules last."""
    rows = []
    for question in rules.questions.values():
        if question.id in answers:
            rows.append((question.label, words.answer_text(rules, question, answers[question.id])))
    for criterion in rules.criteria:
        if criterion.id in answers:
            rows.append((criterion.label, words.level_words(rules, answers[criterion.id])))
    known = set(rules.answer_ids)
    rows += [(answer_id, str(value)) for answer_id, value in answers.items() if answer_id not in known]
    return rows
# The reports of the filtered list as a ZIP of PDFs, for a jury (wizard/manage/reports_zip.py).
bp.add_url_rule("/rapports.zip", "reports_zip", roles.required(roles.MANAGE)(reports_zip.download))
bp.context_processor(reports_zip.context)
bp.context_processor(lambda: {} if database_fault() else roles.context())
proconnect_views.register(bp)
assignment.register(bp)
team.register(bp)
