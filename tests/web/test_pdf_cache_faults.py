"""The PDF cache is an optimisation (issue 26, broken 5): a cache folder that is a file, on a full disk or on a
read-only mount costs a new layout, never the PDF. Each download still answers 200 with the PDF, the failure is
logged once, and no half-written `.part` file stays.

The full disk and the read-only folder are real: a small tmpfs mounted for the test (which needs the right to
mount, root here and on CI)."""
import logging
import os
import subprocess
from contextlib import contextmanager

import pytest

from answers import TYPICAL, scored
from checked_app import TEST_CONFIG, CheckedClient
from database import MANAGER_EMAIL, MANAGER_PASSWORD
from pages import post_form
from web.test_report_pages import answered
from wizard import create_app
from wizard.manage import accounts
from wizard.store import assessments

CACHE_LOGGER = "wizard.report.pdf_cache"


@contextmanager
def _tmpfs(folder, options):
    if os.geteuid() != 0:
        pytest.skip("monter un tmpfs (disque plein, dossier en lecture seule) demande les droits de root")
    folder.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], check=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@contextmanager
def broken_cache(kind, tmp_path):
    """A cache folder that cannot keep a PDF, and the folder to look for leftovers in."""
    if kind == "un_fichier":
        folder = tmp_path / "pdf"
        folder.write_bytes(b"pas un dossier")
        yield folder, tmp_path
    elif kind == "disque_plein":
        with _tmpfs(tmp_path / "pdf", "size=64k") as folder:
            # 16 KB left: the part file is made, then the PDF's writing fails midway (ENOSPC)
            (folder / "remplissage").write_bytes(b"\0" * 48 * 1024)
            yield folder, folder
    else:
        with _tmpfs(tmp_path / "pdf", "size=1m,ro") as folder:
            yield folder, folder


KINDS = ["un_fichier", "disque_plein", "lecture_seule"]


def _app(database_url, cache_folder):
    app = create_app({**TEST_CONFIG, "DATABASE_URL": database_url, "PDF_CACHE_DIR": str(cache_folder),
                      "SESSION_COOKIE_SECURE": False})
    app.test_client_class = CheckedClient
    return app


def _assert_served_and_logged_once(get, caplog, leftovers):
    with caplog.at_level(logging.WARNING, logger=CACHE_LOGGER):
        for _ in range(2):  # the second download, laid out again, logs nothing more
            response = get()
            assert response.status_code == 200 and response.data.startswith(b"%PDF")
            assert response.mimetype == "application/pdf"
    warnings = [record for record in caplog.records if record.name == CACHE_LOGGER]
    assert len(warnings) == 1, [record.getMessage() for record in warnings]
    assert "Le cache des PDF" in warnings[0].getMessage()
    assert not list(leftovers.glob("*.part"))


@pytest.mark.parametrize("kind", KINDS)
def test_a_broken_pdf_cache_still_serves_the_agents_pdf(kind, tmp_path, db_url, caplog):
    with broken_cache(kind, tmp_path) as (folder, leftovers):
        client = answered(_app(db_url, folder).test_client(), TYPICAL)
        _assert_served_and_logged_once(lambda: client.get("/rapport.pdf"), caplog, leftovers)


@pytest.mark.parametrize("kind", KINDS)
def test_a_broken_pdf_cache_still_serves_the_managers_pdf(kind, tmp_path, db_url, db, rules, caplog):
    accounts.add_manager(db, MANAGER_EMAIL, MANAGER_PASSWORD)
    saved, _ = assessments.save(db, *scored(rules, TYPICAL))
    with broken_cache(kind, tmp_path) as (folder, leftovers):
        client = _app(db_url, folder).test_client()
        response = post_form(client, "/gestion/connexion", "/gestion/connexion", email=MANAGER_EMAIL,
                             password=MANAGER_PASSWORD)
        assert response.status_code == 303
        _assert_served_and_logged_once(lambda: client.get(f"/gestion/evaluations/{saved.id}/rapport.pdf"), caplog,
                                       leftovers)
