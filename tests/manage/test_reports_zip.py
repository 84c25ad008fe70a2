"""/gestion/rapports.zip: the reports of the filtered list, one PDF each in a ZIP, named as the single downloads."""
import io
import re
import zipfile

import pytest
from pypdf import PdfReader

from answers import answers, scored
from pages import text
from wizard.manage import reports_zip
from wizard.report.content import filename_slug
from wizard.store import assessments


@pytest.fixture
def jury_list(db, rules):
    """4 eligible assessments named « Direction n° 00 » to « 03 », and 2 others the filter leaves out (each PDF
    takes a second: a few show the naming and the order as well as many)."""
    for number in range(4):
        assessments.save(db, *scored(rules, answers(administration_name=f"Direction n° {number:02}")))
    for number in range(2):
        assessments.save(db, *scored(rules, answers(administration_name=f"Mairie n° {number}",
                                                    administration_type="autre")))


def test_the_zip_of_a_filtered_list_has_one_pdf_per_assessment_named_with_its_number_and_administration(manager_client, jury_list, db):
    # Closed once read, as a server closes it: a streamed ZIP holds its slot until then (wizard/web/pdf_download.py).
    with manager_client.get("/gestion/rapports.zip?q=direction&ordre=nom&sens=asc") as response:
        assert response.status_code == 200 and response.mimetype == "application/zip"
        assert re.fullmatch(r'attachment; filename="rapports-eig-\d{4}-\d{2}-\d{2}\.zip"', response.headers["Content-Disposition"])
        assert response.headers["Cache-Control"] == "no-store" and response.is_streamed
        archive = zipfile.ZipFile(io.BytesIO(response.get_data()))
    assert archive.testzip() is None
    # Each named with its number and administration, the number the CSV's first column gives for the same list.
    listed = list(assessments.iterate(db, assessments.Filters(text="direction"), sort="nom", descending=False))
    singles = {f"evaluation-{a.id}-{filename_slug(a.administration_name)}.pdf": a for a in listed}
    assert archive.namelist() == list(singles) and len(singles) == 4
    exported = manager_client.get("/gestion/export.csv?q=direction&ordre=nom&sens=asc").get_data(as_text=True)
    numbers = [line.split(";")[0] for line in exported.lstrip("\ufeff").splitlines()[1:]]
    assert [name.split("-")[1] for name in archive.namelist()] == numbers
    for name in archive.namelist():
        reader = PdfReader(io.BytesIO(archive.read(name)))
        text_of_pdf = " ".join(page.extract_text() for page in reader.pages)
        assert singles[name].administration_name in " ".join(text_of_pdf.split())
        assert len(reader.pages) >= 1


def test_a_list_too_long_for_one_zip_says_what_to_narrow(manager_client, jury_list, monkeypatch):
    monkeypatch.setattr(reports_zip, "MAX_REPORTS", 3)
    response = manager_client.get("/gestion/rapports.zip?q=direction")
    assert response.status_code == 303 and response.headers["Location"] == "/gestion/?q=direction"
    page = text(manager_client.get(response.headers["Location"]).get_data(as_text=True))
    assert "Les rapports PDF se téléchargent par lots de 3 évaluations au plus" in page
    assert "restreignez la liste, par statut, palier, suite donnée ou dates" in page
    listed = manager_client.get("/gestion/?q=direction&statut=eligible").get_data(as_text=True)
    assert "Télécharger leurs 4 rapports" not in listed


def test_the_list_offers_the_zip_of_its_reports(manager_client, jury_list):
    html = manager_client.get("/gestion/?q=mairie").get_data(as_text=True)
    assert 'href="/gestion/rapports.zip?q=mairie">Télécharger leurs 2 rapports (PDF dans un ZIP)</a>' in html


def test_an_empty_list_has_no_zip(manager_client, jury_list):
    response = manager_client.get("/gestion/rapports.zip?q=personne")
    assert response.status_code == 303 and response.headers["Location"] == "/gestion/?q=personne"


def test_a_stranger_gets_no_zip(client, jury_list):
    response = client.get("/gestion/rapports.zip")
    assert response.status_code == 302 and response.headers["Location"].startswith("/gestion/connexion?suivant=")
