"""The summary report of the current answers: the printable page (/rapport) and its PDF (/rapport.pdf).

Thin routes: read the stored answers, let the engine compute the result, build the report (wizard/report.py),
render it as a page or a PDF (wizard/pdf.py). Nothing here decides a verdict.

A PDF takes a worker for a second or more, and anyone may ask for one: each process makes at most
PDF_CONCURRENCY at a time (EIG_PDF_CONCURRENCY), and answers the others 503 with Retry-After at once, so
that its other threads keep serving the wizard and /healthz.
"""
from __future__ import annotations

import threading
from io import BytesIO

from flask import Blueprint, current_app, flash, redirect, render_template, send_file, url_for

from wizard.store import drafts
from wizard.core import engine
from wizard.core import flow
from wizard.core.progress import current_result
from wizard.report.pdf import report_pdf
from wizard.report.content import build_report, pdf_filename
from wizard.rules.model import Rules
from wizard.web.errors import unavailable_for_now
from wizard.web import beta_records
from wizard.web.wizard_views import NOTICE_CATEGORY, NOTICE_RESUME, today
from wizard.web.public_url import absolute_url_for

bp = Blueprint("report", __name__)
PDF_SLOTS = "pdf_slots"  # app.extensions key: this process's semaphore of PDFs in the making


@bp.record_once
def _bound_pdf_work(state) -> None:
    state.app.extensions[PDF_SLOTS] = threading.BoundedSemaphore(state.app.config.get("PDF_CONCURRENCY", 1))


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
    slots = current_app.extensions[PDF_SLOTS]
    if not slots.acquire(blocking=False):
        return unavailable_for_now("errors/pdf_busy.html", action_url=url_for("report.page"))
    try:
        document = report_pdf(report, faq_url=absolute_url_for("wizard.faq"),
                              cache=current_app.extensions["pdf_cache"])
    finally:
        slots.release()
    return send_file(BytesIO(document), mimetype="application/pdf", as_attachment=True,
                     download_name=pdf_filename(report), max_age=0)


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
