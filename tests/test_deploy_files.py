"""The PaaS's deploy files, read and checked against what the app needs (issue 25, point 1): each command they name
is one of eig-wizard's, each variable the app reads is in the README's tables and in scalingo.json, the Aptfile
brings the libraries the PDF loads; and gunicorn started from the Procfile's web: line serves /healthz."""
import json
import os
import re
import shlex
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from checked_app import OPERATOR_ENV, migrated_database_url
from ports import free_port
from wizard.config import OPERATOR_DETAILS, OPTIONAL_DETAILS

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
# environ.get("X"…), environ["X"], and the checked numbers' number(environ, "X", …) (wizard/config.py)
VARIABLE_READ = re.compile(r'environ(?:\.get\(|\[|, )"([A-Z][A-Z0-9_]+)"')
REQUEST_KEYS = {"CONTENT_LENGTH", "HTTP_TRANSFER_ENCODING"}  # WSGI's environ, not the process's


def procfile() -> dict[str, str]:
    lines = (ROOT / "Procfile").read_text().splitlines()
    return dict(line.split(": ", 1) for line in lines if line.strip())


def variables_the_app_reads() -> set[str]:
    names = {name for path in (ROOT / "wizard").rglob("*.py") for name in VARIABLE_READ.findall(path.read_text())}
    return (names - REQUEST_KEYS) | {name for name, _ in [*OPERATOR_DETAILS.values(), *OPTIONAL_DETAILS.values()]}


def readme_table_variables() -> set[str]:
    rows = [line for line in (ROOT / "README.md").read_text().splitlines() if line.startswith("| `")]
    return {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row.split("|")[1])}


def runs(command: str) -> bool:
    """Whether an eig-wizard command line names a command that exists (its --help answers)."""
    words = shlex.split(command)
    assert words[0] == "eig-wizard", command
    done = subprocess.run([str(BIN / "eig-wizard"), *words[1:], "--help"], capture_output=True, text=True, timeout=60)
    return done.returncode == 0 and "Usage:" in done.stdout


def test_the_procfile_serves_with_the_project_s_gunicorn_settings_and_migrates_after_each_deploy():
    processes = procfile()
    assert set(processes) == {"web", "postdeploy"}
    assert "gunicorn -c python:wizard.gunicorn_conf 'wizard:create_app()'" in processes["web"]
    assert "$PORT" in processes["web"]
    assert processes["postdeploy"] == "eig-wizard db upgrade" and runs(processes["postdeploy"])


def test_each_scheduled_task_is_an_eig_wizard_command_run_daily_or_the_mail_every_five_minutes():
    jobs = {" ".join(job["command"].split()[5:]): job["command"].split()[:5]
            for job in json.loads((ROOT / "cron.json").read_text())["jobs"]}
    assert set(jobs) == {"eig-wizard purge", "eig-wizard beta sync", "eig-wizard mail send"}
    # The e-mails a request could not send at once (wizard/mail/) go out within five minutes.
    assert jobs.pop("eig-wizard mail send") == ["*/5", "*", "*", "*", "*"]
    for command, (minute, hour, *every) in jobs.items():
        assert every == ["*", "*", "*"] and 0 <= int(minute) < 60 and 0 <= int(hour) < 24, command  # once a day
    for command in (*jobs, "eig-wizard mail send"):
        assert runs(command), command


def test_every_variable_the_app_reads_is_in_the_readme_tables_and_in_scalingo_json():
    manifest = json.loads((ROOT / "scalingo.json").read_text())
    read, documented, listed = variables_the_app_reads(), readme_table_variables(), set(manifest["env"])
    assert read - documented == set(), "absentes des tableaux du README"
    assert read - listed == set(), "absentes de scalingo.json"
    assert listed - read - {"DATABASE_URL"} == set(), "dans scalingo.json, mais jamais lues"


def test_review_apps_get_a_database_their_own_secret_and_address_and_the_operator_s_details_of_their_parent():
    manifest = json.loads((ROOT / "scalingo.json").read_text())
    env = manifest["env"]
    assert any(addon["plan"].startswith("postgresql:") for addon in manifest["addons"])
    assert env["DATABASE_URL"]["value"] == "$SCALINGO_POSTGRESQL_URL"
    assert env["SECRET_KEY"]["generator"] == "secret" and env["EIG_PUBLIC_URL"]["generator"] == "url"
    assert env["EIG_PROXIES"]["value"] == "1"  # the platform's router
    # Scalingo's manifest: a description for each; a value, a generator, or nothing (the parent app's value stays).
    for name, entry in env.items():
        assert entry["description"] and set(entry) <= {"description", "value", "generator", "template"}, name
        assert entry.get("value") != "", name  # an empty value would remove the parent's
    for name, _ in OPERATOR_DETAILS.values():
        assert set(env[name]) == {"description"}, name  # never a placeholder: the parent app's own
    assert "EIG_EMBEDDED" not in {name for name, entry in env.items() if "value" in entry}


def test_the_build_installs_the_project_as_pyproject_says_and_builds_the_static_files():
    requirements = [line for line in (ROOT / "requirements.txt").read_text().splitlines()
                    if line.strip() and not line.startswith("#")]
    assert requirements == ["-e ."]  # the dependencies are pyproject.toml's, one list
    buildpacks = [line.rsplit("/", 1)[-1] for line in (ROOT / ".buildpacks").read_text().split()]
    assert buildpacks == ["apt-buildpack", "nodejs-buildpack", "python-buildpack"]  # node_modules before the build
    hook = ROOT / "bin" / "post_compile"
    assert os.access(hook, os.X_OK)
    assert "python -m wizard.web.asset_build" in hook.read_text()
    assert subprocess.run(["bash", "-n", str(hook)]).returncode == 0
    assert "wizard.web.asset_build" in (ROOT / "Makefile").read_text()  # the same build as make install's


def test_the_aptfile_brings_the_libraries_weasyprint_loads():
    packages = (ROOT / "Aptfile").read_text().split()
    assert packages == ["libpango-1.0-0", "libpangoft2-1.0-0"]
    for package in packages:
        listed = subprocess.run(["dpkg", "-L", package], capture_output=True, text=True)
        if listed.returncode:
            pytest.skip(f"{package} n'est pas installé ici")
        assert f"/{package.removesuffix('-0')}.so.0" in listed.stdout, package  # the library itself


def test_gunicorn_started_from_the_procfile_s_web_line_serves_healthz_in_production(tmp_path):
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("EIG_", "SENTRY_"))}
    env.update({**OPERATOR_ENV, "PATH": f"{BIN}:{env['PATH']}", "PORT": str(port), "SECRET_KEY": os.urandom(32).hex(),
                "EIG_PUBLIC_URL": "https://eig.exemple.gouv.fr", "DATABASE_URL": migrated_database_url(),
                "EIG_WORKERS": "1", "EIG_ERROR_LOG": str(tmp_path / "gunicorn.log")})
    server = subprocess.Popen(["sh", "-c", procfile()["web"]], env=env, cwd=tmp_path, start_new_session=True)
    try:
        deadline, answer = time.monotonic() + 90, None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                answer = requests.get(f"http://127.0.0.1:{port}/healthz", timeout=5)
                break
            except requests.ConnectionError:
                time.sleep(0.3)
        assert answer is not None, (tmp_path / "gunicorn.log").read_text()
        assert answer.status_code == 200 and answer.json()["status"] == "ok"
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=60)
