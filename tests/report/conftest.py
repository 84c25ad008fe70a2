"""Reports built from the real rules (the `rules` fixture of tests/conftest.py) and answers, and their PDFs."""
from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from answers import FULL_DOSSIER, TYPICAL
from wizard.core.engine import read_answers, result
from wizard.report.pdf import report_pdf
from wizard.report.content import build_report

REPORT_DATE = date(2024, 5, 6)


@pytest.fixture(scope="session")
def make_report(rules):
    def make(answers, on=REPORT_DATE):
        values, errors = read_answers(rules, answers)
        assert not errors, errors
        return build_report(rules, values, result(rules, values), on)
    return make


@pytest.fixture(scope="session")
def typical_pdf(make_report) -> bytes:
    return report_pdf(make_report(TYPICAL))


@pytest.fixture(scope="session")
def full_dossier_pdf(make_report) -> bytes:
    return report_pdf(make_report(FULL_DOSSIER))


def pdf_text(document: bytes) -> str:
    """The PDF's text as a reader extracts it, with whitespace collapsed (lines wrap anywhere)."""
    reader = PdfReader(io.BytesIO(document))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def page_count(document: bytes) -> int:
    return len(PdfReader(io.BytesIO(document)).pages)
