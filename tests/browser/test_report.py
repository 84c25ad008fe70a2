"""The report page in Chromium: accessible, printed on A4 without the site around it, its PDF downloaded."""
import io
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from browser.wizard_pages import put_draft
from answers import DOSSIER, TYPICAL


@pytest.fixture(scope="module")
def answered_cookies(browser, base_url):
    """The flow walked once for the module (these tests only read the report): its draft's cookies."""
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    put_draft(page, base_url, {**TYPICAL, **DOSSIER})
    cookies = context.cookies()
    context.close()
    return cookies


@pytest.fixture
def report_page(page, base_url, answered_cookies):
    page.context.add_cookies(answered_cookies)
    page.goto(base_url + "/rapport")
    expect(page.locator("h1")).to_have_text("Récapitulatif de l’auto-évaluation EIG")
    return page


@pytest.mark.parametrize("width", [1280, 390])
def test_the_report_page_is_accessible(report_page, width, assert_no_axe_violations, screenshot):
    report_page.set_viewport_size({"width": width, "height": 900})
    screenshot(report_page, f"rapport-{width}")
    assert_no_axe_violations(report_page)


def test_printing_shows_the_report_alone_on_a4_pages(report_page):
    expect(report_page.get_by_role("button", name="Imprimer")).to_be_visible()  # once print.js has run
    report_page.emulate_media(media="print")
    for hidden in (".fr-skiplinks", ".fr-header__tools", ".fr-footer", ".fr-btns-group", ".eig-no-print"):
        expect(report_page.locator(hidden).first).to_be_hidden()
    expect(report_page.locator(".eig-chart")).to_be_visible()
    printed = report_page.pdf(prefer_css_page_size=True)
    if os.environ.get("SCREENSHOTS_DIR"):
        Path(os.environ["SCREENSHOTS_DIR"]).mkdir(parents=True, exist_ok=True)
        (Path(os.environ["SCREENSHOTS_DIR"]) / "rapport-imprime.pdf").write_bytes(printed)
    pages = PdfReader(io.BytesIO(printed)).pages
    width, height = pages[0].mediabox.upper_right
    assert (round(float(width) * 25.4 / 72), round(float(height) * 25.4 / 72)) == (210, 297)
    assert len(pages) <= 5
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "Télécharger le PDF" not in text and "Retour au résultat" not in text
    assert "Camille Martin, directrice du numérique pour l'éducation" in text


def test_the_pdf_link_downloads_the_report(report_page):
    with report_page.expect_download() as download:
        report_page.get_by_role("link", name="Télécharger le PDF").click()
    assert download.value.suggested_filename.startswith("auto-evaluation-eig-direction-interministerielle-du-numerique")
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")


def test_without_javascript_the_print_button_stays_hidden(page_no_js, base_url, report_page):
    page_no_js.context.add_cookies(report_page.context.cookies())
    page_no_js.goto(base_url + "/rapport")
    expect(page_no_js.get_by_role("link", name="Télécharger le PDF")).to_be_visible()
    expect(page_no_js.get_by_role("button", name="Imprimer")).to_be_hidden()
