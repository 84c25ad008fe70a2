"""Reading pages as a browser would: forms, their CSRF tokens, and what a person sees."""
from __future__ import annotations

import html5lib


def form_fields(html: str, action: str) -> dict[str, str]:
    """The hidden fields (CSRF token included) of the page's form posting to `action`."""
    root = html5lib.parse(html, namespaceHTMLElements=False)
    for form in root.iter("form"):
        if form.get("action", "").split("?")[0] == action:
            return {i.get("name"): i.get("value", "") for i in form.iter("input") if i.get("type") == "hidden"}
    raise AssertionError(f"aucun formulaire vers {action}")


def text(html: str) -> str:
    """The page's visible text, spaces collapsed."""
    root = html5lib.parse(html, namespaceHTMLElements=False)
    body = root.find("body")
    return " ".join("".join(body.itertext()).split())


def post_form(client, page_url: str, target: str, **data):
    """GET `page_url`, then post its form whose action is `target`, with its hidden fields and `data`."""
    page = client.get(page_url)
    return client.post(target, data={**form_fields(page.get_data(as_text=True), target), **data})
