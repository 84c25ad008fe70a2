"""Structural checks every HTML page of the app must pass."""

import hashlib
import re
from collections import Counter

import html5lib
from html5lib.constants import E as PARSE_ERRORS

from wizard.web.security import JS_FLAG


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


# A page that passed once passes again: the same markup but for its CSRF token (a random value in an attribute,
# which cannot change the structure) is not parsed twice. Parsing with html5lib was most of the suite's time.
_CSRF_VALUE = re.compile(r'(name="[^"]*csrf_token"[^>]*? value=")[^"]*"')
_passed: set[tuple[bool, bytes]] = set()


def check_page_structure(html: str, url: str, redirect: bool = False) -> None:
    """Fail with every problem found: HTML5 parse errors, h1/title, a meta description, duplicate ids,
    forms (action, CSRF token) and anything the CSP would block (inline script/style)."""
    seen = (redirect, hashlib.sha256(_CSRF_VALUE.sub(r'\1"', html).encode()).digest())
    if seen in _passed:
        return
    _check(html, url, redirect)
    _passed.add(seen)


def _check(html: str, url: str, redirect: bool) -> None:
    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    root = parser.parse(html)
    problems = [
        f"HTML invalide ligne {line}, colonne {col} : {PARSE_ERRORS.get(code, code) % (data or {})}"
        for (line, col), code, data in parser.errors
    ]

    h1s = [_text(h) for h in root.iter("h1")]
    if len(h1s) != 1:
        problems.append(f"{len(h1s)} h1 au lieu d'un seul : {h1s}")
    title_text = " ".join(_text(t) for t in root.iter("title"))
    if len(h1s) == 1 and not title_text.startswith(h1s[0]):
        problems.append(f"le <title> {title_text!r} ne commence pas par le h1 {h1s[0]!r}")

    descriptions = [m.get("content", "").strip() for m in root.iter("meta") if m.get("name") == "description"]
    if not redirect and (len(descriptions) != 1 or not descriptions[0]):  # a redirect's body is Werkzeug's
        problems.append(f"une meta description non vide est attendue, trouvé : {descriptions}")

    ids = Counter(el.get("id") for el in root.iter() if el.get("id") is not None)
    problems += [f"id {id_!r} présent {n} fois" for id_, n in ids.items() if n > 1]

    for i, form in enumerate(root.iter("form"), 1):
        if form.get("action") is None:
            problems.append(f"formulaire n°{i} sans attribut action")
        has_csrf = any(inp.get("name", "").split("-")[-1] == "csrf_token" for inp in form.iter("input"))
        if form.get("method", "get").lower() == "post" and not has_csrf:
            problems.append(f"formulaire POST n°{i} sans champ csrf_token")

    problems += [f"script inline : {_text(s)[:60]!r}" for s in root.iter("script")
                 if not s.get("src") and _text(s) != JS_FLAG]  # the one the CSP allows by its hash
    problems += ["élément <style> inline" for _ in root.iter("style")]
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue  # comments
        problems += [f"attribut {name}= sur <{el.tag}>" for name in el.keys()
                     if name == "style" or name.startswith("on")]

    assert not problems, f"{url} : structure incorrecte\n- " + "\n- ".join(problems)
