"""The summary report as a PDF: the report page's body (templates/report/_body.html) in a document of its own,
laid out on the server (wizard/report/pdf_layout.py). A PdfCache, when given, keeps the PDFs made for the same report.
"""
from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from typing import Any
from collections.abc import Mapping

from jinja2 import Environment, FileSystemLoader, select_autoescape

from wizard import fragments
from wizard.paths import PDF_STYLESHEETS, TEMPLATES_DIR
from wizard.report.pdf_cache import PdfCache
from wizard.rules.typography import FrenchSpacing

# The same templates as the site, rendered without Flask so that the command line can make PDFs too.
_templates = Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=select_autoescape(["html"]),
                         extensions=[FrenchSpacing])
fragments.install(_templates)


def report_pdf(report: Mapping[str, Any], faq_url: str | None = None, cache: PdfCache | None = None,
               while_laying_out: AbstractContextManager | None = None) -> bytes:
    """The PDF of a report (wizard/report/content.py); faq_url makes the FAQ references links. With a cache, the
    same report (same answers, rules version and day) is laid out once. The layout, not a kept copy, runs within
    while_laying_out (the web's bound on PDF work)."""
    document = report_document(report, faq_url)
    while_laying_out = while_laying_out or nullcontext()
    if cache is None:
        with while_laying_out:
            return html_to_pdf(document)
    key = cache.key(document, *(path.read_bytes() for path in PDF_STYLESHEETS))
    kept = cache.get(key)
    if kept is None:
        with while_laying_out:
            kept = html_to_pdf(document)
        cache.put(key, kept)
    return kept


def report_document(report: Mapping[str, Any], faq_url: str | None = None) -> str:
    """The HTML document that becomes the PDF."""
    return _templates.get_template("report/pdf.html").render(report=report, faq_url=faq_url)


def html_to_pdf(html: str) -> bytes:
    """WeasyPrint takes most of a second to import: it is loaded with the first PDF, not by every command, worker
    and process that never makes one."""
    from wizard.report.pdf_layout import html_to_pdf as lay_out
    return lay_out(html)
