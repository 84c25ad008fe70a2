"""The call's calendar: today before, during or after the 7th call, the start page, the result, the report, its
PDF and the command line say where the call stands, and none invites a deposit while no call is open."""
import json
from datetime import date

import pytest
import yaml
from click.testing import CliRunner
from markupsafe import escape

from checked_app import make_app
from report.conftest import pdf_text
from answers import ELIGIBLE, TO_CONFIRM
from web.journey import walk
from wizard.cli.commands import main

BEFORE, DURING, AFTER = date(2023, 11, 15), date(2024, 5, 6), date(2026, 12, 1)
DOSSIER_URL = "https://www.demarches-simplifiees.fr/commencer/aap-eig7"
CLOSED = "L’appel à projets de la 7e promotion est clos depuis le 31 décembre 2024"


@pytest.fixture(scope="module")
def apps():
    return {day: make_app(TODAY=day) for day in (BEFORE, DURING, AFTER)}


def answered(app, answers=ELIGIBLE):
    client = app.test_client()
    walk(client, answers)
    return client


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def notice_of(html: str) -> str:
    """The call's notice, which must come before the header and so before any button of the page."""
    start = html.index('<div class="fr-notice fr-notice--info">')
    assert start < html.index("<header") < html.index("<main"), "la notice de l’appel n’est pas en tête"
    return html[start:html.index("<header")]


def test_every_public_page_says_first_where_the_call_stands(apps):
    # The dates as the sources say them: the FAQ's months, the règlement's "tout au long de l'année 2024" (3.5 c).
    before = notice_of(page(apps[BEFORE].test_client(), "/"))
    assert "n’est pas encore ouvert" in before and "de janvier à décembre 2024 (FAQ)" in before
    assert "«\u202ftout au long de l’année 2024\u202f» (règlement, 3.5 c)" in before
    assert "est ouvert de janvier à décembre 2024" in notice_of(page(apps[DURING].test_client(), "/"))
    client = answered(apps[AFTER])
    for url in ("/", "/faq", "/etapes/administration", "/verification", "/resultat", "/rapport"):
        notice = notice_of(page(client, url))
        assert CLOSED in notice and "applique les règles de la 7e promotion" in notice and "est ouvert" not in notice, url
    assert escape(CLOSED) in page(client, "/")


def test_between_calls_the_faq_s_dossier_link_is_not_live_and_says_why(apps):
    during = page(apps[DURING].test_client(), "/faq")
    assert f'<a href="{DOSSIER_URL}"' in during and "Lien inactif" not in during
    for day, why in ((BEFORE, "l’appel à projets n’est pas encore ouvert"), (AFTER, "clos depuis le 31 décembre 2024")):
        faq = page(apps[day].test_client(), "/faq")
        assert f'href="{DOSSIER_URL}"' not in faq and f"<span class=\"eig-unlinked\">{DOSSIER_URL}</span>" in faq
        assert "Lien inactif" in faq and why in faq


def test_while_the_call_is_open_the_result_invites_a_deposit(apps):
    html = page(answered(apps[DURING]), "/resultat")
    assert escape("Déposez votre dossier sur Démarche numérique (anciennement Démarches simplifiées) d’ici le 31 décembre 2024.") in html
    assert f'href="{DOSSIER_URL}"' in html and "Sélection des projets" in html


@pytest.mark.parametrize("day", [BEFORE, AFTER])
@pytest.mark.parametrize("answers", [ELIGIBLE, TO_CONFIRM], ids=["eligible", "to_confirm"])
def test_no_page_invites_a_deposit_while_no_call_is_open(apps, day, answers):
    client = answered(apps[day], answers)
    for url in ("/resultat", "/rapport"):
        html = page(client, url)
        assert "Déposez" not in html and "Déposer un dossier" not in html and DOSSIER_URL not in html, url
    pdf = pdf_text(client.get("/rapport.pdf").data)
    assert "Déposez" not in pdf and "Déposer un dossier" not in pdf and "demarches-simplifiees.fr/commencer" not in pdf


def test_once_the_call_is_closed_the_result_report_and_pdf_say_so_and_point_to_the_programme_team(apps):
    client = answered(apps[AFTER])
    result = page(client, "/resultat")
    assert escape(CLOSED) in result and escape("Aucun dossier ne peut être déposé avant le prochain appel à projets") in result
    assert "Sélection des projets" not in result  # the next call's procedure is not known yet
    assert escape(CLOSED) in page(client, "/rapport")
    pdf = pdf_text(client.get("/rapport.pdf").data)
    assert CLOSED in pdf and "renseignez-vous auprès de l’équipe du programme" in pdf
    assert pdf.index(CLOSED) < pdf.index("Verdict d’éligibilité")  # on the first page, before the verdict


def test_before_the_call_opens_the_result_says_when(apps):
    html = page(answered(apps[BEFORE]), "/resultat")
    assert escape("Vous pourrez déposer votre dossier sur Démarche numérique (anciennement Démarches simplifiées) à partir du 1er janvier 2024.") in html


def test_the_report_pdf_during_the_call_carries_the_link_and_its_qr_code(apps):
    pdf = pdf_text(answered(apps[DURING]).get("/rapport.pdf").data)
    assert "Déposez votre dossier" in pdf and DOSSIER_URL.removeprefix("https://") in pdf.replace(" ", "")


@pytest.mark.parametrize("day, says", [("2024-05-06", "est ouvert de janvier à décembre 2024"), ("2026-12-01", CLOSED)],
                         ids=["open", "closed"])
def test_the_command_line_follows_eig_today(tmp_path, day, says):
    answers = tmp_path / "reponses.yaml"
    answers.write_text(yaml.safe_dump(ELIGIBLE, allow_unicode=True))
    runner = CliRunner()
    table = runner.invoke(main, ["assess", str(answers), "--format", "table"], env={"EIG_TODAY": day})
    assert table.exit_code == 0 and says in table.stdout
    assert "Ce résultat est une auto-évaluation indicative." in table.stdout
    as_json = json.loads(runner.invoke(main, ["assess", str(answers)], env={"EIG_TODAY": day}).stdout)
    assert as_json["notice"].startswith("Ce résultat est une auto-évaluation indicative.")
    assert as_json["call"]["phase"] == ("open" if day < "2024-12-31" else "closed") and says in as_json["call"]["summary"]
    done = runner.invoke(main, ["assess", str(answers), "--format", "pdf", "-o", str(tmp_path / "r.pdf")],
                         env={"EIG_TODAY": day})
    assert done.exit_code == 0
    text = pdf_text((tmp_path / "r.pdf").read_bytes())
    assert says in text if day > "2024-12-31" else "Déposez votre dossier" in text
    assert ("Déposez" in text) == (day < "2024-12-31")


def test_a_bad_eig_today_is_refused_in_french(tmp_path):
    answers = tmp_path / "reponses.yaml"
    answers.write_text(yaml.safe_dump(ELIGIBLE, allow_unicode=True))
    done = CliRunner().invoke(main, ["assess", str(answers)], env={"EIG_TODAY": "demain"})
    assert done.exit_code == 2 and "EIG_TODAY doit être une date de la forme AAAA-MM-JJ" in done.stderr
    assert "Traceback" not in done.output
