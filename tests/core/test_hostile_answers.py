"""Hostile answers reach the engine from every edge (a form, a file the CLI reads): a NUL byte or another
control character, a lone surrogate, a single value where a list is expected. Each is decided here, once."""
import json

import pytest
import yaml
from click.testing import CliRunner

from wizard.cli.commands import main
from wizard.core.engine import read_answers

ANSWERS = {
    "administration_name": "DINUM", "administration_type": "operateur_etat", "beta_page_published": True,
    "phase": "acceleration", "mission_case": "internaliser_pilotage", "pilotage_par_impact": "oui",
    "transparence_resultats": "oui", "code_source_ouvert": "en_cours", "profils": ["directeur_technique"],
}


@pytest.mark.parametrize("bad", ["\x00", "\x07", "\x1b[31m", "\x7f", "\x85", "\ud800"])
def test_a_control_character_in_a_text_answer_is_an_error_at_that_question(rules, bad):
    values, errors = read_answers(rules, {**ANSWERS, "administration_name": f"DINUM{bad}"}, partial=True)
    assert set(errors) == {"administration_name"}
    assert "caractère invisible non autorisé" in errors["administration_name"]
    assert values["administration_type"] == "operateur_etat"  # the other answers are read as usual


def test_tabs_and_newlines_are_text(rules):
    values, errors = read_answers(rules, {**ANSWERS, "administration_name": "DINUM\tPôle\r\nData"}, partial=True)
    assert not errors and values["administration_name"] == "DINUM\tPôle\r\nData"


def test_a_nul_in_an_option_or_a_question_id_is_quoted_visibly(rules):
    _, errors = read_answers(rules, {**ANSWERS, "phase": "acceleration\x00", "pha\x00se": "x"}, partial=True)
    assert "«\u202faccelerationU+0000\u202f»" in errors["phase"]
    assert errors["pha\x00se"] == "«\u202fphaU+0000se\u202f» n’est pas une question de ce questionnaire."


@pytest.mark.parametrize("single", ["directeur_produit", " directeur_produit "])
def test_a_single_value_for_a_multiple_choice_is_a_list_of_one(rules, single):
    values, errors = read_answers(rules, {**ANSWERS, "profils": single}, partial=True)
    assert not errors and values["profils"] == ["directeur_produit"]


def run(*args):
    result = CliRunner().invoke(main, list(map(str, args)))
    return result.exit_code, result.stdout, result.stderr


def test_assess_as_pdf_takes_a_single_value_for_a_multiple_choice(tmp_path):
    path = tmp_path / "reponses.yaml"
    path.write_text("profils: directeur_produit\n" + yaml.safe_dump({**ANSWERS, "profils": None}))
    path.write_text(path.read_text().replace("profils: null\n", ""))
    code, out, err = run("assess", path, "--format", "pdf", "-o", tmp_path / "rapport.pdf")
    assert (code, err) == (0, ""), err
    assert (tmp_path / "rapport.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("suffix, content", [
    (".json", json.dumps({**ANSWERS, "administration_name": "DINUM\x00"})),
    (".json", json.dumps({**ANSWERS, "administration_name": "DINUM\ud800"})),
    (".csv", "administration_name;administration_type\nDINUM\x00;operateur_etat\n"),
])
def test_assess_names_a_control_character_in_a_file_at_its_question(tmp_path, suffix, content):
    path = tmp_path / f"reponses{suffix}"
    path.write_text(content, encoding="utf-8")
    code, out, err = run("assess", path)
    assert code == 2 and "Traceback" not in err
    assert "administration_name : La réponse à la question" in err and "caractère invisible non autorisé" in err
