"""Time the report's PDF: a first PDF (a report not made before), then the same report again, beside the web page
(HTML) of the same report, in the same run.

The PDF is laid out by WeasyPrint (fonts, line breaking, pages), so it costs far more than filling the template; the
same report asked again is read from the PDF cache (wizard/report/pdf_cache.py). Targets: a first PDF ≤ 400 ms, the
same again ≤ 20 ms (medians, in a process that has made a PDF before, as a running server has).

With --before CHECKOUT (another checkout of the project, installed, e.g. a worktree of main), the same figures are
measured there in the same run, at the same time (two processes), so that each pair compares on the same load.

Run: .venv/bin/python bench/report.py [--before ../main] [--runs 10]
"""
from __future__ import annotations

import secrets
import sys
from pathlib import Path

# This folder holds this report.py, named like the tests' `report` package: keep it off the path, put the tests'
# folder on it.
HERE = Path(__file__).resolve().parent
sys.path[:] = [str(HERE.parent / "tests")] + [entry for entry in sys.path if Path(entry or ".").resolve() != HERE]

import argparse  # noqa: E402
import inspect  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from datetime import date  # noqa: E402

TARGETS = {"first": 400, "again": 20}  # ms


def measure(runs: int) -> dict[str, float]:
    """Run in the checkout being measured (its own interpreter and package): medians in ms."""
    from flask import render_template

    try:  # the tests' typical assessment: one set of answers for both sides
        from answers import TYPICAL
    except ImportError:  # a checkout from before the tests mirrored the wings (--before)
        from report.answers import TYPICAL

    from wizard import create_app
    from wizard.core.engine import read_answers, result
    from wizard.report import pdf
    from wizard.report.content import build_report

    app = create_app({"TESTING": True, "SECRET_KEY": secrets.token_hex(32), "DATABASE_URL": "sqlite://"})
    rules = app.extensions["rules"]

    def report(number: int):
        values, errors = read_answers(rules, {**TYPICAL, "administration_name": f"Administration n° {number}"})
        assert not errors, errors
        return build_report(rules, values, result(rules, values), date(2024, 5, 6))

    # The checkout before the cache has none: there the same report again is laid out again.
    cached = "cache" in inspect.signature(pdf.report_pdf).parameters
    with tempfile.TemporaryDirectory(prefix="eig-bench-pdf-") as folder:
        options = {"cache": pdf.PdfCache(Path(folder))} if cached else {}
        make = lambda one: pdf.report_pdf(one, faq_url="https://exemple.gouv.fr/faq", **options)  # noqa: E731
        cold = timings([report(0)], make)[0]  # the process's first: fonts and stylesheets loaded
        firsts = timings([report(number) for number in range(1, runs + 1)], make)
        again = timings([report(1)] * runs, make)
        size = len(make(report(1)))
    with app.test_request_context("/rapport"):
        page = lambda one: render_template("report.html", report=one, faq_url="/faq")  # noqa: E731
        page(report(1))  # templates compiled once, as in a running server
        html = timings([report(1)] * 100, page)
    return {"cold": cold, "first": statistics.median(firsts), "again": statistics.median(again),
            "html": statistics.median(html), "kib": size / 1024}


def timings(reports: list, work) -> list[float]:
    spent = []
    for one in reports:
        start = time.perf_counter()
        work(one)
        spent.append((time.perf_counter() - start) * 1000)
    return spent


def in_checkouts(checkouts: dict[str, Path], runs: int) -> dict[str, dict[str, float]]:
    """Measure every checkout at the same time, each in its own process: on a shared machine whose load drifts, both
    sides then run on the same load (measured one after the other, they did not)."""
    processes = {side: subprocess.Popen([str(checkout / ".venv" / "bin" / "python"), __file__, "--measure", str(runs)],
                                        cwd=checkout, stdout=subprocess.PIPE, text=True)
                 for side, checkout in checkouts.items()}
    figures = {}
    for side, process in processes.items():
        output, _ = process.communicate(timeout=1800)
        if process.returncode:
            raise SystemExit(f"la mesure ({side}) a échoué")
        figures[side] = json.loads(output.splitlines()[-1])
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="une autre extraction du projet, mesurée dans le même passage")
    parser.add_argument("--runs", type=int, default=10, help="rapports par mesure (défaut : 10)")
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.measure:
        print(json.dumps(measure(options.measure)))
        return 0
    sides = in_checkouts({"après": HERE.parent} | ({"avant": options.before.resolve()} if options.before else {}),
                         options.runs)
    print(f"rapport type, {sides['après']['kib']:.0f} Kio de PDF ; médianes sur {options.runs} rapports, en ms")
    print(f"{'côté':<6} {'1er du processus':>17} {'1er PDF':>9} {'le même':>9} {'page HTML':>10} {'1er / HTML':>11}")
    for side, row in sides.items():
        print(f"{side:<6} {row['cold']:>17.0f} {row['first']:>9.0f} {row['again']:>9.1f} {row['html']:>10.2f} "
              f"{row['first'] / row['html']:>10.0f}×")
    if "avant" in sides:
        print(f"après / avant : 1er PDF {sides['après']['first'] / sides['avant']['first']:.2f}, "
              f"le même {sides['après']['again'] / sides['avant']['again']:.3f}")
    after = sides["après"]
    met = after["first"] <= TARGETS["first"] and after["again"] <= TARGETS["again"]
    print(f"objectifs : 1er PDF ≤ {TARGETS['first']} ms, le même ≤ {TARGETS['again']} ms —",
          "atteints" if met else "NON ATTEINTS")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
