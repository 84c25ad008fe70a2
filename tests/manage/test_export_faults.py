"""Exports at scale (issue 26, weak 7): both exports are streamed, and a connection killed midway
(pg_terminate_backend) ends the file with a line that says it is incomplete, never a cut stream nor a plain 500
(before: a plain 500 mid-XLSX, a cut mid-CSV). PostgreSQL only: on SQLite there is no connection to kill, and a
reader keeps its snapshot whatever another connection does. The rates are bench/exports.py's."""
import csv
import io

import openpyxl
import pytest

from answers import answers, scored
from database_faults import for_the_app, kill_app_connections
from database import MANAGER_EMAIL, MANAGER_PASSWORD
from pages import post_form
from wizard.manage import xlsx_stream
from wizard.store import assessments

STORED = 1_200  # the rows come 500 at a time (yield_per): the kill lands before the second fetch
PATHS = ["/gestion/export.csv", "/gestion/export.xlsx"]


@pytest.fixture
def stored(db, rules):
    values, result = scored(rules, answers())
    assessments.import_rows(db, [({**values, "administration_name": f"Direction n° {number}"}, result)
                                 for number in range(STORED)])


@pytest.fixture
def faulty_manager(db_url, app_for, manager):
    """A manager logged in on the app whose connections the test kills."""
    app = app_for(for_the_app(db_url))
    client = app.test_client()
    assert post_form(client, "/gestion/connexion", "/gestion/connexion", email=MANAGER_EMAIL,
                     password=MANAGER_PASSWORD).status_code == 303
    return app, client


def rows_of(path: str, body: bytes) -> list[list]:
    if path.endswith(".csv"):
        return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    return [list(row) for row in openpyxl.load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True)]


@pytest.mark.parametrize("migrated_url", ["postgresql"], indirect=True)
@pytest.mark.parametrize("path", PATHS)
def test_a_connection_killed_mid_export_ends_the_file_with_an_error_line_not_a_cut_nor_a_500(
        db_url, stored, faulty_manager, path):
    app, client = faulty_manager
    response = client.get(path, buffered=False)
    assert response.status_code == 200
    chunks = iter(response.response)
    body = [next(chunks)]  # the file's head, before any row is read
    assert body[0].startswith(b"PK" if path.endswith(".xlsx") else "\ufeff".encode())
    body.append(next(chunks))  # the first rows: the first fetch is made
    assert kill_app_connections(db_url) >= 1
    body.extend(chunks)
    response.close()
    rows = rows_of(path, b"".join(body))
    written = len(rows) - 2  # the heading, the rows, the last line
    assert 0 < written < STORED
    last = rows[-1][0]
    assert last.startswith(f"Export interrompu après {written} évaluation(s)"), last
    assert "Ce fichier est incomplet" in last
    assert app.extensions["db_engine"].pool.checkedout() == 0
    # The next export, on fresh connections, is whole.
    whole = rows_of(path, client.get(path).get_data())
    assert len(whole) == STORED + 1 and whole[-1][0] != last


def test_a_list_longer_than_a_sheet_holds_ends_the_xlsx_with_a_line_saying_so(manager_client, db, rules,
                                                                              monkeypatch):
    """The sheet stops below the spreadsheets' row limit (and ZIP's 32-bit sizes), and says so in its last row,
    rather than a file no spreadsheet opens; XML's own characters are written as text."""
    monkeypatch.setattr(xlsx_stream, "MAX_ROWS", 3)  # the heading and two rows
    values, result = scored(rules, answers())
    assessments.import_rows(db, [({**values, "administration_name": f"Direction <{number}> & fils"}, result)
                                 for number in range(5)])
    rows = rows_of("/gestion/export.xlsx", manager_client.get("/gestion/export.xlsx").get_data())
    assert len(rows) == 4 and rows[1][rows[0].index(rules.questions["administration_name"].label)].startswith(
        "Direction <")
    assert rows[-1][0].startswith("Export arrêté après 2 évaluations\u00a0: une feuille de tableur n’en contient pas")
