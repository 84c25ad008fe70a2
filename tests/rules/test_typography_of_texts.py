"""Every text the tool shows, checked for French typography: the rules' texts as they load (the FAQ's included) and
the templates' own text as it compiles, with one apostrophe (the typographic ’) and a narrow no-break space before
« % »; and the two rules that give them, one case each."""
import dataclasses
import re
from types import MappingProxyType

import pytest
from markupsafe import Markup

from wizard.paths import TEMPLATES_DIR
from wizard.rules.typography import french_spacing

STRAIGHT_APOSTROPHE = re.compile(r"[^\W\d_](?:'|&#39;)[^\W\d_]")
PERCENT_WITHOUT_NARROW_SPACE = re.compile(r"[\d}](?: |\u00a0)?%(?![\w{])")
_TAG = re.compile(r"<[^<>]*>")
_URL = re.compile(r"\b(?:https?|mailto):\S*")


def texts_of(value, where="rules", seen=None):
    """Every string in the rules' objects, with where it is (each object once: caches may refer back)."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return
    if not isinstance(value, str):
        seen.add(id(value))
    if isinstance(value, str):
        yield where, value
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            yield from texts_of(getattr(value, field.name), f"{where}.{field.name}", seen)
    elif isinstance(value, (dict, MappingProxyType)):
        for key, item in value.items():
            yield from texts_of(item, f"{where}[{key}]", seen)
    elif isinstance(value, (list, tuple)):
        for position, item in enumerate(value):
            yield from texts_of(item, f"{where}[{position}]", seen)


def faults(text: str) -> list[str]:
    prose = _URL.sub("", _TAG.sub(" ", text))
    return [found.group() for pattern in (STRAIGHT_APOSTROPHE, PERCENT_WITHOUT_NARROW_SPACE)
            for found in pattern.finditer(prose)]


def test_one_apostrophe_and_the_narrow_space_before_percent_in_every_rule_text(rules):
    # The FAQ's Markdown as published (`desc`) is never shown, its HTML is; a pattern is code.
    found = {where: faults(text) for where, text in texts_of(rules)
             if faults(text) and not where.endswith((".desc", ".pattern", ".warnings"))}
    assert not found
    assert len(list(texts_of(rules))) > 500  # the walk reached the questions, criteria, messages and FAQ


def test_one_apostrophe_and_the_narrow_space_before_percent_in_every_template(app):
    environment, found, read = app.jinja_env, {}, 0
    for path in sorted(TEMPLATES_DIR.rglob("*.html")):
        name = path.relative_to(TEMPLATES_DIR).as_posix()
        # As compiled: the extension's stream (wizard/rules/typography.py), its text and its string literals.
        for token in environment._tokenize(path.read_text(encoding="utf-8"), name):
            if token.type in ("data", "string"):
                read += 1
                if faults(token.value):
                    found.setdefault(name, []).extend(faults(token.value))
    assert not found
    assert read > 1000


@pytest.mark.parametrize("typed, shown", [
    ("l'appel d'offres", "l\u2019appel d\u2019offres"), ("75 %", "75\u202f%"), ("75%", "75\u202f%"),
    ("{percent} %", "{percent}\u202f%"), ("https://exemple.fr/l'a%20b", "https://exemple.fr/l'a%20b"),
    ("'guillemet'", "'guillemet'"),
])
def test_the_apostrophe_and_the_percent_sign_as_they_load(typed, shown):
    assert french_spacing(typed) == shown
    assert not faults(shown) or shown.startswith("https")


def test_the_check_finds_a_straight_apostrophe_and_a_plain_space_before_percent():
    assert faults("l'équipe, 48 %, 48.1 %") == ["l'é", "8 %", "1 %"]
    assert faults(str(Markup("<p>l&#39;équipe</p>"))) == ["l&#39;é"]
