"""`eig-wizard import` against bad rows and interruptions (issue 13, point 3): a bad row is named with its line
and skipped, every good row is imported, and the summary is always printed, also on Ctrl-C."""
import os
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from answers import answers
from cli.test_store_commands import write_csv
from wizard.cli.commands import main
from wizard.store import assessments
from wizard.store.assessments import Filters
from wizard.store.models import Assessment


@pytest.fixture
def run(db_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)
    return lambda *args: CliRunner().invoke(main, list(args))


def names(db) -> list[str]:
    return [a.administration_name for a in assessments.list_page(db, Filters(), sort="nom", descending=False).items]


def test_a_nul_byte_costs_only_its_row(run, db, tmp_path):
    # Refused at the edge (point 2), on both backends alike, before the database could refuse it (PostgreSQL).
    rows = [answers(administration_name=f"Administration {n}") for n in range(7)]
    rows[3] = answers(administration_name="Nul\x00part")  # line 5 of the file, in the second batch of 3
    result = run("import", str(write_csv(tmp_path / "lot.csv", rows)), "--batch-size", "3")
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "ERREUR ligne 5 : administration_name : " in result.stderr and "caractère nul" in result.stderr
    assert "6 évaluation(s) enregistrée(s), 0 déjà présente(s), 1 ligne(s) invalide(s)." in result.stdout
    assert names(db) == [f"Administration {n}" for n in (0, 1, 2, 4, 5, 6)]


def test_unreadable_rows_between_batches_are_named_and_the_good_ones_all_imported(run, db, tmp_path):
    path = write_csv(tmp_path / "lot.csv", [answers(administration_name=f"Adm {n}") for n in range(6)])
    lines = path.read_bytes().splitlines(keepends=True)
    lines.insert(3, "administration_name,phase\n".encode("latin-1"))  # line 4: wrong column count
    lines.insert(5, "Assistance publique – Hôpitaux\n".encode("cp1252"))  # line 6: not UTF-8
    lines.insert(7, b'"' + b"x" * 200_000 + b'"\n')  # line 8: a cell over the csv module's limit
    path.write_bytes(b"".join(lines))
    result = run("import", str(path), "--batch-size", "2")
    assert result.exit_code == 2, result.output
    assert "ERREUR ligne 4 : 2 colonnes au lieu des" in result.stderr
    assert "ERREUR ligne 6 : ligne illisible" in result.stderr
    assert "ERREUR ligne 8 : CSV invalide : une cellule dépasse la taille maximale" in result.stderr
    assert "6 évaluation(s) enregistrée(s), 0 déjà présente(s), 3 ligne(s) invalide(s)." in result.stdout
    assert names(db) == [f"Adm {n}" for n in range(6)]


def test_ctrl_c_mid_import_prints_what_was_saved_and_rerunning_is_safe(db_url, db, tmp_path):
    rows = 3000
    path = write_csv(tmp_path / "lot.csv", [answers(administration_name=f"Ligne {n}") for n in range(rows)])
    env = {**os.environ, "DATABASE_URL": db_url}
    command = [sys.executable, "-m", "wizard", "import", str(path), "--batch-size", "20"]
    importing = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    count = select(func.count()).select_from(Assessment)
    deadline = time.monotonic() + 120
    while db.scalar(count) == 0 and importing.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
        db.rollback()  # a fresh snapshot for the next look
    importing.send_signal(signal.SIGINT)
    out, err = importing.communicate(timeout=120)
    assert importing.returncode == 130, (out, err)
    assert "Traceback" not in err and "Import interrompu (Ctrl-C)" in err
    db.rollback()
    saved = db.scalar(count)
    assert 0 < saved < rows
    assert f"{saved} évaluation(s) enregistrée(s), 0 déjà présente(s), 0 ligne(s) invalide(s)." in out
    assert "Relancer la même commande est sans risque" in out
    again = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert again.returncode == 0, again.stderr
    assert f"{rows - saved} évaluation(s) enregistrée(s), {saved} déjà présente(s), 0 ligne(s) invalide(s)." in again.stdout
    db.rollback()
    assert db.scalar(count) == rows
