"""A map that is true: every `wizard/….py` that a comment, a template, a stylesheet or a document names exists, and the
README's Architecture section accounts for every module of the package."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAMED = re.compile(r"(?<![\w/.])wizard/[\w/]+\.py")
READ = ("wizard", "templates", "static", "rules", "migrations", "tests", "docs", "bench")
SUFFIXES = {".py", ".html", ".css", ".js", ".md", ".yaml", ".yml", ".txt", ".ini", ".toml", ".cfg"}


def _texts():
    for top in READ:
        for path in (ROOT / top).rglob("*"):
            if path.is_file() and path.suffix in SUFFIXES:
                yield path
    yield from (ROOT / name for name in ("README.md", "Makefile", "pyproject.toml", "alembic.ini"))


def test_every_module_named_in_the_house_exists():
    missing = [f"{path.relative_to(ROOT)}:{number}: {name}"
               for path in _texts() for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
               for name in NAMED.findall(line) if not (ROOT / name).is_file()]
    assert not missing, "\n".join(missing)


def test_the_readme_architecture_accounts_for_every_module():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Architecture"):]
    modules = sorted(path.relative_to(ROOT / "wizard") for path in (ROOT / "wizard").rglob("*.py")
                     if path.name != "__init__.py" or path.parent == ROOT / "wizard")
    absent = [str(module) for module in modules if f"`{module}`" not in section and f"{module.name}" not in section]
    assert not absent, "modules que l'architecture du README ne cite pas : " + ", ".join(absent)
