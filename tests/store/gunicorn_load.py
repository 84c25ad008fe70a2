"""The app under a real gunicorn (the README's configuration, wizard/gunicorn_conf.py) on 127.0.0.1, and full
agents' flows run against it, for the tests and for bench/load.py.

A flow is one agent from the first step to a saved assessment: every step posted through the wizard's forms
(CSRF included), the save, then the resume link opened. Each flow has its own name, so that what the database
holds can be checked flow by flow.
"""
from __future__ import annotations

import os
import re
import secrets
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import requests

from store.test_concurrency import RESUME_LINK, Browser, answers_of

LISTENING = re.compile(r"Listening at: http://127\.0\.0\.1:(\d+)")


@dataclass
class Server:
    base_url: str
    master: subprocess.Popen
    log: Path  # gunicorn's error log (the master's and workers' messages)
    access_log: Path

    def workers(self) -> list[int]:
        """The pids of the master's workers, from /proc."""
        children = Path(f"/proc/{self.master.pid}/task/{self.master.pid}/children").read_text().split()
        return [int(pid) for pid in children]


def gunicorn_env(database_url: str, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("EIG_")}
    return {**env, "SECRET_KEY": secrets.token_hex(32), "DATABASE_URL": database_url, "EIG_EMBEDDED": "1",
            "EIG_BIND": "127.0.0.1:0", "EIG_WORKERS": "2", "EIG_THREADS": "4",
            "EIG_SAVES_PER_HOUR": "100000", **extra}  # hundreds of flows from one address


def gunicorn_command() -> list[str]:
    return [str(Path(sys.executable).with_name("gunicorn")), "-c", "python:wizard.gunicorn_conf", "wizard:create_app()"]


@contextmanager
def serve_gunicorn(folder: Path, env: dict[str, str], timeout: float = 120):
    """Start gunicorn as the README does; yield the Server once /healthz answers; stop it (SIGTERM) after."""
    log, access_log = folder / "gunicorn.log", folder / "access.log"
    env = {**env, "EIG_ERROR_LOG": str(log), "EIG_ACCESS_LOG": str(access_log)}
    master = subprocess.Popen(gunicorn_command(), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        base_url = _wait_until_serving(master, log, timeout)
        yield Server(base_url, master, log, access_log)
    finally:
        master.send_signal(signal.SIGTERM)
        try:
            master.wait(timeout=60)
        except subprocess.TimeoutExpired:
            master.kill()
            master.wait()


def _wait_until_serving(master: subprocess.Popen, log: Path, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if master.poll() is not None:
            raise AssertionError(f"gunicorn s'est arrêté ({master.returncode}) : {master.stderr.read()}"
                                 f"{log.read_text() if log.exists() else ''}")
        found = LISTENING.search(log.read_text()) if log.exists() else None
        if found:
            base_url = f"http://127.0.0.1:{found.group(1)}"
            try:
                if requests.get(base_url + "/healthz", timeout=5).status_code == 200:
                    return base_url
            except requests.ConnectionError:
                pass
        time.sleep(0.2)
    raise AssertionError(f"gunicorn ne répond pas après {timeout} s")


@dataclass
class LoadReport:
    completed: dict[str, str] = field(default_factory=dict)  # flow name -> resume token
    broken: dict[str, tuple[float, str]] = field(default_factory=dict)  # flow name -> (when, the error that cut it)
    killed: list[tuple[float, int]] = field(default_factory=list)  # (when, pid), times from time.monotonic()
    seconds: float = 0.0

    def broken_by_the_kill(self, within: float = 10.0) -> bool:
        """Every broken flow lost its connection (never got an error page), within `within` seconds of the kill:
        refused or reset (ConnectionError), or a response cut after its headers (ChunkedEncodingError)."""
        if not self.killed:
            return not self.broken
        killed_at = self.killed[0][0]
        lost = ("ConnectionError", "ChunkedEncodingError")
        return all(error.startswith(lost) and killed_at <= when <= killed_at + within
                   for when, error in self.broken.values())


def flow_answers(number: int) -> dict:
    return answers_of(number % 8, number)


def run_flows(server: Server, flows: int, threads: int = 8, kill_after: int | None = None,
              deadline_seconds: float = 600) -> LoadReport:
    """`flows` agents' flows, `threads` at a time. With `kill_after`, one worker gets SIGKILL as soon as that many
    flows are complete, while the others are mid-flight. Bounded in count and in time (`deadline_seconds`)."""
    report, lock = LoadReport(), threading.Lock()
    stop_at = time.monotonic() + deadline_seconds

    def flow(number: int) -> None:
        answers = flow_answers(number)
        name = answers["administration_name"]
        if time.monotonic() > stop_at:
            report.broken[name] = (time.monotonic(), "délai dépassé")
            return
        try:
            browser = Browser(server.base_url)
            browser.walk(answers)
            token = RESUME_LINK.search(browser.save().text).group(1)
            resumed = browser.http.get(f"{server.base_url}/reprendre/{token}", allow_redirects=False, timeout=30)
            assert resumed.status_code == 303, resumed.status_code
        except (requests.RequestException, AssertionError) as error:
            with lock:
                report.broken[name] = (time.monotonic(), f"{type(error).__name__}: {error}")
            return
        with lock:
            report.completed[name] = token
            if kill_after is not None and len(report.completed) == kill_after and not report.killed:
                victim = server.workers()[0]
                os.kill(victim, signal.SIGKILL)
                report.killed.append((time.monotonic(), victim))

    start = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(flow, range(flows)))
    report.seconds = time.perf_counter() - start
    return report
