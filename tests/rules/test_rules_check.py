"""`eig-wizard check` and the app refuse broken rules, naming the file, the line and the problem."""
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from wizard import create_app
from wizard.cli.commands import main
from wizard.paths import RULES_DIR


@pytest.fixture
def rules_copy(tmp_path):
    folder = tmp_path / "rules"
    shutil.copytree(RULES_DIR, folder)
    return folder


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first `old` by `new` in a file; return the 1-based line where the change starts."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def check(folder: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--rules", str(folder), "check"])
    return result.exit_code, result.output


def test_the_shipped_rules_pass_with_a_summary():
    code, output = check(RULES_DIR)
    assert code == 0
    assert "Règles valides (eig7-2024.1) : 9 règles d'éligibilité, 41 questions, 9 critères, 10 entrées de FAQ" in output


def test_bad_yaml_syntax(rules_copy):
    line = edit(rules_copy / "criteria.yaml", "  - id: sponsoring\n", "  - id: sponsoring\n    label: [unclosed\n")
    code, output = check(rules_copy)
    assert code == 1
    assert f"{rules_copy / 'criteria.yaml'}:{line + 2}: syntaxe YAML invalide" in output


def test_unknown_key(rules_copy):
    line = edit(rules_copy / "criteria.yaml", "    weight: 1\n", "    weight: 1\n    colour: bleu\n")
    code, output = check(rules_copy)
    assert code == 1
    assert f"criteria.yaml:{line + 1}: critère : clé inconnue « colour »" in output


def test_missing_id(rules_copy):
    line = edit(rules_copy / "criteria.yaml", "  - id: sponsoring\n    label:", "  - label:")
    code, output = check(rules_copy)
    assert f"criteria.yaml:{line}: critère : la clé « id » est obligatoire" in output
    assert code == 1


def test_duplicate_id(rules_copy):
    line = edit(rules_copy / "criteria.yaml", "  - id: sponsoring\n", "  - id: probleme_avere\n")
    code, output = check(rules_copy)
    assert code == 1
    assert f"criteria.yaml:{line}: identifiant « probleme_avere » déjà utilisé" in output


def test_dangling_faq_reference(rules_copy):
    line = edit(rules_copy / "questions.yaml", "faq: [quels-sont-les-projets-eligibles]", "faq: [projets-eligibles]")
    code, output = check(rules_copy)
    assert code == 1
    assert f"questions.yaml:{line}: référence à une entrée de FAQ inexistante : « projets-eligibles »" in output


def test_band_threshold_out_of_range(rules_copy):
    line = edit(rules_copy / "criteria.yaml", "min_percent: 75", "min_percent: 150")
    code, output = check(rules_copy)
    assert code == 1
    assert f"criteria.yaml:{line}: palier « solide » : le seuil doit être entre 0 et 100, pas 150" in output


def test_criterion_without_four_levels(rules_copy):
    edit(rules_copy / "criteria.yaml", "      - Aucune ou aucun sponsor n'est identifié.\n", "")
    text = (rules_copy / "criteria.yaml").read_text()
    line = text[: text.index("levels:", text.index("id: sponsoring"))].count("\n") + 1
    code, output = check(rules_copy)
    assert code == 1
    assert f"criteria.yaml:{line}: critère « sponsoring » : quatre niveaux (0 à 3) sont attendus, 3 trouvés" in output


def test_an_outcome_without_a_message(rules_copy):
    edit(rules_copy / "questions.yaml", "            message: Les opérateurs de l'État sont éligibles au programme EIG.\n", "")
    code, output = check(rules_copy)
    assert "l'option « operateur_etat » a une issue mais pas de message" in output
    assert code == 1


def test_every_problem_is_reported_not_just_the_first(rules_copy):
    edit(rules_copy / "criteria.yaml", "min_percent: 75", "min_percent: 101")
    edit(rules_copy / "criteria.yaml", "    weight: 1\n", "    weight: 0\n")
    code, output = check(rules_copy)
    assert "le seuil doit être entre 0 et 100" in output and "le poids doit être un entier positif" in output
    assert "2 problème(s)" in output


