"""`eig-wizard assess` of hostile answers files (issue 26, broken 9): nesting deep enough to exhaust Python's
recursion, an integer of 5,000 digits: a named bad entry and exit 2 (invalid input), never a traceback and exit 1."""
import json

import pytest
from click.testing import CliRunner

from wizard.cli.answers_files import TOO_DEEP
from wizard.cli.commands import main

DEEP = "[" * 100_000 + "]" * 100_000
FILES = {
    "deep.json": (DEEP, TOO_DEEP),
    "deep.yaml": (DEEP, TOO_DEEP),
    "deep-mappings.yaml": ("".join("  " * depth + "a:\n" for depth in range(3000)), TOO_DEEP),
    "huge-integer.json": ('{"phase": ' + "9" * 5000 + "}", "JSON invalide : un nombre trop long pour être lu"),
}


@pytest.mark.parametrize("name", FILES)
def test_assess_of_a_deep_or_huge_file_is_a_named_bad_entry_with_exit_2(tmp_path, name):
    content, message = FILES[name]
    path = tmp_path / name
    path.write_text(content)
    result = CliRunner().invoke(main, ["assess", str(path)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"ERREUR {path} : {message}" in result.stderr
    assert "Traceback" not in result.output


def test_terminal_sequences_in_an_answers_file_are_escaped_in_the_error_lines(tmp_path):
    """A key met twice, named in the message, carries a window title, a colour and a carriage return."""
    path = tmp_path / "terminal.json"
    key = "phase\u001b]0;pirate\u0007\u001b[31m\rrouge"
    path.write_text(f'{{{json.dumps(key)}: "a", {json.dumps(key)}: "b"}}')
    result = CliRunner().invoke(main, ["assess", str(path)])
    assert result.exit_code == 2, result.output
    assert "clé « phaseU+001B]0;pirateU+0007U+001B[31mU+000Drouge » en double" in result.stderr
    assert "\x1b" not in result.output and "\r" not in result.output and "\x07" not in result.output
