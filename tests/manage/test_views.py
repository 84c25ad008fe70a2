"""The managers' area: login, the list, the detail, triage and export, and what a stranger cannot do."""
import csv
import io
import re
from datetime import datetime, timedelta

import html5lib
import openpyxl
import pytest
from flask.testing import FlaskClient
from sqlalchemy import update

from answers import answers, scored
from database import MANAGER_EMAIL, MANAGER_PASSWORD
from pages import form_fields, post_form, text
from wizard.store import assessments
from wizard.manage import accounts, throttle
from wizard.store.models import Assessment, LoginFailure, utcnow
from wizard.report.pdf_cache import PdfCache
from wizard.web.pdf_download import PDF_SLOTS


def login(client, email=MANAGER_EMAIL, password=MANAGER_PASSWORD, **environ):
    page = client.get("/gestion/connexion")
    return client.post("/gestion/connexion", data={**form_fields(page.get_data(as_text=True), "/gestion/connexion"),
                                                   "email": email, "password": password}, environ_base=environ)


@pytest.fixture
def saved(db, rules):
    """One assessment saved by an agent, with its token."""
    return assessments.save(db, *scored(rules, answers()))


# --- Strangers ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/gestion/", "/gestion/export.csv", "/gestion/evaluations/1",
                                  "/gestion/evaluations/1/rapport", "/gestion/evaluations/1/rapport.pdf",
                                  "/gestion/?statut=eligible&page=2"])
