"""Fill in the wizard's real forms with the test client, as a browser would: read the page's form (its
action, its hidden fields, CSRF token included), set the fields, post it."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from collections.abc import Mapping

from pages import tree


@dataclass
class PageForm:
    action: str
    hidden: dict[str, str]
    fields: frozenset[str]  # names of the fields a person can fill in


# The step's own form: not the small "Recommencer" one, nor the product search (a GET), nor the choices
# beta.gouv.fr's records offer.
_STEP_ACTION = re.compile(r"/etapes/[\w-]+($|\?)")


def step_form(html: str) -> PageForm:
    """The questionnaire's form: its action, hidden fields, and the fields a person can fill in (not disabled, nor
    in a hidden block: follow-ups not asked yet)."""
    forms = [form for form in tree(html).iter("form")
             if form.get("method") == "post" and _STEP_ACTION.match(form.get("action") or "")]
    assert forms, "pas de formulaire d'étape sur la page"
    form = PageForm(forms[-1].get("action"), {}, frozenset())
    for field in forms[-1].xpath(".//input[@name] | .//textarea[@name]"):
        if field.get("disabled") is not None or field.xpath("ancestor::div[@hidden]"):
            continue
        if field.get("type") == "hidden":
            form.hidden[field.get("name")] = field.get("value") or ""
        else:
            form.fields = form.fields | {field.get("name")}
    return form


def as_posted(value: Any) -> Any:
    """An answer as a form posts it: booleans as oui / non, levels as text, lists as they are."""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int):
        return str(value)
    return value


def submit_step(client, url: str, answers: Mapping[str, Any], button: str | None = None, **extra):
    """GET the step at `url`, fill in its fields from `answers`, post it; return the POST's response."""
    return _post_step(client, _step_at(client, url), answers, button, **extra)


def _step_at(client, url: str) -> PageForm:
    page = client.get(url)
    assert page.status_code == 200, f"{url} : {page.status_code} {page.headers.get('Location')}"
    return step_form(page.get_data(as_text=True))


def _post_step(client, form: PageForm, answers: Mapping[str, Any], button: str | None = None, **extra):
    data = {**form.hidden, **{name: as_posted(value) for name, value in answers.items() if name in form.fields}}
    if button:
        data["action"] = button
    return client.post(form.action, data={**data, **extra})


def walk(client, answers: Mapping[str, Any], start: str = "/etapes/administration", limit: int = 20):
    """Answer each step the wizard shows, in its order, until it leaves the steps; return the last response.

    An early verdict is passed by its link to go on; the criteria step is skipped when `answers` has none
    of its fields."""
    url = start
    for _ in range(limit):
        form = _step_at(client, url)  # read once: the step's fields tell whether to skip it, then it is posted
        skip = "passer" if "probleme_avere" in form.fields and not form.fields & set(answers) else None
        response = _post_step(client, form, answers, button=skip)
        assert response.status_code == 303, _errors_of(response)
        url = response.headers["Location"]
        if url == "/resultat":  # an early verdict: go on, as the page offers
            url = _continue_link(client.get(url).get_data(as_text=True)) or url
        if not url.startswith("/etapes/"):
            return response
    raise AssertionError("le parcours ne se termine pas")


def _continue_link(html: str) -> str | None:
    match = re.search(r'href="(/etapes/[^"]+)">poursuivre', html)
    return match.group(1) if match else None


def _errors_of(response) -> str:
    return " | ".join(re.findall(r'<p class="fr-message fr-message--error"[^>]*>(.*?)</p>', response.get_data(as_text=True)))
