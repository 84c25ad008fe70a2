"""Reports built from the real rules (the `rules` fixture of tests/conftest.py) and answers, and their PDFs."""
from __future__ import annotations

import io
import pytest
from pypdf import PdfReader

from answers import FULL_DOSSIER, TYPICAL
from checked_app import DURING_THE_CALL
from wizard.core.engine import read_answers, result
from wizard.report.pdf import report_pdf
from wizard.report.content import build_report

# Not eligible: a private body (« autre »), with the typical report's other answers.
INELIGIBLE = {**TYPICAL, "administration_type": "autre"}

REPORT_DATE = DURING_THE_CALL  # the day every app of the tests is set to


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


@pytest.fixture(scope="session")
def maximal_pdf(make_report, rules) -> bytes:
    """Every dossier field drafted to its limit."""
    limits = {question.id: "adresse@exemple.gouv.fr" if question.kind == "email"
              else ("Texte rédigé. " * 200)[:question.max_length]
              for question in rules.questions.values() if question.id.startswith("dossier_")}
    return report_pdf(make_report({**TYPICAL, **limits}))


@pytest.fixture(scope="session")
def ineligible_pdf(make_report) -> bytes:
    """A project not eligible: an operator of the "autre" type, every other answer as in the typical one."""
    return report_pdf(make_report(INELIGIBLE))
