"""Acting on the wizard's pages as a person does: clicking the visible labels and buttons."""
from __future__ import annotations

from typing import Any, Mapping

from playwright.sync_api import Page


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
