"""`eig-wizard assess`: answers files in, results out; bad input named, never a traceback."""
import json
import os
import select
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
    assert f"{path}, ligne 4 : phase : «\u202flunaire\u202f» n’est pas une réponse possible" in err
    assert f"{path}, ligne 5 : probleme_avere : Évaluez les neuf critères ou aucun" in err
    assert "Traceback" not in out + err


def test_the_table_format(tmp_path):
    path = tmp_path / "reponses.yaml"
    path.write_text(yaml.safe_dump({**ANSWERS, **{c: 3 for c in (
        "probleme_avere", "probleme_majeur", "probleme_actionnable", "approche_produit", "sponsoring",
        "autonomie_ressources", "politiques_prioritaires", "feuille_de_route", "ambition_entrepreneuriale")}}))
    code, out, _ = run("assess", path, "--format", "table")
    assert code == 0
    header, row, _, notice, call = out.splitlines()
    assert header.split() == ["Source", "Éligibilité", "Score", "Palier", "Points", "bloquants"]
    assert "to_confirm" in row and "100\u202f% (27/27)" in row and "solide" in row
    assert notice.startswith("Ce résultat est une auto-évaluation indicative.")
    assert call.startswith("L’appel à projets de la 7e promotion")


@pytest.mark.parametrize("name, content, message", [
    ("casse.yaml", b"phase: [construction\n", "YAML invalide, ligne 2"),
    ("casse.json", b'{"phase": ', "JSON invalide, ligne 1"),
    ("liste.json", b'["phase"]', "un ensemble de paires « question : réponse » est attendu"),
    # A header not in UTF-8 makes the whole file unreadable; a row not in UTF-8 is one bad row (see below).
    ("latin1.csv", "phase;intitulé\naccélération;x\n".encode("latin-1"), "encodé en UTF-8"),
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


# --- Hostile input and big files (issue 13, point 10) ------------------------------------------------------

GOOD_ROW = CSV.splitlines()[1]


def test_a_cell_over_the_csv_module_limit_is_a_named_bad_row_not_a_rejected_file(tmp_path):
    path = tmp_path / "lot.csv"
    header = CSV.splitlines()[0]
    huge = "x" * 200_000  # over csv.field_size_limit(), 131,072
    path.write_text(f"{header}\n{GOOD_ROW}\noperateur_etat;oui;{huge};a;b;c;d;e;f\n{GOOD_ROW}\n", encoding="utf-8")
    code, out, err = run("assess", path, "--format", "jsonl")
    assert code == 2
    assert f"ERREUR {path}, ligne 3 : CSV invalide : une cellule dépasse la taille maximale (131072 caractères)" in err
    assert [json.loads(line)["source"]["line"] for line in out.splitlines()] == [2, 4]


def test_a_line_not_in_utf8_is_a_named_bad_row_not_a_rejected_file(tmp_path):
    path = tmp_path / "lot.csv"
    header, first, _, third, _ = CSV.splitlines()
    path.write_bytes(f"{header}\n{first}\n".encode() + "collectivité;oui\n".encode("latin-1") + f"{first}\n".encode())
    code, out, err = run("assess", path, "--format", "jsonl")
    assert code == 2
    assert f"ERREUR {path}, ligne 3 : ligne illisible : le texte doit être encodé en UTF-8" in err
    assert [json.loads(line)["source"]["line"] for line in out.splitlines()] == [2, 4]


def test_jsonl_writes_one_result_per_line_with_its_source_file_and_line(tmp_path):
    path, single = tmp_path / "lot.csv", tmp_path / "un.yaml"
    path.write_text(CSV, encoding="utf-8")
    single.write_text(yaml.safe_dump(ANSWERS, allow_unicode=True))
    code, out, _ = run("assess", path, single, "--format", "jsonl")
    assert code == 2  # lines 4 and 5 are invalid
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["source"] for line in lines] == [{"file": str(path), "line": 2}, {"file": str(path), "line": 3},
                                                  {"file": str(single), "line": None}]
    assert [line["result"]["eligibility"]["status"] for line in lines] == ["eligible", "ineligible", "to_confirm"]


def test_assess_writes_each_result_before_reading_the_next_row(tmp_path):
    """Streaming, shown without a clock: the CSV comes through a pipe, and the first row's result must be out
    while the pipe is still open (a command that reads the whole file first would wait for ever)."""
    fifo = tmp_path / "flux.csv"
    os.mkfifo(fifo)
    command = subprocess.Popen([sys.executable, "-m", "wizard", "assess", str(fifo), "--format", "jsonl"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        with fifo.open("w", encoding="utf-8") as writer:
            writer.write(CSV.splitlines()[0] + "\n" + GOOD_ROW + "\n")
            writer.flush()
            ready, _, _ = select.select([command.stdout], [], [], 60)
            assert ready, "no result before the end of the file: the CSV is not streamed"
            assert json.loads(command.stdout.readline())["source"] == {"file": str(fifo), "line": 2}
            writer.write(GOOD_ROW + "\n")
        out, err = command.communicate(timeout=60)
    finally:
        command.kill()
    assert command.returncode == 0, err
    assert json.loads(out)["source"]["line"] == 3


def test_a_large_json_list_is_written_as_it_goes_and_stays_valid(tmp_path):
    path = tmp_path / "lot.csv"
    path.write_text(CSV.splitlines()[0] + "\n" + "\n".join([GOOD_ROW] * 300) + "\n", encoding="utf-8")
    code, out, _ = run("assess", path)
    assert code == 0
    assert len(json.loads(out)) == 300


def test_a_duplicate_key_in_an_answers_file_is_refused(tmp_path):
    # The last `administration_type` would win silently and turn an ineligible body into an eligible one.
    as_yaml, as_json = tmp_path / "double.yaml", tmp_path / "double.json"
    as_yaml.write_text("administration_type: collectivite_territoriale\nphase: construction\n"
                       "administration_type: operateur_etat\n", encoding="utf-8")
    as_json.write_text('{"administration_type": "collectivite_territoriale", "administration_type": "operateur_etat"}')
    for path, where in ((as_yaml, "ligne 3 : "), (as_json, "")):
        code, out, err = run("assess", path)
        assert code == 2 and out == "[]\n"
        assert f"ERREUR {path} : {where}clé « administration_type » en double" in err


def test_a_duplicate_column_in_a_csv_header_is_refused(tmp_path):
    path = tmp_path / "lot.csv"
    path.write_text("administration_type;phase;administration_type\ncollectivite_territoriale;construction;operateur_etat\n",
                    encoding="utf-8")
    code, _, err = run("assess", path)
    assert code == 2
    assert f"ERREUR {path} : colonne(s) en double dans l'en-tête : administration_type" in err


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
    assert score["explanation"].startswith("18 points sur 27, soit 66,7\u202f%")
