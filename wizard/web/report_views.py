"""The summary report of the current answers: the printable page (/rapport) and its PDF (/rapport.pdf).

Thin routes: read the request's assessment (wizard/web/request_assessment.py), build the report
(wizard/report/content.py), render it as a page or a PDF (wizard/report/pdf.py). Nothing here decides a verdict.
The PDF's bound on work is wizard/web/pdf_download.py's.
"""
from __future__ import annotations

from flask import Blueprint, render_template, url_for

from wizard.report.content import build_report
from wizard.web import request_assessment
from wizard.web.pdf_download import pdf_download
from wizard.web.request_assessment import resume
from wizard.web.wizard_views import today

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
        return resume()
    return render_template("report.html", report=report, faq_url=url_for("wizard.faq"))


@bp.get("/rapport.pdf")
def pdf():
    report = _current_report()
    if report is None:
        return resume()
    return pdf_download(report, back_url=url_for("report.page"))


def _current_report() -> dict | None:
    """The report of the request's assessment, once it gives a verdict (as on the result page); None otherwise."""
    assessment = request_assessment.current()
    if not assessment.result["final"]:
        return None
    return build_report(assessment.rules, assessment.values, assessment.result, today())
