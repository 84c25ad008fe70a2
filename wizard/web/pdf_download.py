"""A report's PDF as a download, for the agent's report and the managers' copy alike, and the bound on PDF work.

A PDF takes a worker for a second or more, and anyone may ask for one: each process lays out at most
PDF_CONCURRENCY at a time (EIG_PDF_CONCURRENCY) and answers the others 503 with Retry-After at once, so that its
other threads keep serving the wizard and /healthz. A PDF already kept (the same report again) needs no slot.

A ZIP of reports (wizard/manage/reports_zip.py) holds a thread for half a minute or more, laying out one PDF
after the other: each process streams ZIP_CONCURRENCY (one) at a time, and a ZIP asked beyond gets its 503 at once
(a manager has one at a time whichever the process: wizard/store/zip_downloads.py). ZIPs are a queue of their own beside the single PDFs (a single PDF would otherwise
be refused for as long as a ZIP runs): a process's threads busy with PDFs are at most PDF_CONCURRENCY plus
ZIP_CONCURRENCY, the others keep serving the public pages.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from io import BytesIO

from flask import Flask, current_app, send_file

from wizard.report.content import pdf_filename
from wizard.report.pdf import report_pdf
from wizard.web.errors import unavailable_for_now
from wizard.web.public_url import absolute_url_for

PDF_SLOTS = "pdf_slots"  # app.extensions key: this process's semaphore of PDFs in the making
ZIP_SLOTS = "zip_slots"  # app.extensions key: this process's semaphore of ZIPs being streamed
ZIP_CONCURRENCY = 1


class _Busy(Exception):
    pass


def setup(app: Flask) -> None:
    app.extensions[PDF_SLOTS] = threading.BoundedSemaphore(app.config.get("PDF_CONCURRENCY", 1))
    app.extensions[ZIP_SLOTS] = threading.BoundedSemaphore(ZIP_CONCURRENCY)


def zip_slots() -> threading.BoundedSemaphore:
    return current_app.extensions[ZIP_SLOTS]


def pdf_download(report: dict, back_url: str):
    """The PDF of report as an attachment, or the 503 page pointing back to back_url when the process is at its
    bound."""
    try:
        document = report_pdf(report, faq_url=absolute_url_for("wizard.faq"),
                              cache=current_app.extensions["pdf_cache"], while_laying_out=_slot())
    except _Busy:
        return unavailable_for_now("errors/pdf_busy.html", action_url=back_url)
    return send_file(BytesIO(document), mimetype="application/pdf", as_attachment=True,
                     download_name=pdf_filename(report), max_age=0)


def pdf_or_none(report: dict) -> tuple[str, bytes] | None:
    """The file name and PDF of report to attach to an e-mail, or None when the process is at its bound (the
    e-mail goes without it, and the page says so)."""
    try:
        return pdf_filename(report), report_pdf(report, faq_url=absolute_url_for("wizard.faq"),
                                                cache=current_app.extensions["pdf_cache"], while_laying_out=_slot())
    except _Busy:
        return None


@contextmanager
def _slot():
    slots = current_app.extensions[PDF_SLOTS]
    if not slots.acquire(blocking=False):
        raise _Busy
    try:
        yield
    finally:
        slots.release()
