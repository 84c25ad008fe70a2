"""The summary report of the current answers: the printable page (/rapport) and its PDF (/rapport.pdf).

Thin routes: read the stored answers, let the engine compute the result, build the report (wizard/report/content.py),
render it as a page or a PDF (wizard/report/pdf.py). Nothing here decides a verdict. The PDF's bound on work is
wizard/web/pdf_download.py's.
"""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, url_for

from wizard.store import drafts
from wizard.core import engine
from wizard.core import flow
from wizard.core.progress import current_result
from wizard.report.content import build_report
from wizard.rules.model import Rules
from wizard.web import beta_records
from wizard.web.wizard_views import NOTICE_CATEGORY, NOTICE_RESUME, today
from wizard.web.pdf_download import pdf_download

bp = Blueprint("report", __name__)


@bp.after_request
def no_store(response):
    # The report holds the agent's answers and drafts: no cache may keep it.
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/rapport")
def page():
    report = _current_report()
    if report is None:
        return _resume()
    return render_template("report.html", report=report, faq_url=url_for("wizard.faq"))


@bp.get("/rapport.pdf")
def pdf():
    report = _current_report()
    if report is None:
        return _resume()
    return pdf_download(report, back_url=url_for("report.page"))


def _current_report() -> dict | None:
    """The report of the stored answers, once they give a verdict (as on the result page); None otherwise."""
    rules: Rules = current_app.extensions["rules"]
    answers, facts = beta_records.verified(rules, drafts.get_answers())  # as the result page: the records decide
    result = current_result(rules, answers, drafts.get_completed(), facts)
    if not result["final"]:
        return None
    values, _ = engine.read_answers(rules, answers, partial=True)
    return build_report(rules, values, result, today())


def _resume():
    """Send the agent to the first step still to answer, saying why they are there (as the wizard does)."""
    rules: Rules = current_app.extensions["rules"]
    target = flow.first_incomplete(rules, drafts.get_answers(), drafts.get_completed())
    flash(NOTICE_RESUME, NOTICE_CATEGORY)
    return redirect(url_for("wizard.step", step_id=target.id) if target else url_for("wizard.check"), 303)
