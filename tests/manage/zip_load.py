"""Managers downloading ZIPs of reports all at once against a real gunicorn, while an agent reads the FAQ: for the
test (tests/manage/test_zip_load.py) and for bench/zip_load.py.

Each manager logs in over HTTP (CSRF included) and downloads /gestion/rapports.zip whole; meanwhile the FAQ is
asked one request after the other, each with its time, until the last ZIP is done.
"""
from __future__ import annotations

import io
import statistics
import threading
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import requests
from sqlalchemy.orm import Session

from answers import answers, scored
from pages import form_fields
from wizard.manage import accounts
from wizard.rules.loading import load_rules
from wizard.store import assessments
from wizard.store.db import make_engine

PASSWORD = "un mot de passe assez long"


def prepare(url: str, reports: int, managers: int) -> list[str]:
    """`reports` assessments and `managers` accounts in the database at `url`; the accounts' addresses."""
    rules, engine = load_rules(), make_engine(url)
    with Session(engine, expire_on_commit=False) as db:
        for number in range(reports):
            assessments.save(db, *scored(rules, answers(administration_name=f"Direction n° {number:03}")))
        emails = [f"responsable{number}@beta.gouv.fr" for number in range(managers)]
        for email in emails:
            accounts.add_manager(db, email, PASSWORD)
    engine.dispose()
    return emails


def logged_in(base_url: str, email: str) -> requests.Session:
    http = requests.Session()
    page = http.get(base_url + "/gestion/connexion", timeout=30).text
    data = {**form_fields(page, "/gestion/connexion"), "email": email, "password": PASSWORD}
    response = http.post(base_url + "/gestion/connexion", data=data, allow_redirects=False, timeout=30)
    assert response.status_code == 303, response.status_code
    return http


@dataclass
class ZipLoad:
    zips: list[tuple[int, int]] = field(default_factory=list)  # (status, PDFs in the ZIP; 0 for a 503)
    faq: list[tuple[int | str, float]] = field(default_factory=list)  # (status or error, seconds)

    def faq_p95(self) -> float:
        return p95([seconds for _, seconds in self.faq])


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] if len(samples) >= 2 else samples[0]


def faq_times(base_url: str, count: int) -> list[float]:
    """The FAQ asked `count` times in a row, undisturbed: the baseline."""
    http, times = requests.Session(), []
    for _ in range(count):
        started = time.monotonic()
        assert http.get(base_url + "/faq", timeout=30).status_code == 200
        times.append(time.monotonic() - started)
    return times


def zip_load(base_url: str, emails: list[str], faq_timeout: float = 30) -> ZipLoad:
    """Every manager downloads the ZIP at once; the FAQ is read until they are all done."""
    load, managers = ZipLoad(), [logged_in(base_url, email) for email in emails]
    done, start = threading.Event(), threading.Barrier(len(managers) + 1)

    def download(http: requests.Session) -> tuple[int, int]:
        start.wait()
        response = http.get(base_url + "/gestion/rapports.zip", timeout=600)
        if response.status_code != 200:
            return response.status_code, 0
        archive = zipfile.ZipFile(io.BytesIO(response.content))
        assert archive.testzip() is None
        return 200, len(archive.namelist())

    def read_faq() -> None:
        http = requests.Session()
        start.wait()
        while not done.is_set():
            started = time.monotonic()
            try:
                status: int | str = http.get(base_url + "/faq", timeout=faq_timeout).status_code
            except requests.RequestException as error:
                status = type(error).__name__
            load.faq.append((status, time.monotonic() - started))

    reader = threading.Thread(target=read_faq)
    reader.start()
    with ThreadPoolExecutor(len(managers)) as pool:
        load.zips = list(pool.map(download, managers))
    done.set()
    reader.join()
    return load
