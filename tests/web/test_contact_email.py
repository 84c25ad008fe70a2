"""The optional contact e-mail of the save step: checked as an address, said on the personal data page, stored
with the assessment, shown to the managers (detail, exports) and nowhere else; never logged."""
import csv
import io
import logging

import html5lib
import openpyxl
import pdfplumber
import pytest
from sqlalchemy import select

from answers import OPERATOR as ANSWERS
from app_on_database import app, client, rules  # noqa: F401  the app on the test database
from database import MANAGER_EMAIL, MANAGER_PASSWORD
from pages import post_form, text
from web.journey import walk
from wizard.store.models import Assessment

ADDRESS = "Camille.Martin@anct.gouv.fr"
INVALID = "Un e-mail de l’adresse électronique valide"


@pytest.fixture
def answered(client):
    walk(client, ANSWERS)
    return client


@pytest.fixture
def manager_client(app, manager):
    """A manager's browser of their own: the agent's session stays as it is."""
    browser = app.test_client()
    post_form(browser, "/gestion/connexion", "/gestion/connexion", email=MANAGER_EMAIL, password=MANAGER_PASSWORD)
    return browser


def save(client, page="/verification", **data):
    return post_form(client, page, "/enregistrer", **data)


def stored(db):
    db.expire_all()
    return db.scalars(select(Assessment)).all()


def field(html, name="courriel"):
    root = html5lib.parse(html, namespaceHTMLElements=False)
    return next(element for element in root.iter("input") if element.get("name") == name)


def test_the_save_panel_asks_for_an_optional_address(answered):
    html = answered.get("/verification").get_data(as_text=True)
    assert "Adresse électronique pour vous recontacter (facultatif)" in text(html)
    assert field(html).get("type") == "email" and field(html).get("autocomplete") == "email"


@pytest.mark.parametrize("page, depuis", [("/verification", "verification"), ("/resultat", "resultat")])
def test_an_address_is_saved_with_the_assessment(answered, db, page, depuis):
    response = save(answered, page, depuis=depuis, courriel=f"  {ADDRESS} ")
    assert response.status_code == 200 and f"part vers {ADDRESS}" in text(response.get_data(as_text=True))
    [assessment] = stored(db)
    assert assessment.contact_email == ADDRESS


def test_without_an_address_the_assessment_is_saved_all_the_same(answered, db):
    assert save(answered, courriel="").status_code == 200
    assert [a.contact_email for a in stored(db)] == [None]


@pytest.mark.parametrize("typed", ["camille.martin", "camille@", "@anct.gouv.fr", "camille martin@anct.gouv.fr",
                                   "camille@anct..gouv.fr", "a" * 250 + "@anct.gouv.fr", "camille\x00@anct.gouv.fr"])
def test_a_wrong_address_is_refused_at_the_field_and_in_the_summary_keeping_what_was_typed(answered, db, rules, typed):
    response = save(answered, depuis="verification", courriel=typed)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    message = rules.messages["saving"]["contact_email_invalid"]
    root = html5lib.parse(html, namespaceHTMLElements=False)
    summary = next(div for div in root.iter("div") if div.get("role") == "alert")
    assert [(link.get("href"), "".join(link.itertext())) for link in summary.iter("a")] == [("#courriel", message)]
    assert f"Erreur : {message}" in text(html)  # at the field
    assert field(html).get("value") == typed.strip().replace("\x00", "") and field(html).get("aria-invalid") == "true"
    assert stored(db) == []
    # Corrected, it saves; the way back leads where the agent was.
    assert 'href="/verification#enregistrement"' in html
    assert post_form(answered, "/verification", "/enregistrer", courriel=ADDRESS).status_code == 200
    assert [a.contact_email for a in stored(db)] == [ADDRESS]


