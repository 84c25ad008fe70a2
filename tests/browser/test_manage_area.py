"""The managers' area in Chromium, used as a manager would: log in, filter, open, triage, export, log out.

Runs on SQLite only, with the test databases' fixtures (tests/database.py): the browser adds nothing the other
backend would change.
"""
import csv

import pytest
from playwright.sync_api import expect

from browser.server import serve_wsgi
from answers import answers, scored
from app_on_database import app, rules  # noqa: F401  the app on the test database
from database import MANAGER_EMAIL, MANAGER_PASSWORD
from wizard.store import assessments
from wizard.rules.loading import load_rules

pytestmark = pytest.mark.parametrize("migrated_url", ["sqlite"], indirect=True)


@pytest.fixture
def server(app, db, rules, manager):
    """The app, served over HTTP, with a few assessments to pre-screen."""
    rows = [scored(rules, answers(administration_name=name, **changes)) for name, changes in (
        ("Agence nationale de la cohésion des territoires", {"administration_type": "operateur_etat"}),
        ("Direction générale de l’aménagement, du logement et de la nature", {"sponsoring": "0"}),
        ("Commune de Trifouillis-les-Oies", {"administration_type": "collectivite_territoriale"}),
        ("Préfecture du Calvados", {"administration_type": "service_deconcentre", "phase": "investigation"}),
        ("Archives nationales", {"administration_type": "service_competence_nationale",
                                 **{criterion.id: "1" for criterion in rules.criteria}}),
    )]
    assessments.import_rows(db, rows)
    with serve_wsgi(app) as base_url:
        public_url, app.config["PUBLIC_URL"] = app.config["PUBLIC_URL"], base_url  # as EIG_PUBLIC_URL would say
        yield base_url
        app.config["PUBLIC_URL"] = public_url


def log_in(page, server):
    page.goto(server + "/gestion/")
    page.get_by_label("Adresse électronique").fill(MANAGER_EMAIL)
    page.get_by_label("Mot de passe").fill(MANAGER_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Évaluations enregistrées")


def test_a_manager_filters_triages_and_exports(page, server, assert_no_axe_violations, screenshot, tmp_path):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(server + "/gestion/")
    expect(page).to_have_url(server + "/gestion/connexion?suivant=/gestion/")
    assert_no_axe_violations(page)
    screenshot(page, "gestion-connexion-1280")
    page.get_by_label("Adresse électronique").fill(MANAGER_EMAIL)
    page.get_by_label("Mot de passe").fill("pas le bon")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("alert")).to_contain_text("Adresse électronique ou mot de passe incorrect.")
    log_in(page, server)
    expect(page.get_by_text("5 évaluations", exact=True)).to_be_visible()
    assert_no_axe_violations(page)
    screenshot(page, "gestion-liste-1280")

    page.get_by_role("button", name="Filtrer et trier").click()
    page.get_by_label("Éligibilité").select_option("to_confirm")
    page.get_by_role("button", name="Appliquer").click()
    rows = page.locator("#evaluations tbody tr")
    expect(rows).to_have_count(2)
    page.get_by_role("link", name="Préfecture du Calvados").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Préfecture du Calvados")
    assert_no_axe_violations(page)
    screenshot(page, "gestion-fiche-1280")

    page.get_by_text("À recontacter", exact=True).click()  # the DSFR draws the radio on its label
    page.get_by_label("Commentaire").fill("Voir avec la DINUM si la préfecture peut passer par son ministère.")
    page.get_by_role("button", name="Enregistrer la suite donnée").click()
    expect(page.get_by_role("status")).to_contain_text("Suite donnée enregistrée : À recontacter.")
    expect(page.get_by_text(f"Dernière modification par {MANAGER_EMAIL}")).to_be_visible()
    page.get_by_role("link", name="Retour à la liste").click()
    expect(page.get_by_label("Éligibilité")).to_have_value("to_confirm")  # the list keeps its filters
    expect(rows.filter(has_text="Préfecture du Calvados")).to_contain_text("À recontacter")

    with page.expect_download() as download:
        page.get_by_role("link", name="Exporter ces 2 évaluations (CSV)").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    with path.open(encoding="utf-8-sig", newline="") as file:  # as a French-locale spreadsheet reads it
        exported = list(csv.DictReader(file, delimiter=";"))
    name, phase = (load_rules().questions[question].label for question in ("administration_name", "phase"))
    assert {row[name] for row in exported} == {"Préfecture du Calvados", "Archives nationales"}
    calvados = next(row for row in exported if row[name] == "Préfecture du Calvados")
    assert calvados["Suite donnée"] == "À recontacter" and calvados["Suite donnée par"] == MANAGER_EMAIL
    assert calvados["Score (%)"] == "77,8" and calvados[phase] == "Investigation"

    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("status")).to_contain_text("Vous êtes déconnectée ou déconnecté.")
    page.goto(server + "/gestion/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Connexion")


