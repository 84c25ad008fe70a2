"""Reports in number, one PDF after the other: the managers' ZIP for a jury (/gestion/rapports.zip) and
`eig-wizard assess --format pdf` share this renderer, so a report reads the same whichever made it."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any
from collections.abc import Mapping

from wizard.report.content import build_report, pdf_filename
from wizard.report.pdf import report_pdf
from wizard.rules.model import Rules


@dataclass(frozen=True)
class Assessed:
    """One assessment to report on: normalised answers, their result, the report's date; `stem` names its file
    (without ".pdf"), else the single download's name (content.pdf_filename)."""
    values: Mapping[str, Any]
    result: Mapping[str, Any]
    on: date
    stem: str | None = None


def report_pdfs(rules: Rules, assessed: Iterable[Assessed], faq_url: str | None = None) -> Iterator[tuple[str, bytes]]:
    """(file name, PDF) for each, made one at a time; a name already given gets "-2", "-3"…"""
    used: set[str] = set()
    for item in assessed:
        report = build_report(rules, item.values, item.result, item.on)
        stem = item.stem or pdf_filename(report).removesuffix(".pdf")
        name, number = f"{stem}.pdf", 1
        while name in used:
            number += 1
            name = f"{stem}-{number}.pdf"
        used.add(name)
        yield name, report_pdf(report, faq_url)
