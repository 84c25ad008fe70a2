"""The result page printed from Chromium ("Imprimer ce résultat"): no blank page, and it says when, by which rules
and where the tool is."""
import io
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from browser.wizard_pages import put_draft
from answers import TYPICAL
from report.conftest import INELIGIBLE
from checked_app import DURING_THE_CALL
from wizard.core.words import french_date


@pytest.mark.parametrize("name, answers", [("a-confirmer", TYPICAL), ("non-eligible", INELIGIBLE)])
def test_the_printed_result_has_no_blank_page_and_says_its_date_rules_and_address(page, base_url, name, answers):
    put_draft(page, base_url, answers, then="/resultat")
    expect(page.get_by_role("button", name="Imprimer ce résultat")).to_be_visible()  # once print.js has run
    expect(page.locator(".eig-printed")).to_be_hidden()  # on paper only
    page.emulate_media(media="print")
    printed = page.pdf(format="A4", prefer_css_page_size=True)
    if os.environ.get("SCREENSHOTS_DIR"):
        Path(os.environ["SCREENSHOTS_DIR"]).mkdir(parents=True, exist_ok=True)
        (Path(os.environ["SCREENSHOTS_DIR"]) / f"resultat-imprime-{name}.pdf").write_bytes(printed)
    pages = [" ".join(page_.extract_text().split()) for page_ in PdfReader(io.BytesIO(printed)).pages]
    assert all(len(text) > 200 for text in pages), [len(text) for text in pages]  # no blank (or near blank) page
    text = " ".join(pages)
    assert f"Résultat imprimé le {french_date(DURING_THE_CALL)}" in pages[0]  # the day the app is set to (EIG_TODAY)
    assert "calculé avec les règles de la 7e promotion, version du 1er janvier 2024 (eig7-2024.1)" in pages[0]
    assert f"EIG : {base_url}/" in pages[0]  # the address (a reader may hyphenate "Auto-évaluation")
    assert "Imprimer ce résultat" not in text and "Modifier mes réponses" not in text