def test_a_missing_faq_file(rules_copy):
    (rules_copy / "faq" / "faq-administrations-eig7.md").unlink()
    code, output = check(rules_copy)
    assert code == 1
    assert "programme.yaml:6: fichier de FAQ illisible : faq/faq-administrations-eig7.md" in output


def test_the_app_refuses_to_start_with_the_same_messages(rules_copy):
    line = edit(rules_copy / "criteria.yaml", "min_percent: 75", "min_percent: 150")
    with pytest.raises(SystemExit) as stopped:
        create_app({"TESTING": True, "RULES_DIR": rules_copy})
    assert f"criteria.yaml:{line}: palier « solide » : le seuil doit être entre 0 et 100, pas 150" in str(stopped.value)


def test_the_checker_warns_about_the_corrected_dossier_address():
    code, output = check(RULES_DIR)
    assert "adresse corrigée : https://www.demarches-simplifees.fr/ → https://www.demarches-simplifiees.fr/" in output


def test_the_questions_the_code_reads_by_id_are_required(rules_copy):
    edit(rules_copy / "questions.yaml", "      - id: product_name\n", "      - id: nom_du_produit\n")
    code, output = check(rules_copy)
    assert code == 1
    assert "la question « product_name » est obligatoire" in output


def test_a_named_question_keeps_the_kind_the_code_reads(rules_copy):
    text = (rules_copy / "questions.yaml").read_text(encoding="utf-8")
    start = text.index("      - id: administration_name\n")
    kind = text.index("kind: text", start)
    (rules_copy / "questions.yaml").write_text(text[:kind] + "kind: textarea" + text[kind + len("kind: text"):],
                                               encoding="utf-8")
    code, output = check(rules_copy)
    assert code == 1
    assert "la question « administration_name » doit être de type text, pas textarea" in output


def test_triage_labels_and_notices_are_required_messages(rules_copy):
    edit(rules_copy / "messages.yaml", "  ecarte: Écarté\n", "")
    edit(rules_copy / "messages.yaml", "  logged_out: Vous êtes déconnectée ou déconnecté.\n", "")
    code, output = check(rules_copy)
    assert code == 1
    assert "le message « triage.ecarte » est obligatoire" in output
    assert "le message « notices.logged_out » est obligatoire" in output


# --- Attacks on the checker (issue 13, point 9): each refused at its file:line, in French -----------------

def test_a_duplicate_yaml_key_cannot_make_collectivites_eligible(rules_copy):
    anchor = "          - id: collectivite_territoriale\n            label: Collectivité territoriale\n"
    first = edit(rules_copy / "questions.yaml", anchor + "            hint:", anchor + "            outcome: eligible\n            hint:")
    code, output = check(rules_copy)
    assert code == 1
    # the option's own `outcome: ineligible` comes two lines below the injected one
    assert f"questions.yaml:{first + 4}: clé « outcome » en double (déjà à la ligne {first + 2})" in output


def test_an_unknown_slug_in_the_top_level_notice_faq(rules_copy):
    line = edit(rules_copy / "programme.yaml", "notice_faq: [quels-sont-les-criteres-d-evaluation]",
                "notice_faq: [criteres-inventes]")
    code, output = check(rules_copy)
    assert code == 1
    assert f"programme.yaml:{line}: référence à une entrée de FAQ inexistante : « criteres-inventes »" in output


def test_an_unknown_slug_in_a_step_s_faq_link(rules_copy):
    line = edit(rules_copy / "questions.yaml", "    faq: [quels-profils-sont-proposes]\n", "    faq: [profils-inventes]\n")
    code, output = check(rules_copy)
    assert code == 1
    assert f"questions.yaml:{line}: référence à une entrée de FAQ inexistante : « profils-inventes »" in output


def test_the_misspelled_dossier_address_in_the_rules_themselves(rules_copy):
    line = edit(rules_copy / "programme.yaml", "  url: https://www.demarches-simplifiees.fr/commencer/aap-eig7",
                "  url: https://www.demarches-simplifees.fr/commencer/aap-eig7")
    code, output = check(rules_copy)
    assert code == 1
    assert (f"programme.yaml:{line}: « url » contient « https://www.demarches-simplifees.fr/ », l'adresse mal "
            "orthographiée que « corrections » corrige dans la FAQ : écrivez « https://www.demarches-simplifiees.fr/ »") in output


