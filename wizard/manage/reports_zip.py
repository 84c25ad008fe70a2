"""/gestion/rapports.zip: the report of every assessment of the filtered list, one PDF each, in a ZIP, for a jury.

The ZIP is streamed: each PDF goes out as soon as it is made (about a second each), so the download starts at
once and the browser shows it growing; nothing sits whole in memory. A list longer than MAX_REPORTS is refused
with a message, next to the button, that says what to narrow (a longer batch: `eig-wizard assess --format pdf`).
A ZIP is bounded as PDFs are (wizard/web/pdf_download.py): one per process at a time; a ZIP asked beyond gets a
503 page at once.
Each PDF is named with the assessment's number, which the CSV and XLSX exports give in their first column.
"""
from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from datetime import UTC, date

from flask import Response, current_app, redirect, request, stream_with_context, url_for

from wizard.core.words import PARIS
from wizard.manage.forms import FilterForm
from wizard.manage.xlsx_stream import ZipSink
from wizard.report.batch import Assessed, report_pdfs
from wizard.report.content import filename_slug
from wizard.store import assessments, db
from wizard.store.models import Assessment
from wizard.web.errors import unavailable_for_now
from wizard.web.pdf_download import zip_slots
from wizard.web.public_url import absolute_url_for

MAX_REPORTS = 100


def download():
    rules = current_app.extensions["rules"]
    filters = FilterForm(rules, request.args)
    total = assessments.list_page(db.session(), filters.filters(), per_page=1).total
    if not 0 < total <= MAX_REPORTS:  # the list says why there is no ZIP to make
        return redirect(url_for("manage.index", **filters.query(page=None)), 303)
    slots = zip_slots()
    if not slots.acquire(blocking=False):
        return unavailable_for_now("errors/zip_busy.html", action_url=url_for("manage.index", **filters.query(page=None)))
    try:
        rows = db.streamed(lambda session: assessments.iterate(session, filters.filters(), sort=filters.ordre.data,
                                                                descending=filters.sens.data == "desc"))
        files = report_pdfs(rules, map(_assessed, rows), faq_url=absolute_url_for("wizard.faq"))
        name = f"rapports-eig-{date.today().isoformat()}.zip"
        response = Response(stream_with_context(stream_zip(files)), mimetype="application/zip",
                            headers={"Content-Disposition": f'attachment; filename="{name}"'})
    except BaseException:
        slots.release()
        raise
    # The server closes the response at the end, when the download stops midway, or before it starts.
    response.call_on_close(slots.release)
    return response


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