def test_the_pages_at_mobile_width(page, server, assert_no_axe_violations, screenshot):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(server + "/gestion/connexion")
    screenshot(page, "gestion-connexion-390")
    log_in(page, server)
    assert_no_axe_violations(page)
    screenshot(page, "gestion-liste-390")
    page.get_by_role("link", name="Archives nationales").click()
    assert_no_axe_violations(page)
    screenshot(page, "gestion-fiche-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the screen


def test_the_area_works_without_javascript(page_no_js, server):
    page = page_no_js
    log_in(page, server)
    page.get_by_label("Type d’organisme").select_option("collectivite_territoriale")
    page.get_by_role("button", name="Appliquer").click()
    expect(page.locator("#evaluations tbody tr")).to_have_count(1)
    page.get_by_role("link", name="Commune de Trifouillis-les-Oies").click()
    page.get_by_text("Écarté", exact=True).click()
    page.get_by_role("button", name="Enregistrer la suite donnée").click()
    expect(page.get_by_role("status")).to_contain_text("Suite donnée enregistrée : Écarté.")


def test_no_csp_violation_in_the_area(browser, server):
    context = browser.new_context()  # the real policy applies
    page = context.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, server)
    page.get_by_role("link", name="Archives nationales").click()
    page.wait_for_load_state("networkidle")
    context.close()
    assert errors == []


def test_the_agent_s_save_resume_and_delete_pages(page, server, db, rules, assert_no_axe_violations, screenshot):
    """The agent's side, from a resume link: update, save a copy, read about their data, delete."""
    values, result = scored(rules, answers(administration_name="Institut national de l’information géographique"))
    _, token = assessments.save(db, values, result, [step.id for step in rules.steps])
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{server}/reprendre/{token}")
    expect(page).to_have_url(f"{server}/verification#enregistrement")
    expect(page.get_by_role("status").first).to_contain_text("Vous avez repris l’auto-évaluation enregistrée le")
    assert_no_axe_violations(page)
    screenshot(page, "agent-verification-enregistree-1280")
    page.get_by_role("button", name="Enregistrer les modifications").click()
    expect(page.get_by_text("Modifications enregistrées : le lien de reprise reste le même.")).to_be_visible()
    page.get_by_role("button", name="Enregistrer comme nouvelle évaluation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre auto-évaluation est enregistrée")
    link = page.get_by_label("Votre lien de reprise").input_value()
    assert link.startswith(f"{server}/reprendre/") and token not in link
    assert_no_axe_violations(page)
    screenshot(page, "agent-lien-de-reprise-1280")
    page.goto(f"{server}/donnees-personnelles")
    assert_no_axe_violations(page)
    page.goto(f"{server}/verification")
    page.get_by_role("link", name="Supprimer l’évaluation enregistrée").click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Supprimer définitivement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre auto-évaluation a été supprimée")
    assert_no_axe_violations(page)
    assert page.goto(link).status == 404