def test_the_save_panel_is_blank_and_carries_its_own_session_token_whoever_typed_before(answered, app, db):
    """The panel's field and button are kept once rendered (wizard/fragments.py): never with what an agent typed,
    nor with a token, which is each session's own."""
    app.jinja_env.globals["fragment"].kept.clear()  # whatever this process rendered before
    # The address is typed for the result page before its panel was ever rendered.
    assert save(answered, depuis="resultat", courriel="camille.martin@").status_code == 400
    other = app.test_client()
    walk(other, ANSWERS)
    for each in (answered, other):
        for path in ("/verification", "/resultat"):
            html = each.get(path).get_data(as_text=True)
            assert "camille" not in html.lower() and field(html).get("value") in (None, "")
    tokens = [field(each.get("/resultat").get_data(as_text=True), "csrf_token").get("value")
              for each in (answered, other)]
    assert tokens[0] != tokens[1]
    # Each browser saves with the token of its own page, and the other's is refused.
    assert other.post("/enregistrer", data={"csrf_token": tokens[0], "depuis": "resultat"}).status_code == 400
    assert save(other, "/resultat", depuis="resultat").status_code == 200
    assert len(stored(db)) == 1


def test_updating_keeps_the_address_given_at_the_first_save(answered, db):
    save(answered, courriel=ADDRESS)
    # Updating asks nothing of the address; the address has its own form, empty (it is changed there on purpose).
    html = answered.get("/verification").get_data(as_text=True)
    assert field(html).get("value") in (None, "")
    assert post_form(answered, "/verification", "/enregistrer", action="mettre_a_jour").status_code == 303
    assert [a.contact_email for a in stored(db)] == [ADDRESS]


def test_the_personal_data_page_says_what_the_address_is_for_and_how_long_it_is_kept(client):
    page = text(client.get("/donnees-personnelles").get_data(as_text=True))
    assert ("sert à vous envoyer vos liens (à l’enregistrement, et quand vous les demandez à nouveau depuis « Recevoir à "
            "nouveau mon lien ») et aux responsables de portefeuille du programme EIG à la DINUM à vous recontacter au "
            "sujet de cette auto-évaluation : aucune lettre d’information, aucune transmission à des tiers") in page
    assert "conservée aussi longtemps que l’auto-évaluation, et supprimée avec elle" in page


def test_managers_see_the_address_on_the_detail_and_in_both_exports(answered, db, manager_client, rules):
    save(answered, courriel=ADDRESS)
    [assessment] = stored(db)
    detail = manager_client.get(f"/gestion/evaluations/{assessment.id}").get_data(as_text=True)
    assert f'<a href="mailto:Camille.Martin%40anct.gouv.fr">{ADDRESS}</a>' in detail
    exported = manager_client.get("/gestion/export.csv").get_data().decode("utf-8-sig")
    [row] = csv.DictReader(io.StringIO(exported), delimiter=";")
    assert row["Adresse de contact"] == ADDRESS
    sheet = openpyxl.load_workbook(io.BytesIO(manager_client.get("/gestion/export.xlsx").get_data())).active
    header, values = (list(cells) for cells in sheet.iter_rows(values_only=True))
    assert values[header.index("Adresse de contact")] == ADDRESS
    assert ADDRESS not in manager_client.get("/gestion/").get_data(as_text=True)  # not in the list


def test_the_address_is_in_no_report_of_the_agent_nor_the_managers(answered, db, manager_client):
    save(answered, courriel=ADDRESS)
    # The agent's own pages say it in the save panel, where it is changed; the report, which is shared, never.
    assert ADDRESS in text(answered.get("/verification").get_data(as_text=True))
    assert ADDRESS.lower() not in answered.get("/rapport").get_data(as_text=True).lower()
    [assessment] = stored(db)
    report = manager_client.get(f"/gestion/evaluations/{assessment.id}/rapport").get_data(as_text=True)
    assert ADDRESS.lower() not in report.lower()
    document = manager_client.get(f"/gestion/evaluations/{assessment.id}/rapport.pdf").get_data()
    with pdfplumber.open(io.BytesIO(document)) as pdf:
        assert not any("anct.gouv.fr" in (page.extract_text() or "") for page in pdf.pages)


def test_the_address_is_never_logged(answered, caplog):
    with caplog.at_level(logging.DEBUG):
        save(answered, courriel="camille.martin@")
        save(answered, courriel=ADDRESS)
    assert "camille" not in caplog.text.lower()
