"""The FAQ's p95 while 8 managers download the ZIP of reports at once (about 32 PDFs each), on gunicorn with
2 workers × 4 threads, against its p95 undisturbed on the same server, measured in the same run.

Each process streams one ZIP at a time and answers the others a 503 page at once (wizard/web/pdf_download.py):
the FAQ keeps answering. The test suite runs a smaller version (tests/manage/test_zip_load.py).

Run: .venv/bin/python bench/zip_load.py [--reports 32] [--managers 8]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from manage.zip_load import faq_times, p95, prepare, zip_load  # noqa: E402
from store.gunicorn_load import gunicorn_env, serve_gunicorn  # noqa: E402
from wizard.store import schema  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=32)
    parser.add_argument("--managers", type=int, default=8)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'eig.sqlite3'}"
        schema.upgrade(url)
        emails = prepare(url, arguments.reports, arguments.managers)
        with serve_gunicorn(Path(folder), gunicorn_env(url, EIG_WORKERS="2", EIG_THREADS="4")) as server:
            calm = p95(faq_times(server.base_url, 200))
            load = zip_load(server.base_url, emails)
    statuses = [status for status, _ in load.zips]
    faq_ok = sum(status == 200 for status, _ in load.faq)
    print(f"ZIP : {statuses.count(200)} faits ({[pdfs for status, pdfs in load.zips if status == 200]} PDF), "
          f"{statuses.count(503)} refusés (503) sur {len(statuses)}")
    print(f"FAQ sans charge     : p95 {calm * 1000:7.1f} ms")
    print(f"FAQ pendant les ZIP : p95 {load.faq_p95() * 1000:7.1f} ms, {faq_ok}/{len(load.faq)} réponses 200")
    print(f"rapport             : {load.faq_p95() / calm:5.2f} × le p95 sans charge")


if __name__ == "__main__":
    main()
