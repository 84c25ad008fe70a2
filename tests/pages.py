"""Reading pages as a browser would: forms, their CSRF tokens, and what a person sees."""
from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html


def tree(html: str):
    """The page as a tree, read by libxml2 (lxml) in a fraction of html5lib's time: the pages are valid HTML, which
    tests/structure.py checks on each with html5lib's parser and tests/web/test_html_validity.py with the Nu checker."""
    return lxml_html.document_fromstring(html)


def form_fields(html: str, action: str) -> dict[str, str]:
    """The hidden fields (CSRF token included) of the page's form posting to `action`."""
    root = tree(html)
    for form in root.iter("form"):
        if form.get("action", "").split("?")[0] == action:
            return {i.get("name"): i.get("value", "") for i in form.iter("input") if i.get("type") == "hidden"}
    raise AssertionError(f"aucun formulaire vers {action}")


def text(html: str) -> str:
    """The page's visible text, spaces collapsed."""
    root = tree(html)
    body = root.find("body")
    return " ".join("".join(body.itertext()).split())


def post_form(client, page_url: str, target: str, **data):
    """GET `page_url`, then post its form whose action is `target`, with its hidden fields and `data`."""
    page = client.get(page_url)
    return client.post(target, data={**form_fields(page.get_data(as_text=True), target), **data})


def _words(element) -> str:
    """The element's text, the markup's spacing collapsed (not French no-break spaces, which are the text's)."""
    return re.sub(r"[ \t\r\n\f]+", " ", "".join(element.itertext())).strip()


# What a person reads from an alert's colour (and a screen reader from its icon's title): the DSFR's four kinds.
ALERT_KINDS = {"fr-alert--success": "succès", "fr-alert--warning": "attention", "fr-alert--error": "erreur",
               "fr-alert--info": "information"}


class Page:
    """A page read by meaning, as a person or a screen reader would: its headings, alerts, links by their names,
    its one primary action, the errors beside the fields. Tests assert on this, not on class lists."""

    def __init__(self, html: str):
        self.html = html
        self.root = tree(html)
        main = self.root.find(".//main")
        self.main = main if main is not None else self.root.find("body")

    @property
    def title(self) -> str:
        return _words(self.root.find(".//title"))

    @property
    def h1(self) -> str:
        return _words(self.root.find(".//h1"))

    @property
    def text(self) -> str:
        return _words(self.root.find("body"))

    def by_id(self, element_id: str):
        element = self.root.find(f".//*[@id='{element_id}']")
        assert element is not None, f"aucun élément #{element_id}"
        return element

    def text_of(self, element_id: str) -> str:
        return _words(self.by_id(element_id))

    def alert(self, element_id: str) -> tuple[str, str]:
        """The kind of the alert `element_id` (succès, attention, erreur, information) and its heading."""
        element = self.by_id(element_id)
        kinds = [kind for css, kind in ALERT_KINDS.items() if css in element.get("class", "").split()]
        assert len(kinds) == 1, f"#{element_id} n'est pas une alerte d'un seul type"
        heading = next((e for e in element.iter(etree.Element) if e.tag in ("h2", "h3", "h4")), None)
        return kinds[0], _words(heading) if heading is not None else ""

    def links(self, within: str | None = None) -> dict[str, str]:
        """Each link's accessible name (its text, hidden words for screen readers included) and address."""
        scope = self.by_id(within) if within else self.root
        return {_words(a): a.get("href") for a in scope.iter("a") if a.get("href") is not None}

    def primary_actions(self) -> list[str]:
        """The names of the main content's primary buttons (a link or a button drawn as one, neither secondary nor
        tertiary): a page offers one at most."""
        return [_words(e) for e in self.main.iter(etree.Element) if e.tag in ("a", "button") and _is_primary(e.get("class", ""))]

    def badges(self, within: str | None = None) -> list[tuple[str, str]]:
        """Each badge's words and its kind (succès, attention, erreur, information, or '' when it has no colour)."""
        scope = self.by_id(within) if within else self.main
        found = []
        for element in scope.iter(etree.Element):
            classes = element.get("class", "").split()
            if "fr-badge" in classes:
                kind = next((k for css, k in ALERT_KINDS.items() if css.replace("alert", "badge") in classes), "")
                found.append((_words(element), kind))
        return found

    def folded(self, within: str | None = None) -> list[str]:
        """The titles of the folded sections (accordions closed until opened)."""
        scope = self.by_id(within) if within else self.main
        return [_words(b) for b in scope.iter("button") if b.get("aria-expanded") == "false"
                and b.get("aria-controls")]


def _is_primary(classes: str) -> bool:
    names = classes.split()
    return "fr-btn" in names and not {"fr-btn--secondary", "fr-btn--tertiary"} & set(names)
