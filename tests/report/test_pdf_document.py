"""The report's PDF as a document people keep: tagged for assistive technologies, legible (8 pt at least), well
paginated, and following the verdict. Read back with pikepdf (structure) and pdfplumber (each character)."""
import io

import pikepdf
import pypdfium2
import pytest
import zxingcpp

from answers import TYPICAL
from report.conftest import page_count, pdf_text
from report.pdf_reading import characters, page_fills, structure_elements

DOSSIER_URL = "https://www.demarches-simplifiees.fr/commencer/aap-eig7"
REPORTS = ("typical_pdf", "full_dossier_pdf", "maximal_pdf", "ineligible_pdf")


def test_the_pdf_is_tagged_pdf_ua_in_french_with_its_title_shown(typical_pdf):
    pdf = pikepdf.open(io.BytesIO(typical_pdf))
    assert pdf.Root.MarkInfo.Marked is True and "/StructTreeRoot" in pdf.Root
    assert str(pdf.Root.Lang) == "fr"
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    assert str(pdf.docinfo.Title).startswith("Récapitulatif de l’auto-évaluation EIG")
    assert pdf.open_metadata().get("pdfuaid:part") == "1"


def test_headings_lists_and_tables_are_in_the_structure_tree(typical_pdf):
    kinds = [element["kind"] for element in structure_elements(typical_pdf)]
    assert kinds.count("H1") == 1 and kinds.count("H2") >= 5 and "H3" in kinds
    assert kinds.count("Table") >= 2 and "TH" in kinds and "TD" in kinds and "L" in kinds


def test_the_tables_have_header_cells_with_their_scope(typical_pdf):
    headers = [element for element in structure_elements(typical_pdf) if element["kind"] == "TH"]
    scopes = {header["scope"] for header in headers}
    assert len(headers) >= 20 and {"Column", "Row"} <= scopes, scopes


def test_the_chart_and_the_qr_code_are_figures_with_a_text_alternative(typical_pdf, make_report):
    figures = [element["alt"] for element in structure_elements(typical_pdf) if element["kind"] == "Figure"]
    assert len(figures) == 2 and all(figures), figures
    chart, qr = figures
    for stake in make_report(TYPICAL)["view"]["stakes"]:
        for criterion in stake["criteria"]:
            assert f"{criterion['label']}\xa0: {criterion['level_label']}" in chart
    assert "Autonomie et accès aux ressources\xa0: 0 – Pas encore (point bloquant)" in chart
    assert qr == f"Code QR du lien «\u202fDéposer un dossier sur Démarche numérique (anciennement Démarches simplifiées)\u202f»\xa0: {DOSSIER_URL}"


def test_the_footer_and_page_numbers_are_artifacts_and_all_else_is_tagged(typical_pdf):
    marked = {}
    for page, char in characters(typical_pdf):
        marked.setdefault((page, char.get("tag") == "Artifact"), []).append(char["text"])
    for page in range(page_count(typical_pdf)):
        assert "".join(marked[page, True]) == f"Programme EIG – auto-évaluation indicativePage {page + 1} sur 2"
        assert "Page" not in "".join(marked[page, False])[-30:]
    assert all(char.get("mcid") is not None for _, char in characters(typical_pdf) if char.get("tag") != "Artifact")


@pytest.mark.parametrize("report", REPORTS)
def test_no_text_is_under_8_points(report, request):
    small = {(char["text"], round(char["size"], 1)) for _, char in characters(request.getfixturevalue(report))
             if char["size"] < 7.99}
    assert not small, sorted(small)[:20]


@pytest.mark.parametrize("report, pages", [("typical_pdf", 2), ("full_dossier_pdf", 3), ("maximal_pdf", 4),
                                           ("ineligible_pdf", 2)])
def test_the_reports_keep_their_page_counts_with_no_page_under_a_third_full_but_the_last(report, pages, request):
    fills = page_fills(request.getfixturevalue(report))
    assert len(fills) <= pages
    assert all(fill >= 1 / 3 for fill in fills[:-1]), fills


def test_a_not_eligible_report_has_no_dossier_link_qr_code_nor_dossier_sections(ineligible_pdf, rules):
    text = pdf_text(ineligible_pdf)
    assert rules.messages["verdicts"]["ineligible"]["title"] in text
    assert "demarches-simplifiees.fr" not in text and rules.programme.dossier_label not in text
    assert "Votre dossier de candidature" not in text and "éléments rédigés" not in text
    pages = pypdfium2.PdfDocument(ineligible_pdf)
    images = [pages[number].render(scale=200 / 72).to_pil() for number in range(len(pages))]
    assert [code.text for image in images for code in zxingcpp.read_barcodes(image)] == []
    assert not [element for element in structure_elements(ineligible_pdf)
                if element["kind"] == "Figure" and "Code QR" in element["alt"]]


def test_a_report_to_confirm_gives_the_programme_teams_contact_first(typical_pdf, rules):
    text = pdf_text(typical_pdf)
    contact = "D’abord, faites confirmer votre éligibilité : Équipe du programme EIG : eig@beta.gouv.fr"
    assert contact in text
    next_steps = text.index("Prochaines étapes")
    assert next_steps < text.index(contact) < text.index(rules.programme.dossier_label)
    assert "Une question ?" not in text
