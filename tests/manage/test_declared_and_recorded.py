"""Managers see both (issue 22, point 6): for each answer checked against beta.gouv.fr's record, the value the agent
declared, the value recorded and the copy's date, on the detail, in the list and in both exports; the list filtered
on « déclaré différent de beta.gouv.fr ». On both backends (tests/database.py)."""
import csv
import io
import re
from datetime import datetime

import openpyxl
import pytest

from answers import answers, scored
from app_on_database import app, client, manager_client, rules  # noqa: F401
from beta_api import copy_snapshot
from pages import post_form, text
from web.journey import walk
from wizard.core import facts
from wizard.rules.beta import load_beta_rules
from wizard.store import assessments

MISSION = {"mission_case": "internaliser_pilotage", "pilotage_par_impact": "oui", "transparence_resultats": "oui",
           "code_source_ouvert": "oui"}
# Impact CO2 is recorded « En consolidation » since 13 June 2023, sponsored by the ADEME, an « opérateur ».
IMPACT = {"beta_page_published": True, "beta_page_url": "https://beta.gouv.fr/startups/impact.co2.html"}
ADEME = "Agence de la transition écologique (ADEME)"


@pytest.fixture
def checked(db_url, app):
    """Two saved assessments: one checked against the copy, whose declared phase and kind of body differ from the
    record; one declared only."""
    copy_snapshot(db_url)
    agent = app.test_client()
    walk(agent, {**IMPACT, "phase": "construction", "administration_name": ADEME,
                 "administration_type": "administration_centrale", **MISSION}, start="/etapes/produit")
    assert post_form(agent, "/verification", "/enregistrer").status_code == 200
    other = app.test_client()
    walk(other, {"beta_page_published": False, "phase": "construction", "administration_name": "Sans fiche",
                 "administration_type": "operateur_etat", **MISSION}, start="/etapes/produit")
    assert post_form(other, "/resultat", "/enregistrer").status_code == 200


def rows_of_csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.get_data().decode("utf-8-sig")), delimiter=";"))


def rows_of_xlsx(response) -> list[dict]:
    sheet = openpyxl.load_workbook(io.BytesIO(response.get_data())).active
    header, *rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    return [dict(zip(header, row, strict=True)) for row in rows]


def labels(rules, question_id):
    question = rules.questions[question_id]
    return question.label, f"{question.label} – déclaré", f"{question.label} – beta.gouv.fr"


@pytest.mark.usefixtures("checked")
def test_both_exports_have_the_declared_and_the_recorded_value_of_each_checked_answer(manager_client, rules):
    phase, phase_declared, phase_recorded = labels(rules, "phase")
    kind, kind_declared, kind_recorded = labels(rules, "administration_type")
    _, url_declared, url_recorded = labels(rules, "beta_page_url")
    _, published_declared, published_recorded = labels(rules, "beta_page_published")
    central, operator = (rules.questions["administration_type"].option_for(o).label
                         for o in ("administration_centrale", "operateur_etat"))
    for read, path in ((rows_of_csv, "/gestion/export.csv"), (rows_of_xlsx, "/gestion/export.xlsx")):
        rows = {row[rules.questions["administration_name"].label]: row for row in read(manager_client.get(path))}
        ademe, alone = rows[ADEME], rows["Sans fiche"]
        # The agent's answer column says what they answered, never the record's value in its place.
        assert ademe[phase] == ademe[phase_declared] == "Construction", path
        assert ademe[phase_recorded] == "En consolidation", path
        assert ademe[kind] == ademe[kind_declared] == central and ademe[kind_recorded] == operator, path
        assert ademe[url_declared] == ademe[url_recorded] == IMPACT["beta_page_url"], path
        assert ademe[published_declared] == ademe[published_recorded] == "Oui, elle est publiée", path
        assert ademe["Déclaré différent de beta.gouv.fr"] == "Oui", path
        assert ademe["Données beta.gouv.fr du"], path  # the copy's date (a date cell in the XLSX)
        assert alone[phase] == alone[phase_declared] == "Construction", path
        assert alone[phase_recorded] in (None, "") and alone["Déclaré différent de beta.gouv.fr"] in (None, ""), path
        assert alone["Données beta.gouv.fr du"] in (None, ""), path


