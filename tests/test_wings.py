"""The package's wings import one way only, and each module fits on a few screens."""
import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "wizard"
# Lowest first: a wing may import the wings before it, never one after it. web and manage share a rank.
RANKS = {"paths": 0, "rules": 1, "core": 2, "store": 3, "report": 4, "fragments": 4, "mail": 4, "web": 5, "manage": 5,
         "config": 1, "cli": 6, "__init__": 7, "__main__": 7, "gunicorn_conf": 7}
MODULES = sorted(PACKAGE.rglob("*.py"))


def wing_of(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def imported_wings(path: Path) -> set[str]:
    wings = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            parts = node.module.split(".")
            if parts[0] == "wizard":
                wings.update([parts[1]] if len(parts) > 1 else [alias.name for alias in node.names])
        elif isinstance(node, ast.Import):
            wings.update(alias.name.split(".")[1] for alias in node.names
                         if alias.name.startswith("wizard.") and alias.name.count(".") >= 1)
    return wings


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_a_wing_never_imports_a_higher_one(path):
    wing = wing_of(path)
    higher = {other for other in imported_wings(path) if RANKS[other] > RANKS[wing]}
    assert not higher, f"{path.relative_to(PACKAGE)} ({wing}) importe une aile plus haute : {sorted(higher)}"


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_no_module_is_over_400_lines(path):
    assert len(path.read_text().splitlines()) <= 400


def test_every_wing_is_ranked():
    assert {wing_of(path) for path in MODULES} <= set(RANKS)
