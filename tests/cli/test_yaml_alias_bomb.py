"""A YAML alias bomb, aliases of any size and non-text keys in an answers file (issue 26, broken 7): `assess` and
`import` refuse the file as a named bad entry (exit 2) before anything is built, instead of expanding a 1 KB file
to gigabytes (62 s to a MemoryError) or a traceback.

The real command runs in a process of its own, its memory bounded at 1 GB and its time at 60 s: the bomb, were it
expanded, would fail the test instead of the machine."""
import os
import resource
import subprocess
import sys

import pytest
import yaml

from wizard.rules.yaml_lines import load_yaml, syntax_error
from wizard.store.models import Assessment

ALIAS_REFUSED = "les alias (« *nom ») ne sont pas acceptés : écrivez chaque valeur en entier"
KEY_NOT_TEXT = "une clé doit être un texte, pas une liste ni un ensemble de clés"
MEMORY = 1024 ** 3


def _bomb(last: str) -> str:
    """Nine levels of nine aliases each: 9^9 (387 million) strings once expanded, under 1 KB written."""
    levels = "abcdefghi"
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, level in zip(levels, levels[1:], strict=False):
        lines.append(f"{level}: &{level} [{', '.join(['*' + previous] * 9)}]")
    return "\n".join(lines) + "\n" + last + "\n"


FILES = {
    "bombe.yaml": (_bomb("phase: *i"), 2, ALIAS_REFUSED),
    "bombe-profils.yaml": (_bomb("profils: [*h]"), 2, ALIAS_REFUSED),
    "alias-simple.yaml": ("nom: &n Direction\nadministration_name: *n\n", 2, ALIAS_REFUSED),
    "fusion.yaml": ("base: &b {phase: construction}\nprojet:\n  <<: *b\n", 3, ALIAS_REFUSED),
    "cle-liste.yaml": ("phase: construction\n[a, b]: 1\n", 2, KEY_NOT_TEXT),
    "cle-table.yaml": ("{a: 1}: 2\n", 1, KEY_NOT_TEXT),
}


def _bounded():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "wizard", *args], capture_output=True, text=True, timeout=60,
                          preexec_fn=_bounded, env=env)


@pytest.mark.parametrize("name", FILES)
def test_assess_refuses_an_alias_bomb_or_a_list_key_as_a_named_bad_entry(tmp_path, name):
    content, line, message = FILES[name]
    assert len(content.encode()) < 1024
    path = tmp_path / name
    path.write_text(content)
    result = _run("assess", str(path))
    assert result.returncode == 2, result.stderr
    assert f"ERREUR {path} : YAML invalide, ligne {line} : {message}" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout and "MemoryError" not in result.stderr


@pytest.mark.parametrize("name", ["bombe-profils.yaml", "cle-liste.yaml"])
def test_import_refuses_an_alias_bomb_or_a_list_key_and_stores_nothing(tmp_path, name, db_url, db):
    content, line, message = FILES[name]
    path = tmp_path / name
    path.write_text(content)
    result = _run("import", str(path), env={**os.environ, "DATABASE_URL": db_url})
    assert result.returncode == 2, result.stderr
    assert f"YAML invalide, ligne {line} : {message}" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert db.query(Assessment).count() == 0


def test_an_anchor_without_alias_is_plain_yaml():
    data, duplicates = load_yaml("phase: &p construction\n")
    assert data == {"phase": "construction"} and duplicates == []


def test_the_rules_reader_names_an_alias_with_its_line():
    with pytest.raises(yaml.YAMLError) as error:
        load_yaml("a: 1\nb: &x 2\nc: *x\n")
    assert syntax_error(error.value) == (3, ALIAS_REFUSED)