@pytest.mark.usefixtures("checked")
def test_the_list_shows_both_and_filters_on_declared_different_from_beta(manager_client):
    listed = text(manager_client.get("/gestion/").get_data(as_text=True))
    assert "En consolidationVérifiée sur beta.gouv.fr (données du " in listed
    assert "Déclaré : Construction" in listed and "beta.gouv.fr : Opérateur de l’État" in listed
    differs = text(manager_client.get("/gestion/?ecart=oui").get_data(as_text=True))
    assert "Agence de la transition écologique" in differs and "Sans fiche" not in differs
    assert "1 évaluation" in differs and "Déclaré différent de beta.gouv.fr" in differs
    same = text(manager_client.get("/gestion/?ecart=non").get_data(as_text=True))
    assert "Sans fiche" in same and "Agence de la transition écologique" not in same
    # Exported as filtered.
    assert len(rows_of_csv(manager_client.get("/gestion/export.csv?ecart=oui"))) == 1


@pytest.mark.usefixtures("checked")
def test_the_detail_shows_the_declared_answer_as_declared_beside_the_recorded_one(manager_client):
    html = manager_client.get("/gestion/?ecart=oui").get_data(as_text=True)
    detail = manager_client.get(re.search(r'href="(/gestion/evaluations/\d+)[^"]*">Agence', html).group(1))
    page = text(detail.get_data(as_text=True))
    assert "Déclarébeta.gouv.fr (données du " in page  # the columns' headings (cells run together)
    assert "Dans quelle phase est votre produit ?ConstructionEn consolidation depuis le 13 juin 2023" in page
    assert "Quel type d’organisme public porte le projet ?Administration centraleOpérateur de l’État" in page
    answers_table = page[page.index("Réponses de l’agente ou de l’agent"):]
    assert "Dans quelle phase est votre produit ?Construction" in answers_table  # the agent's, not the record's
    assert "En consolidation" not in answers_table


def test_an_address_kept_as_declared_shows_declared_not_verified(manager_client, db, rules):
    """A fact without a recorded value (an address not in the copy, kept as the agent typed it) is not verified."""
    values, result = scored(rules, answers(administration_name="Adresse à vérifier", beta_page_published=True,
                                           beta_page_url="https://beta.gouv.fr/startups/benefriche.html"))
    # As the product step stores it when the agent goes on with an address the copy has no page at.
    fact = facts.absent_fact(load_beta_rules(rules), values["beta_page_url"], datetime(2026, 12, 7, 6))
    saved, _ = assessments.save(db, values, {**result, "facts": [fact]})
    assert not saved.verified and not saved.declared_differs
    row = rows_of_csv(manager_client.get("/gestion/export.csv"))[0]
    _, url_declared, url_recorded = labels(rules, "beta_page_url")
    assert row[url_declared] == values["beta_page_url"] and row[url_recorded] == "déclarée, non vérifiée"
    detail = text(manager_client.get(f"/gestion/evaluations/{saved.id}").get_data(as_text=True))
    assert "Adresse de la fiche produithttps://beta.gouv.fr/startups/benefriche.htmldéclarée, non vérifiée" in detail


def test_a_resumed_assessment_keeps_the_declared_phase_and_saves_it_again_as_declared(db_url, app, manager_client, rules):
    """The stored answers hold the record's phase in place of the declared one; the resume link gives the agent's
    back, so that updating the assessment does not turn the declared phase into the recorded one."""
    copy_snapshot(db_url)
    agent = app.test_client()
    walk(agent, {**IMPACT, "phase": "construction", "administration_name": "Reprise", "administration_type": "operateur_etat",
                 **MISSION}, start="/etapes/produit")
    token = re.search(r"/reprendre/([A-Za-z0-9_-]{43})",
                      post_form(agent, "/verification", "/enregistrer").get_data(as_text=True)).group(1)
    other = app.test_client()
    other.get(f"/reprendre/{token}")
    assert 'value="construction" checked' in other.get("/etapes/produit").get_data(as_text=True)
    assert post_form(other, "/verification", "/enregistrer", action="mettre_a_jour").status_code in (200, 303)
    row = rows_of_csv(manager_client.get("/gestion/export.csv"))[0]
    assert row[labels(rules, "phase")[1]] == "Construction" and row["Déclaré différent de beta.gouv.fr"] == "Oui"


@pytest.mark.parametrize("migrated_url", ["sqlite"], indirect=True)  # markup: the backend changes nothing
@pytest.mark.usefixtures("checked")
def test_the_list_and_the_detail_with_checked_answers_pass_the_nu_html_checker(manager_client, nu_errors):
    listed = manager_client.get("/gestion/?ecart=oui").get_data(as_text=True)
    detail = manager_client.get(re.search(r'href="(/gestion/evaluations/\d+)[^"]*">Agence', listed).group(1))
    assert nu_errors({"liste": listed, "fiche": detail.get_data(as_text=True)}) == []