def test_every_page_sends_a_stranger_to_the_login_and_back(client, saved, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/gestion/connexion?suivant=")
    login_page = client.get(response.headers["Location"])
    assert login_page.status_code == 200
    assert "Connexion à l’espace des responsables de portefeuille" in text(login_page.get_data(as_text=True))


def test_a_stranger_cannot_triage_even_with_a_valid_form_token(client, db, saved):
    assessment, _ = saved
    fields = form_fields(client.get("/gestion/connexion").get_data(as_text=True), "/gestion/connexion")
    response = client.post(f"/gestion/evaluations/{assessment.id}/suite",
                           data={"csrf_token": fields["csrf_token"], "triage": "ecarte"})
    assert response.status_code == 302 and response.headers["Location"].startswith("/gestion/connexion")
    db.expire_all()
    assert assessments.get(db, assessment.id).triage == "a_etudier"


def test_a_stranger_logging_out_is_sent_to_the_login(client):
    fields = form_fields(client.get("/gestion/connexion").get_data(as_text=True), "/gestion/connexion")
    response = client.post("/gestion/deconnexion", data={"csrf_token": fields["csrf_token"]})
    assert response.status_code == 303 and response.headers["Location"] == "/gestion/connexion"


def test_after_login_the_manager_lands_where_they_were_going(client, manager):
    first = client.get("/gestion/?statut=eligible")
    target = first.headers["Location"]
    page = client.get(target)
    response = client.post(target, data={**form_fields(page.get_data(as_text=True), "/gestion/connexion"),
                                         "email": MANAGER_EMAIL, "password": MANAGER_PASSWORD})
    assert response.status_code == 303 and response.headers["Location"] == "/gestion/?statut=eligible"


@pytest.mark.parametrize("target", ["https://exemple.com/", "//exemple.com/gestion", "/\\exemple.com", "/resultat",
                                    "/gestion//exemple.com"])
def test_login_never_sends_elsewhere_than_the_managers_area(client, manager, target):
    page = client.get("/gestion/connexion", query_string={"suivant": target})
    fields = form_fields(page.get_data(as_text=True), "/gestion/connexion")
    response = client.post("/gestion/connexion", query_string={"suivant": target},
                           data={**fields, "email": MANAGER_EMAIL, "password": MANAGER_PASSWORD})
    assert response.headers["Location"] == "/gestion/"


def test_a_wrong_password_or_unknown_email_gives_the_same_error(client, manager):
    for email, password in ((MANAGER_EMAIL, "pas le bon mot de passe"), ("inconnu@beta.gouv.fr", MANAGER_PASSWORD)):
        response = login(client, email, password)
        assert response.status_code == 200
        page = text(response.get_data(as_text=True))
        assert "Adresse électronique ou mot de passe incorrect." in page
    assert client.get("/gestion/").status_code == 302


def test_empty_fields_are_reported_in_the_error_summary(client, manager):
    response = login(client, "", "")
    page = text(response.get_data(as_text=True))
    assert "Indiquez votre adresse électronique." in page and "Indiquez votre mot de passe." in page


def test_repeated_failures_make_the_account_wait_even_with_the_right_password(client, db, manager):
    for _ in range(throttle.BY_ACCOUNT_AND_ADDRESS.free):
        assert login(client, password="mauvais mot de passe").status_code == 200
    held = login(client)
    assert held.status_code == 429 and held.headers["Retry-After"] == "1"
    assert "patientez 1 seconde avant de réessayer" in text(held.get_data(as_text=True))
    assert client.get("/gestion/").status_code == 302
    # The wait passes: the right password works again.
    db.execute(update(LoginFailure).values(at=utcnow() - timedelta(seconds=2)))
    db.commit()
    assert login(client).status_code == 303


def test_repeated_failures_from_one_address_make_that_address_wait(client, db, manager):
    for number in range(throttle.BY_ADDRESS.free):
        login(client, f"personne{number}@beta.gouv.fr", "mauvais mot de passe", REMOTE_ADDR="203.0.113.7")
    assert login(client, REMOTE_ADDR="203.0.113.7").status_code == 429
    assert login(client, REMOTE_ADDR="203.0.113.8").status_code == 303


def test_a_success_forgets_the_account_s_earlier_failures(client, manager):
    for _ in range(throttle.BY_ACCOUNT_AND_ADDRESS.free - 1):
        login(client, password="mauvais mot de passe")
    assert login(client).status_code == 303
    client.post("/gestion/deconnexion", data=form_fields(client.get("/gestion/").get_data(as_text=True), "/gestion/deconnexion"))
    login(client, password="mauvais mot de passe")
    assert login(client).status_code == 303


def test_login_starts_a_new_session(client, manager):
    with client.session_transaction() as session:
        session["avant"] = "valeur posée avant la connexion"
    before = form_fields(client.get("/gestion/connexion").get_data(as_text=True), "/gestion/connexion")["csrf_token"]
    assert login(client).status_code == 303
    with client.session_transaction() as session:
        assert "avant" not in session and set(session) >= {accounts.SESSION_KEY}
    after = form_fields(client.get("/gestion/").get_data(as_text=True), "/gestion/deconnexion")["csrf_token"]
    assert after != before


def test_logout_ends_the_session(manager_client):
    page = manager_client.get("/gestion/")
    response = manager_client.post("/gestion/deconnexion", data=form_fields(page.get_data(as_text=True), "/gestion/deconnexion"))
    assert response.status_code == 303 and response.headers["Location"] == "/gestion/connexion"
    assert "Vous êtes déconnectée ou déconnecté." in text(manager_client.get("/gestion/connexion").get_data(as_text=True))
    assert manager_client.get("/gestion/").status_code == 302


def test_a_removed_account_or_a_changed_password_ends_open_sessions(manager_client, db):
    assert manager_client.get("/gestion/").status_code == 200
    accounts.set_password(db, MANAGER_EMAIL, "un tout autre mot de passe")
    assert manager_client.get("/gestion/").status_code == 302
    assert login(manager_client, password="un tout autre mot de passe").status_code == 303
    accounts.remove_manager(db, MANAGER_EMAIL)
    assert manager_client.get("/gestion/").status_code == 302


@pytest.mark.parametrize("action, data", [
    ("/gestion/connexion", {"email": MANAGER_EMAIL, "password": MANAGER_PASSWORD}),
    ("/gestion/deconnexion", {}),
    ("/gestion/evaluations/{id}/suite", {"triage": "ecarte", "comment": "sans jeton"}),
])
def test_every_form_refuses_a_post_without_its_csrf_token(manager_client, db, saved, action, data):
    assessment, _ = saved
    response = manager_client.post(action.format(id=assessment.id), data=data)
    assert response.status_code == 400
    assert "Votre formulaire n’a pas pu être envoyé" in text(response.get_data(as_text=True))
    assert manager_client.get("/gestion/").status_code == 200  # still logged in: logout refused too
    db.expire_all()
    assert assessments.get(db, assessment.id).triage == "a_etudier"


def test_the_login_form_refuses_a_post_without_csrf_token(client, manager):
    response = client.post("/gestion/connexion", data={"email": MANAGER_EMAIL, "password": MANAGER_PASSWORD})
    assert response.status_code == 400
    assert client.get("/gestion/").status_code == 302


# --- The list ----------------------------------------------------------------------------------------------

@pytest.fixture
def several(db, rules):
    rows = [scored(rules, answers(administration_name="Agence de la transition écologique", administration_type="operateur_etat",
                                  phase="acceleration")),
            scored(rules, answers(administration_name="Commune de Trifouillis", administration_type="collectivite_territoriale")),
            scored(rules, answers(administration_name="DINUM", sponsoring="0"))]
    rows += [scored(rules, answers(administration_name=f"Direction n° {n:02}")) for n in range(60)]
    assessments.import_rows(db, rows)


def list_names(response):
    root = html5lib.parse(response.get_data(as_text=True), namespaceHTMLElements=False)
    table = root.find(".//table")
    if table is None:
        return []
    return [" ".join("".join(row.find("td").itertext()).split()) for row in table.iter("tr") if row.find("td") is not None]


def test_the_list_pages_by_fifty_with_dsfr_pagination(manager_client, several):
    first = manager_client.get("/gestion/")
    page = text(first.get_data(as_text=True))
    assert "63 évaluations – page 1 sur 2" in page
    assert len(list_names(first)) == 50
    assert 'aria-label="Pagination"' in first.get_data(as_text=True)
    second = manager_client.get("/gestion/?page=2")
    assert len(list_names(second)) == 13


@pytest.mark.parametrize("query, expected", [
    ("statut=ineligible", ["Commune de Trifouillis"]),
    ("type=operateur_etat", ["Agence de la transition écologique"]),
    ("phase=acceleration", ["Agence de la transition écologique"]),
    ("palier=a_consolider", ["DINUM"]),
    ("q=ECOLOGIQUE", ["Agence de la transition écologique"]),
    ("q=direction+n°+0&ordre=nom&sens=asc", [f"Direction n° 0{n}" for n in range(10)]),
    ("suite=ecarte", []),
])
def test_filters_narrow_the_list(manager_client, several, query, expected):
    assert list_names(manager_client.get(f"/gestion/?{query}")) == expected


def test_the_date_range_is_in_paris_days(manager_client, several):
    today = utcnow().date()
    assert len(list_names(manager_client.get(f"/gestion/?du={today - timedelta(days=1)}&au={today + timedelta(days=1)}"))) == 50
    assert list_names(manager_client.get(f"/gestion/?au={today - timedelta(days=2)}")) == []


def test_an_inverted_date_range_says_why_the_list_is_empty(manager_client, several):
    response = manager_client.get("/gestion/?du=2026-03-10&au=2026-03-01")
    assert response.status_code == 200 and list_names(response) == []
    page = text(response.get_data(as_text=True))
    assert "La date de fin est avant la date de début (10/03/2026)" in page
    assert "Aucune évaluation ne correspond à ces critères" not in page
    assert 'aria-describedby="au-erreur"' in response.get_data(as_text=True)


def test_the_phase_filter_offers_current_phases_first_and_legacy_ones_apart(manager_client, several, rules):
    root = html5lib.parse(manager_client.get("/gestion/").get_data(as_text=True), namespaceHTMLElements=False)
    select = root.find(".//select[@name='phase']")
    current = [option.text for option in select.findall("option")]
    legacy = [option.text for option in select.find("optgroup").findall("option")]
    phases = rules.questions["phase"].options
    assert current == ["Tous", *(o.label for o in phases if not o.legacy)]
    assert legacy == [o.label for o in phases if o.legacy]
    assert list_names(manager_client.get("/gestion/?phase=transfer")) == []  # a legacy phase still filters


def test_sorting_by_score_name_and_status(manager_client, several):
    assert list_names(manager_client.get("/gestion/?ordre=score&sens=asc"))[0] == "DINUM"
    assert list_names(manager_client.get("/gestion/?ordre=nom&sens=asc"))[0] == "Agence de la transition écologique"
    assert list_names(manager_client.get("/gestion/?ordre=statut&sens=desc"))[0] == "Commune de Trifouillis"


@pytest.mark.parametrize("query, ignored", [
    ("statut=peut-etre", "Éligibilité"), ("palier=%00", "Palier"), ("du=hier", "Enregistrée depuis le"),
    ("au=2024-13-45", "Jusqu’au (inclus)"), ("page=abc", "Page"), ("page=-3", "Page"), ("page=99999999999", "Page"),
    ("ordre=id;drop+table", "Trier par"), ("sens=haut", "Ordre"),
    ("type[]=a&inconnu=1", None),
])
def test_bad_filter_values_are_ignored_with_a_message_never_an_error(manager_client, several, query, ignored):
    response = manager_client.get(f"/gestion/?{query}")
    assert response.status_code == 200
    page = text(response.get_data(as_text=True))
    if ignored:
        assert f"Valeur non reconnue, filtre ignoré : {ignored}." in page
    else:
        assert "filtre ignoré" not in page
    assert len(list_names(response)) == 50  # the whole list, first page, newest first


def test_a_page_past_the_end_shows_the_last_page(manager_client, several):
    assert len(list_names(manager_client.get("/gestion/?page=40"))) == 13


def test_an_empty_list_says_so(manager_client):
    page = text(manager_client.get("/gestion/").get_data(as_text=True))
    assert "Aucune évaluation ne correspond à ces critères." in page


# --- Detail and triage -------------------------------------------------------------------------------------

def test_the_detail_shows_result_and_answers(manager_client, saved):
    assessment, _ = saved
    page = text(manager_client.get(f"/gestion/evaluations/{assessment.id}").get_data(as_text=True))
    assert "Direction interministérielle du numérique" in page
    assert "21 points sur 27 (77,8 %) – Candidature solide" in page
    assert "Les administrations centrales sont éligibles au programme EIG." in page
    assert "Directeur ou directrice produit" in page or "directeur_produit" not in page
    assert "Dans quelle phase est votre produit ?" in page and "Construction" in page


def test_an_unknown_assessment_is_a_404(manager_client):
    response = manager_client.get("/gestion/evaluations/999999")
    assert response.status_code == 404


def test_triage_is_saved_with_who_and_when_and_shown(manager_client, db, saved):
    assessment, _ = saved
    url = f"/gestion/evaluations/{assessment.id}"
    response = post_form(manager_client, url, f"{url}/suite", triage="a_recontacter", comment="Rappeler le sponsor.")
    assert response.status_code == 303
    page = text(manager_client.get(response.headers["Location"]).get_data(as_text=True))
    assert "Suite donnée enregistrée : À recontacter." in page
    assert f"Dernière modification par {MANAGER_EMAIL} le" in page
    db.expire_all()
    stored = assessments.get(db, assessment.id)
    assert (stored.triage, stored.triage_comment, stored.triage_by) == ("a_recontacter", "Rappeler le sponsor.", MANAGER_EMAIL)
    assert list_names(manager_client.get("/gestion/?suite=a_recontacter")) == ["Direction interministérielle du numérique"]


@pytest.mark.parametrize("data, message", [
    ({"triage": "supprime"}, "Not a valid choice"),
    ({"triage": "ecarte", "comment": "x" * 2001}, "ne doit pas dépasser 2000 caractères"),
])
def test_a_bad_triage_is_refused_with_a_message(manager_client, db, saved, data, message):
    assessment, _ = saved
    url = f"/gestion/evaluations/{assessment.id}"
    response = post_form(manager_client, url, f"{url}/suite", **data)
    assert response.status_code == 400
    db.expire_all()
    assert assessments.get(db, assessment.id).triage == "a_etudier"


# --- Export ------------------------------------------------------------------------------------------------

def read_export(response):
    body = response.get_data()
    assert body.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def test_the_export_has_one_row_per_assessment_of_the_filtered_list(manager_client, several, rules):
    response = manager_client.get("/gestion/export.csv?q=direction&ordre=nom&sens=asc")
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="evaluations-eig-')
    rows = read_export(response)
    name = rules.questions["administration_name"].label
    assert [row[name] for row in rows] == [f"Direction n° {n:02}" for n in range(60)]
    header = list(rows[0])
    assert header[:4] == ["N°", "Enregistrée le", "Modifiée le", "Origine"]
    assert header[-9:] == [criterion.label for criterion in rules.criteria]
    assert [question.label for question in rules.questions.values()] == header[-9 - len(rules.questions):-9]
    assert len(header) == len(set(header))  # one column per fact


@pytest.mark.parametrize("path", ["/gestion/export.csv", "/gestion/export.xlsx", "/gestion/rapports.zip"])
def test_a_streamed_download_gives_its_connection_back_read_or_not(app, manager_client, saved, path):
    """Its body is sent after the request's session is closed: the rows have a session of their own, closed with
    the body. Before, each download kept a connection in an open transaction (PostgreSQL's pool ran dry)."""
    pool = app.extensions["db_engine"].pool
    for read in (True, False):
        with manager_client.get(path) as response:
            assert response.status_code == 200
            if read:
                assert response.get_data()
        assert pool.checkedout() == 0, f"{path} : connexion gardée après la réponse (corps lu : {read})"


def test_export_cells_read_like_a_french_spreadsheet(manager_client, db, rules):
    values, result = scored(rules, answers(administration_name="=HYPERLINK(\"http://x\")", sponsoring="0"))
    assessments.save(db, values, result)
    row = read_export(manager_client.get("/gestion/export.csv"))[0]
    label = {question_id: question.label for question_id, question in rules.questions.items()}
    label.update((criterion.id, criterion.label) for criterion in rules.criteria)
    assert row["Score (%)"] == "66,7" and row["Palier"] == "Candidature à consolider"
    assert row["Éligibilité"] == "Éligible" and row["Suite donnée"] == "À étudier"
    assert row[label["administration_name"]].startswith("'=")  # never run as a formula
    assert row[label["beta_page_published"]] == rules.questions["beta_page_published"].by_value[True].label
    assert row[label["profils"]] == ", ".join(option.label for option in rules.questions["profils"].options)
    assert row[label["administration_type"]] == rules.questions["administration_type"].by_value[values["administration_type"]].label
    assert row[label["sponsoring"]] == "0" and row[label["probleme_avere"]] == "3"
    assert row["Points bloquants"] == label["sponsoring"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", row["Enregistrée le"])  # sorts as text, read as a date


def test_the_xlsx_export_has_typed_cells_and_french_headings(manager_client, db, rules):
    values, result = scored(rules, answers(administration_name="=HYPERLINK(\"http://x\")", sponsoring="0"))
    assessments.save(db, values, result)
    response = manager_client.get("/gestion/export.xlsx")
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response.headers["Content-Disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.get_data())).active
    rows = list(sheet.iter_rows(values_only=True))
    header, first = rows[0], dict(zip(rows[0], rows[1], strict=True))
    assert header[:3] == ("N°", "Enregistrée le", "Modifiée le") and len(rows) == 2
    assert isinstance(first["Enregistrée le"], datetime) and isinstance(first["Score (%)"], float)
    assert first["Score (%)"] == 66.7 and first["Points"] == 18 and isinstance(first["N°"], int)
    assert first[rules.criterion("sponsoring").label] == 0 and first[rules.criterion("probleme_avere").label] == 3
    name = first[rules.questions["administration_name"].label]
    assert name == "=HYPERLINK(\"http://x\")"  # stored as text, never a formula
    cell = next(c for c in sheet[2] if c.value == name)
    assert cell.data_type == "s"



def test_the_xlsx_reads_well_widths_a_filter_a_frozen_header_and_wrapped_headings(manager_client, db, rules):
    for name in ("Mairie de Lyon", "Préfecture du Rhône"):
        assessments.save(db, *scored(rules, answers(administration_name=name)))
    sheet = openpyxl.load_workbook(io.BytesIO(manager_client.get("/gestion/export.xlsx").get_data())).active
    last = openpyxl.utils.get_column_letter(sheet.max_column)
    assert sheet.auto_filter.ref == f"A1:{last}3"
    assert sheet.freeze_panes == "B2"
    widths = {sheet.cell(1, index).value: sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width
              for index in range(1, sheet.max_column + 1)}
    assert widths["N°"] == 10 and widths["Enregistrée le"] == 17
    assert widths[rules.questions["administration_name"].label] == 30
    assert all(cell.alignment.wrap_text and cell.font.bold for cell in sheet[1])


# --- Secrets never shown -----------------------------------------------------------------------------------

def test_no_page_of_the_area_shows_a_token_or_a_password_hash(manager_client, db, saved, several):
    assessment, token = saved
    manager = accounts.find_manager(db, MANAGER_EMAIL)
    pages = [manager_client.get(path).get_data(as_text=True) for path in (
        "/gestion/", "/gestion/?page=2", f"/gestion/evaluations/{assessment.id}", "/gestion/export.csv",
        "/gestion/?ordre=nom", f"/gestion/evaluations/{assessment.id}/rapport", "/gestion/connexion")]
    for page in pages:
        assert token not in page and assessment.token_hash not in page
        assert manager.password_hash not in page and manager.password_hash.split("$")[-1] not in page


def test_the_report_of_a_stored_assessment_as_a_page_and_a_pdf(manager_client, saved):
    assessment, _ = saved
    detail = manager_client.get(f"/gestion/evaluations/{assessment.id}").get_data(as_text=True)
    assert f'href="/gestion/evaluations/{assessment.id}/rapport"' in detail
    page = text(manager_client.get(f"/gestion/evaluations/{assessment.id}/rapport").get_data(as_text=True))
    assert "Récapitulatif de l’auto-évaluation EIG" in page and "Direction interministérielle du numérique" in page
    document = manager_client.get(f"/gestion/evaluations/{assessment.id}/rapport.pdf")
    assert document.mimetype == "application/pdf" and document.get_data().startswith(b"%PDF")
    assert manager_client.get("/gestion/evaluations/999999/rapport").status_code == 404


def test_a_manager_s_pdf_is_bounded_like_the_agent_s_and_a_kept_one_needs_no_slot(manager_client, saved, app,
                                                                                 monkeypatch, tmp_path):
    """Issue 13, point 16: the managers' copy of a report takes the same per-process PDF slots."""
    assessment, _ = saved
    monkeypatch.setitem(app.extensions, "pdf_cache", PdfCache(tmp_path))  # none kept by an earlier test
    path = f"/gestion/evaluations/{assessment.id}/rapport.pdf"
    slots = app.extensions[PDF_SLOTS]
    plain = FlaskClient(app, app.response_class)  # the checked client refuses any 5xx: this one expects a 503
    name = app.config["SESSION_COOKIE_NAME"]
    plain.set_cookie(name, manager_client.get_cookie(name).value)
    assert slots.acquire(blocking=False)
    try:
        busy = plain.get(path)
    finally:
        slots.release()
    assert busy.status_code == 503 and int(busy.headers["Retry-After"]) > 0
    assert f'href="/gestion/evaluations/{assessment.id}/rapport"' in busy.get_data(as_text=True)
    first = manager_client.get(path)
    assert first.status_code == 200
    assert slots.acquire(blocking=False)
    try:
        again = manager_client.get(path)  # laid out already: sent from the PDF cache, no slot needed
    finally:
        slots.release()
    assert again.status_code == 200 and again.get_data() == first.get_data()


def test_a_stranger_cannot_read_a_report(client, saved):
    assessment, _ = saved
    for path in (f"/gestion/evaluations/{assessment.id}/rapport", f"/gestion/evaluations/{assessment.id}/rapport.pdf"):
        assert client.get(path).status_code == 302


def test_the_list_shows_and_sorts_by_the_last_change(manager_client, db, rules):
    older, _ = assessments.save(db, *scored(rules, answers(administration_name="Enregistrée la première")))
    newer, _ = assessments.save(db, *scored(rules, answers(administration_name="Enregistrée la seconde")))
    db.execute(update(Assessment).where(Assessment.id == older.id)
               .values(created_at=utcnow() - timedelta(days=2), changed_at=utcnow() - timedelta(days=2)))
    db.execute(update(Assessment).where(Assessment.id == newer.id)
               .values(created_at=utcnow() - timedelta(days=1), changed_at=utcnow() - timedelta(days=1)))
    db.commit()
    assert assessments.set_triage(db, older.id, "a_recontacter", "", MANAGER_EMAIL, None)  # changed now
    html = manager_client.get("/gestion/?ordre=date&sens=desc").get_data(as_text=True)
    assert "Dernière modification" in html
    assert html.index("Enregistrée la première") < html.index("Enregistrée la seconde")
    html = manager_client.get("/gestion/?ordre=date&sens=asc").get_data(as_text=True)
    assert html.index("Enregistrée la seconde") < html.index("Enregistrée la première")


def test_the_detail_shows_the_triage_history_who_when_from_what_to_what(manager_client, db, saved):
    assessment, _ = saved
    detail = f"/gestion/evaluations/{assessment.id}"
    for triage, comment in (("a_recontacter", "Appeler la directrice"), ("preselectionne", "")):
        response = post_form(manager_client, detail, f"{detail}/suite", triage=triage, comment=comment)
        assert response.status_code == 303
    history = assessments.triage_history(db, assessment.id)
    assert [(e.from_triage, e.to_triage, e.by, e.comment) for e in history] == [
        ("a_recontacter", "preselectionne", MANAGER_EMAIL, None),
        ("a_etudier", "a_recontacter", MANAGER_EMAIL, "Appeler la directrice")]
    root = html5lib.parse(manager_client.get(detail).get_data(as_text=True), namespaceHTMLElements=False)
    items = [" ".join("".join(item.itertext()).split()) for item in root.findall(".//ol[@id='historique-suite']/li")]
    when = r"\d\d/\d\d/\d{4} à \d\d:\d\d"
    assert re.fullmatch(f"{when}, {MANAGER_EMAIL} : À recontacter → Présélectionné", items[0])
    assert re.fullmatch(f"{when}, {MANAGER_EMAIL} : À étudier → À recontacter \\(« Appeler la directrice »\\)", items[1])


def test_an_assessment_is_given_to_me_then_to_a_colleague_and_the_list_says_to_whom(manager_client, db, saved):
    assessment, _ = saved
    colleague = accounts.add_manager(db, "collegue@beta.gouv.fr", None, name="Dominique Collègue")
    accounts.add_manager(db, "lecteur@beta.gouv.fr", None, role="lecture")
    detail = f"/gestion/evaluations/{assessment.id}"
    page = manager_client.get(detail).get_data(as_text=True)
    assert "Dominique Collègue (collegue@beta.gouv.fr)" in page and "lecteur@beta.gouv.fr" not in page
    response = post_form(manager_client, detail, f"{detail}/attribution", manager="0", to_me="1")
    assert response.status_code == 303
    assert f"Attribuée à {MANAGER_EMAIL}" in text(manager_client.get("/gestion/").get_data(as_text=True))
    post_form(manager_client, detail, f"{detail}/attribution", manager=str(colleague.id))
    assert "Attribuée à Dominique Collègue" in text(manager_client.get("/gestion/").get_data(as_text=True))
    # Someone who may not triage, or an unknown account, is refused: nothing changes.
    post_form(manager_client, detail, f"{detail}/attribution", manager="999999")
    db.expire_all()
    assert db.get(Assessment, assessment.id).assigned_to == colleague.id
    accounts.remove_manager(db, "collegue@beta.gouv.fr")  # a removed account's assessments are given back
    db.expire_all()
    assert db.get(Assessment, assessment.id).assigned_to is None
