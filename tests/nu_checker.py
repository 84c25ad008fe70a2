"""The Nu HTML checker (vnu.jar from npm's vnu-jar, on Debian's Java) for the tests (a pytest plugin, see
tests/conftest.py): `nu_errors(pages)` gives the errors of each page, as `vnu --errors-only` would.

The checker runs as its own web service, started once per test process: a JVM and its schemas take seconds to
start, a page takes milliseconds to check once they are up."""
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import requests

from ports import free_port

VNU_JAR = Path(__file__).resolve().parents[1] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _started(url: str, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"le vérificateur Nu s’est arrêté au démarrage : {process.stderr.read()}")
        try:
            requests.get(url, timeout=5)
            return
        except requests.ConnectionError:
            time.sleep(0.2)
    raise RuntimeError(f"le vérificateur Nu ne répond pas sur {url} après {seconds} s")


@pytest.fixture(scope="session")
def nu_service():
    """The checker's address on loopback, for the whole session of this test process."""
    if shutil.which("java") is None:
        pytest.skip("Java introuvable : installez default-jre-headless pour la validation HTML (vnu)")
    if not VNU_JAR.exists():
        pytest.fail(f"{VNU_JAR} introuvable : lancez `npm ci`")
    port = free_port()
    process = subprocess.Popen(["java", "-Dnu.validator.servlet.bind-address=127.0.0.1", "-cp", str(VNU_JAR),
                                "nu.validator.servlet.Main", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        _started(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def nu_errors(nu_service):
    """nu_errors(html) or nu_errors({name: html}): the errors found, each as « name:line: message »."""

    def check(pages: str | dict[str, str]) -> list[str]:
        errors = []
        for name, html in ({"page": pages} if isinstance(pages, str) else pages).items():
            answer = requests.post(nu_service, params={"out": "json", "level": "error"}, data=html.encode("utf-8"),
                                   headers={"Content-Type": "text/html; charset=utf-8"}, timeout=120)
            answer.raise_for_status()
            errors += [f"{name}:{message.get('lastLine')}: {message['message']}"
                       for message in answer.json()["messages"] if message["type"] != "info"]
        return errors

    return check
