"""Every numeric setting checked at start against its range (issue 26, weak 10): 0 hours of session, -1 bytes of
request, 0 PDFs at a time, 0 minutes of a manager's idleness used to start the app and break it later; a timeout
of « abc » was a raw ValueError. The app, the command line and gunicorn's settings refuse them, in French, naming
the variable."""
import os
import subprocess
import sys

import pytest

from checked_app import make_app
from wizard.config import UnsafeConfiguration

BAD = [("EIG_SESSION_HOURS", "0"), ("EIG_MAX_REQUEST_BYTES", "-1"), ("EIG_PDF_CONCURRENCY", "0"),
       ("EIG_MANAGER_IDLE_MINUTES", "0"), ("EIG_BETA_TIMEOUT", "abc"), ("EIG_BETA_CONNECT_TIMEOUT", "nan"),
       ("EIG_BETA_DEADLINE", "inf"), ("EIG_RETENTION_DAYS", "-5"), ("EIG_PROXIES", "1.5"),
       ("EIG_SAVES_PER_HOUR", "0"), ("EIG_SESSION_HOURS", "4\u001b[31m")]


@pytest.mark.parametrize("name, value", BAD)
def test_the_app_refuses_a_setting_out_of_its_range_naming_it(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(UnsafeConfiguration) as error:
        make_app()
    message = str(error.value)
    assert message.startswith(f"{name} doit être un nombre") and " de " in message and " à " in message
    assert "\x1b" not in message


def test_settings_within_their_range_start_the_app(monkeypatch):
    for name, value in [("EIG_SESSION_HOURS", "1"), ("EIG_MAX_REQUEST_BYTES", "65536"), ("EIG_PDF_CONCURRENCY", "2"),
                        ("EIG_MANAGER_IDLE_MINUTES", " 15 "), ("EIG_BETA_TIMEOUT", "2.5"), ("EIG_PROXIES", "")]:
        monkeypatch.setenv(name, value)
    config = make_app().config
    assert config["PERMANENT_SESSION_LIFETIME"].total_seconds() == 3600 and config["MAX_CONTENT_LENGTH"] == 65536
    assert config["PDF_CONCURRENCY"] == 2 and config["MANAGER_IDLE_TIMEOUT"].total_seconds() == 900
    assert config["BETA_TIMEOUT"] == 2.5 and config["PROXIES"] == 0


@pytest.mark.parametrize("name, value", [("EIG_BETA_TIMEOUT", "abc"), ("EIG_SESSION_HOURS", "0")])
def test_the_command_line_refuses_a_setting_out_of_its_range_before_any_command(name, value):
    result = subprocess.run([sys.executable, "-m", "wizard", "check"], capture_output=True, text=True, timeout=120,
                            env={**os.environ, name: value})
    assert result.returncode == 2, result.stderr
    assert f"{name} doit être un nombre" in result.stderr and f"pas « {value} »" in result.stderr
    assert "Traceback" not in result.stderr and "Règles valides" not in result.stdout


@pytest.mark.parametrize("name, value", [("EIG_WORKERS", "0"), ("EIG_THREADS", "abc"), ("EIG_WORKER_TIMEOUT", "-1")])
def test_gunicorn_refuses_a_setting_out_of_its_range(name, value):
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    result = subprocess.run([gunicorn, "-c", "python:wizard.gunicorn_conf", "--check-config", "wizard:create_app()"],
                            capture_output=True, text=True, timeout=120,
                            env={**os.environ, name: value, "EIG_EMBEDDED": "1"})
    assert result.returncode != 0
    assert f"{name} doit être un nombre" in result.stderr + result.stdout
