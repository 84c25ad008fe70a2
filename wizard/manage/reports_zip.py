"""/gestion/rapports.zip: the report of every assessment of the filtered list, one PDF each, in a ZIP, for a jury.

The ZIP is streamed: each PDF goes out as soon as it is made (about a second each), so the download starts at
once and the browser shows it growing; nothing sits whole in memory. A list longer than MAX_REPORTS is refused
with a message, next to the button, that says what to narrow (a longer batch: `eig-wizard assess --format pdf`).
A ZIP is bounded as PDFs are (wizard/web/pdf_download.py): one per process at a time; a ZIP asked beyond gets a
503 page at once. And one per manager at a time, whichever process streams it (wizard/store/zip_downloads.py): a
deployment's several processes would otherwise stream as many of one manager's; a second one gets a page saying that
the first is still running.
Each PDF is named with the assessment's number, which the CSV and XLSX exports give in their first column.
"""
from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from datetime import UTC, date

from flask import Response, current_app, redirect, request, stream_with_context, url_for

from wizard.core.words import PARIS
from wizard.manage import accounts
from wizard.manage.forms import FilterForm
from wizard.manage.xlsx_stream import ZipSink
from wizard.report.batch import Assessed, report_pdfs
from wizard.report.content import filename_slug
from wizard.store import assessments, db, zip_downloads
from wizard.store.models import Assessment
from wizard.web.errors import unavailable_for_now
from wizard.web.pdf_download import zip_slots
from wizard.web.public_url import absolute_url_for

MAX_REPORTS = 100


def download():
    rules = current_app.extensions["rules"]
    filters = FilterForm(rules, request.args)
    back = url_for("manage.index", **filters.query(page=None))
    total = assessments.list_page(db.session(), filters.filters(), per_page=1).total
    if not 0 < total <= MAX_REPORTS:  # the list says why there is no ZIP to make
        return redirect(back, 303)
    # The engine, not the request's session: the row is deleted when the response closes, after the request's end.
    engine, manager_id = db.engine(), accounts.current_manager().id
    started_at = zip_downloads.start(engine, manager_id)
    if started_at is None:
        return _still_running(rules.messages["manage"], back)
    slots = zip_slots()
    if not slots.acquire(blocking=False):
        zip_downloads.end(engine, manager_id, started_at)
        return unavailable_for_now("errors/zip_busy.html", action_url=back)

    def release():
        try:
            zip_downloads.end(engine, manager_id, started_at)
        finally:
            slots.release()

    try:
        rows = db.streamed(lambda session: assessments.iterate(session, filters.filters(), sort=filters.ordre.data,
                                                                descending=filters.sens.data == "desc"))
        files = report_pdfs(rules, map(_assessed, rows), faq_url=absolute_url_for("wizard.faq"))
        name = f"rapports-eig-{date.today().isoformat()}.zip"
        response = Response(stream_with_context(stream_zip(files)), mimetype="application/zip",
                            headers={"Content-Disposition": f'attachment; filename="{name}"'})
    except BaseException:
        release()
        raise
    # The server closes the response at the end, when the download stops midway, or before it starts.
    response.call_on_close(release)
    return response


def _still_running(words: dict, back: str):
    """The manager's previous ZIP is not done: the 503 page says so, and leads back to the list."""
    return unavailable_for_now("errors/error.html", title=words["zip_running_title"], message=words["zip_running"],
                               details=words["zip_running_help"], action_url=back)


def context() -> dict:
    return {"reports_zip_limit": MAX_REPORTS}


def _assessed(assessment: Assessment) -> Assessed:
    """As the single download (views.report_pdf): the stored answers and result, dated from the last save; named
    evaluation-<number>-<administration>.pdf, the number of the exports' first column (wizard/manage/columns.py)."""
    day = assessment.updated_at.replace(tzinfo=UTC).astimezone(PARIS).date()
    stem = "-".join(filter(None, ("evaluation", str(assessment.id), filename_slug(assessment.administration_name))))
    return Assessed(assessment.answers, assessment.result, day, stem=stem)


def stream_zip(files: Iterable[tuple[str, bytes]]) -> Iterator[bytes]:
    """A ZIP of (name, content) pairs, piece by piece. The PDFs are stored as they are: compressed already."""
    sink = ZipSink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, content in files:
            archive.writestr(name, content)
            yield sink.take()
    yield sink.take()
