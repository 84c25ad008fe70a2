"""Render a typical report as the web page (HTML) and as the PDF, in the same run; print the times and their ratio.

The PDF is laid out by WeasyPrint (fonts, line breaking, pages), so it costs far more than filling the template.
Run: .venv/bin/python bench/report.py
"""
from __future__ import annotations

import sys
from pathlib import Path

# This folder holds http.py and this report.py, named like the standard library's `http` (which Flask imports)
# and the tests' `report` package: keep it off the path, put the tests' folder on it.
HERE = Path(__file__).resolve().parent
sys.path[:] = [str(HERE.parent / "tests")] + [entry for entry in sys.path if Path(entry or ".").resolve() != HERE]

import statistics  # noqa: E402
import time  # noqa: E402
from datetime import date  # noqa: E402

from flask import render_template  # noqa: E402

from report.answers import TYPICAL  # noqa: E402  (the tests' typical assessment: one set of answers for both)

from wizard import create_app  # noqa: E402
from wizard.core.engine import read_answers, result  # noqa: E402
from wizard.report.pdf import html_to_pdf, report_document  # noqa: E402
from wizard.report.content import build_report  # noqa: E402

HTML_RUNS = 200
PDF_RUNS = 10


def timings(runs: int, work) -> list[float]:
    spent = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        spent.append(time.perf_counter() - start)
    return spent


def main() -> None:
    app = create_app({"TESTING": True, "SECRET_KEY": "banc-d-essai-" * 4, "DATABASE_URL": "sqlite://"})
    rules = app.extensions["rules"]
    values, errors = read_answers(rules, TYPICAL)
    assert not errors, errors
    report = build_report(rules, values, result(rules, values), date(2024, 5, 6))
    with app.test_request_context("/rapport"):
        page = lambda: render_template("report.html", report=report, faq_url="/faq")  # noqa: E731
        page()  # templates compiled once, as in a running server
        html = timings(HTML_RUNS, page)
    document = report_document(report, faq_url="https://exemple.gouv.fr/faq")
    html_to_pdf(document)  # fonts and stylesheets warmed up
    layout = timings(PDF_RUNS, lambda: html_to_pdf(report_document(report, faq_url="https://exemple.gouv.fr/faq")))
    html_median, pdf_median = statistics.median(html), statistics.median(layout)
    print(f"typical report, {len(html_to_pdf(document)) // 1024} KiB of PDF")
    print(f"HTML page (report.html): median {html_median * 1000:8.2f} ms over {HTML_RUNS} runs")
    print(f"PDF (WeasyPrint):        median {pdf_median * 1000:8.2f} ms over {PDF_RUNS} runs")
    print(f"ratio PDF / HTML: {pdf_median / html_median:,.0f}")


if __name__ == "__main__":
    main()
