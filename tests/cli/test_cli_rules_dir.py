"""The command line reads the rules where the app does: EIG_RULES_DIR, unless --rules says otherwise (issue 13, point 8)."""
import shutil

import pytest
from click.testing import CliRunner

from wizard.cli.commands import main
from wizard.paths import RULES_DIR


@pytest.fixture
def broken_copy(tmp_path):
    folder = tmp_path / "copie"
    shutil.copytree(RULES_DIR, folder)
    criteria = folder / "criteria.yaml"
    criteria.write_text(criteria.read_text(encoding="utf-8").replace("min_percent: 75", "min_percent: 150", 1),
                        encoding="utf-8")
    answers = tmp_path / "reponses.csv"
    answers.write_text("administration_type\noperateur_etat\n", encoding="utf-8")
    return folder, answers


@pytest.mark.parametrize("command", [["check"], ["assess", "{answers}"], ["import", "{answers}"]])
def test_eig_rules_dir_pointing_at_a_broken_copy_is_not_ignored(broken_copy, command):
    folder, answers = broken_copy
    args = [part.format(answers=answers) for part in command]
    result = CliRunner().invoke(main, args, env={"EIG_RULES_DIR": str(folder)})
    assert result.exit_code == 1, result.output
    assert "Règles valides" not in result.output
    assert f"{folder / 'criteria.yaml'}:" in result.stderr and "le seuil doit être entre 0 et 100, pas 150" in result.stderr


def test_the_rules_option_still_wins_over_eig_rules_dir(broken_copy):
    folder, _ = broken_copy
    result = CliRunner().invoke(main, ["--rules", str(RULES_DIR), "check"], env={"EIG_RULES_DIR": str(folder)})
    assert result.exit_code == 0 and "Règles valides" in result.stdout
    result = CliRunner().invoke(main, ["--rules", str(folder), "check"], env={"EIG_RULES_DIR": str(RULES_DIR)})
    assert result.exit_code == 1