def test_an_unclosed_quote_is_reported_at_its_own_line_in_french(rules_copy):
    # The case, a quote left open in the middle of programme.yaml: PyYAML itself points at the end of the file.
    line = edit(rules_copy / "programme.yaml", 'puis refaites cette auto-évaluation."\n', "puis refaites cette auto-évaluation.\n")
    assert line < len((rules_copy / "programme.yaml").read_text(encoding="utf-8").splitlines()) - 40
    code, output = check(rules_copy)
    assert code == 1
    assert f"programme.yaml:{line}: syntaxe YAML invalide : guillemet ouvert à cette ligne et jamais fermé" in output
    assert "found" not in output and "while scanning" not in output


@pytest.mark.parametrize("old, new, offset, message", [
    ("    weight: 1\n", "    weight: 1\n  colour: : bleu\n", 1, "indentation incohérente"),
    ("    weight: 1\n", "    weight: 1\n    label: Texte : suite\n", 1, "« : » inattendu ici (un texte qui contient « : » s'écrit entre guillemets)"),
    ("    weight: 1\n", "    weight: 1\n\tcolour: bleu\n", 1, "caractère inattendu (une tabulation ? indentez avec des espaces)"),
    ("    weight: 1\n", "    weight: 1\n    levels: {a: 1\n", 2, "accolade « { » ouverte à la ligne"),
])
def test_yaml_syntax_errors_are_in_french_at_their_line(rules_copy, old, new, offset, message):
    line = edit(rules_copy / "criteria.yaml", old, new)
    code, output = check(rules_copy)
    assert code == 1
    assert f"criteria.yaml:{line + offset}: syntaxe YAML invalide : {message}" in output, output


def test_a_duplicate_option_id_is_named(rules_copy):
    line = edit(rules_copy / "questions.yaml", "          - id: etablissement_sante\n",
                "          - id: collectivite_territoriale\n")
    code, output = check(rules_copy)
    assert code == 1
    assert (f"questions.yaml:{line}: question « administration_type » : l'identifiant d'option "
            "« collectivite_territoriale » est déjà utilisé par une autre option") in output


def test_the_checker_warns_about_each_text_correction_of_the_faq():
    code, output = check(RULES_DIR)
    assert code == 0
    for wrong, right in (("7ème promotion du promotion du programme", "7ème promotion du programme"),
                         ("Les dossiers de candidature à comprennent", "Les dossiers de candidature comprennent"),
                         ("* Directeur ou directrice de produit\\nCes profils", "* Directeur ou directrice de produit\\n\\n  Ces profils"),
                         ("](eig@beta.gouv.fr)", "](mailto:eig@beta.gouv.fr)")):
        assert f"texte corrigé : « {wrong} » → « {right} »" in output, wrong
    assert output.count("AVERTISSEMENT") == 6


def test_a_correction_that_finds_nothing_is_a_warning(rules_copy):
    edit(rules_copy / "programme.yaml", "  - wrong: Les dossiers de candidature à comprennent",
         "  - wrong: Texte absent de la FAQ\n    right: autre chose\n  - wrong: Les dossiers de candidature à comprennent")
    code, output = check(rules_copy)
    assert code == 0 and "correction sans effet, texte introuvable : « Texte absent de la FAQ »" in output


def test_a_key_missing_from_beta_yaml_is_named_not_a_traceback(rules_copy):
    beta = rules_copy / "beta.yaml"
    text = beta.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("person_name:"))
    edit(beta, line + "\n", "")
    code, output = check(rules_copy)
    assert code == 1 and "beta : la clé « person_name » est obligatoire" in output and "Traceback" not in output


def test_the_test_rules_folder_passes_the_check_as_the_shipped_one():
    """tests/rules_for_tests keeps pace with the code (a message or a beta.gouv.fr text the code now needs)."""
    code, output = check(Path(__file__).resolve().parent.parent / "rules_for_tests")
    assert code == 0, output
