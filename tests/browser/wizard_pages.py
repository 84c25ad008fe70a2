"""Acting on the wizard's pages as a person does: clicking the visible labels and buttons."""
from __future__ import annotations

from typing import Any
from collections.abc import Mapping
from urllib.parse import urlencode

from playwright.sync_api import APIResponse, Page

from web.journey import walk


def choose(page: Page, name: str, value: Any) -> None:
    """Tick the radio or checkbox of `name` with `value`, by clicking its label (the DSFR draws the box there)."""
    value = {True: "oui", False: "non"}.get(value, value) if isinstance(value, bool) else str(value)
    option = page.locator(f"input[name='{name}'][value='{value}']")
    page.locator(f"label[for='{option.get_attribute('id')}']").click()


def fill_step(page: Page, answers: Mapping[str, Any]) -> None:
    """Answer every field of the current step that `answers` has a value for, in their order: a follow-up
    question counts once the answer before it has revealed it (hidden, a person cannot fill it in)."""
    for name, value in answers.items():
        field = page.locator(f"form[action^='/etapes/'] [name='{name}']").first
        if not field.count() or field.evaluate("element => Boolean(element.closest('[hidden]'))"):
            continue
        kind = field.get_attribute("type")
        if kind in ("radio", "checkbox"):
            for item in value if isinstance(value, list) else [value]:
                choose(page, name, item)
        else:
            field.fill(value)


def continue_(page: Page, label: str = "Continuer") -> None:
    page.get_by_role("button", name=label, exact=True).click()
    page.wait_for_load_state()


def answer_every_step(page: Page, answers: Mapping[str, Any]) -> None:
    """From the current step to the check page, passing an early verdict by its link to go on."""
    for _ in range(15):
        path = page.url.split("/", 3)[-1]
        if path.startswith("resultat"):
            page.get_by_role("link", name="poursuivre l’auto-évaluation").click()
            continue
        if not path.startswith("etapes/"):
            return
        fill_step(page, answers)
        skip = "/etapes/criteres" in page.url and not any(name in answers for name in ("probleme_avere", "sponsoring"))
        continue_(page, "Passer cette étape" if skip else "Continuer")
    raise AssertionError("le parcours ne se termine pas")


class _Response:
    """A Playwright response read as walk() reads the Flask test client's."""

    def __init__(self, response: APIResponse):
        self.status_code, self.headers, self._text = response.status, response.headers, response.text()
        if "location" in self.headers:
            self.headers = {**self.headers, "Location": self.headers["location"]}

    def get_data(self, as_text: bool = False) -> str:
        return self._text


class _ThroughTheBrowser:
    """The page's own HTTP client, which shares its cookies: what it answers is in the page's session."""

    def __init__(self, page: Page, base_url: str):
        self.request, self.base_url = page.context.request, base_url

    def get(self, url: str) -> _Response:
        return _Response(self.request.get(self.base_url + url, max_redirects=0))

    def post(self, url: str, data: Mapping[str, Any]) -> _Response:
        body = urlencode(data, doseq=True)  # a list of checked boxes, one pair each, as a browser posts them
        return _Response(self.request.post(self.base_url + url, data=body, max_redirects=0,
                                           headers={"Content-Type": "application/x-www-form-urlencoded"}))


def put_draft(page: Page, base_url: str, answers: Mapping[str, Any], then: str = "/verification") -> None:
    """Answer the wizard's real forms in the page's session, without drawing them, then open `then`: for the tests
    of one page, which the steps before it are not (tests/browser/test_journeys.py clicks through them)."""
    walk(_ThroughTheBrowser(page, base_url), answers)
    page.goto(base_url + then)
