"""`eig-wizard assess`: answers files in, results out; bad input named, never a traceback."""
import json
import subprocess
import sys

import pytest
import yaml
from click.testing import CliRunner

from wizard.cli.commands import main

ANSWERS = {
    "administration_type": "operateur_etat", "beta_page_published": True, "phase": "acceleration",
    "mission_case": "internaliser_pilotage", "pilotage_par_impact": "oui", "transparence_resultats": "oui",
    "code_source_ouvert": "en_cours", "profils": ["directeur_technique"],
}
CSV = ("administration_type;beta_page_published;phase;mission_case;pilotage_par_impact;transparence_resultats;"
       "code_source_ouvert;profils;sponsoring\n"
       "operateur_etat;oui;construction;internaliser_pilotage;oui;oui;oui;\"directeur_produit;directeur_technique\";\n"
       "collectivite_territoriale;oui;construction;internaliser_pilotage;oui;oui;oui;;\n"
       "operateur_etat;oui;lunaire;internaliser_pilotage;oui;oui;oui;;\n"
       "operateur_etat;oui;construction;internaliser_pilotage;oui;oui;oui;;2\n")


def run(*args):
    result = CliRunner().invoke(main, list(map(str, args)))
    return result.exit_code, result.stdout, result.stderr


def test_a_yaml_file_gives_one_result_object(tmp_path):
    path = tmp_path / "reponses.yaml"
    path.write_text(yaml.safe_dump(ANSWERS, allow_unicode=True))
    code, out, err = run("assess", path)
    assert code == 0 and err == ""
    result = json.loads(out)
    assert result["eligibility"]["status"] == "to_confirm"
    assert result["score"] is None


def test_json_files_give_a_list_and_can_be_written_to_a_file(tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.write_text(json.dumps(ANSWERS))
    second.write_text(json.dumps({**ANSWERS, "phase": "transfere"}))
    code, out, _ = run("assess", first, second, "-o", tmp_path / "out.json")
    assert code == 0 and out == ""
    statuses = [r["eligibility"]["status"] for r in json.loads((tmp_path / "out.json").read_text())]
    assert statuses == ["to_confirm", "ineligible"]


def test_a_csv_scores_each_valid_row_and_names_each_bad_row(tmp_path):
    path = tmp_path / "lot.csv"
    path.write_text(CSV, encoding="utf-8")
    code, out, err = run("assess", path)
    assert code == 2
    assert [r["eligibility"]["status"] for r in json.loads(out)] == ["eligible", "ineligible"]
    assert f"{path}, ligne 4 : phase : « lunaire » n'est pas une réponse possible" in err
    assert f"{path}, ligne 5 : probleme_avere : Évaluez les neuf critères ou aucun" in err
    assert "Traceback" not in out + err


def test_the_table_format(tmp_path):
    path = tmp_path / "reponses.yaml"
    path.write_text(yaml.safe_dump({**ANSWERS, **{c: 3 for c in (
        "probleme_avere", "probleme_majeur", "probleme_actionnable", "approche_produit", "sponsoring",
        "autonomie_ressources", "politiques_prioritaires", "feuille_de_route", "ambition_entrepreneuriale")}}))
    code, out, _ = run("assess", path, "--format", "table")
    assert code == 0
    header, row = out.splitlines()
    assert header.split() == ["Source", "Éligibilité", "Score", "Palier", "Points", "bloquants"]
    assert "to_confirm" in row and "100.0 % (27/27)" in row and "solide" in row


@pytest.mark.parametrize("name, content, message", [
    ("casse.yaml", b"phase: [construction\n", "YAML invalide, ligne 2"),
    ("casse.json", b'{"phase": ', "JSON invalide, ligne 1"),
    ("liste.json", b'["phase"]', "un ensemble de paires « question : réponse » est attendu"),
    ("latin1.csv", "phase\nacc\xe9l\xe9ration\n".encode("latin-1"), "encodé en UTF-8"),
    ("vide.csv", b"", "le fichier CSV est vide"),
    ("reponses.txt", b"phase: construction", "format inconnu"),
])
def test_unreadable_files_are_named_without_a_traceback(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = run("assess", path)
    assert code == 2
    assert f"ERREUR {path} : " in err and message in err
    assert "Traceback" not in err


def test_a_missing_file(tmp_path):
    code, _, err = run("assess", tmp_path / "absent.yaml")
    assert code == 2 and "fichier illisible" in err


def test_the_module_runs_as_a_command():
    done = subprocess.run([sys.executable, "-m", "wizard", "check"], capture_output=True, text=True)
    assert done.returncode == 0
    assert "Règles valides" in done.stdout


def test_a_scored_case_explains_itself_in_json(tmp_path):
    path = tmp_path / "reponses.yaml"
    levels = {criterion: 2 for criterion in ("probleme_avere", "probleme_majeur", "probleme_actionnable",
                                             "approche_produit", "sponsoring", "autonomie_ressources",
                                             "politiques_prioritaires", "feuille_de_route", "ambition_entrepreneuriale")}
    path.write_text(yaml.safe_dump({**ANSWERS, **levels}, allow_unicode=True))
    code, out, _ = run("assess", path, "--format", "json")
    result = json.loads(out)
    assert code == 0 and result["final"] is True and result["missing"] == []
    assert {"rule", "status", "message", "faq", "answer"} <= set(result["eligibility"]["reasons"][0])
    assert {(c["level"], c["weight"], c["points"]) for c in result["criteria"]} == {(2, 1, 2)}
    score = result["score"]
    assert {"points", "max", "percent", "band", "blocking", "thresholds", "explanation"} <= set(score)
    assert score["thresholds"] == {"solide": 75, "a_consolider": 50, "premature": 0}
    assert score["explanation"].startswith("18 points sur 27, soit 66,7 %")
