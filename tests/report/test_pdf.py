"""The report's PDF, read back as a reader would: its text, its metadata, its pages, its QR code."""
import io

import pypdfium2
import pytest
import zxingcpp
from pypdf import PdfReader

from answers import DOSSIER, HOSTILE_TEXTS, TYPICAL
from report.conftest import page_count, pdf_text
from wizard.paths import STATIC_DIR
from wizard.report.pdf import report_document, report_pdf
from wizard.report.pdf_layout import FONTS_DIR, OwnFilesFetcher

DOSSIER_URL = "https://www.demarches-simplifiees.fr/commencer/aap-eig7"


def test_the_pdf_says_the_verdict_date_and_rules_version(typical_pdf, rules):
    text = pdf_text(typical_pdf)
    assert rules.messages["verdicts"]["to_confirm"]["title"] in text
    assert "Établi le 6 mai 2024" in text
    assert f"Version des règles {rules.version}" in text
    assert "59,3 %" in text and "16 points sur 27 : Candidature à consolider." in text
    assert "Ce résultat est une auto-évaluation indicative." in text


def test_the_pdf_gives_every_criterion_with_its_level(typical_pdf, make_report):
    text = pdf_text(typical_pdf)
    for stake in make_report(TYPICAL)["view"]["stakes"]:
        for criterion in stake["criteria"]:
            assert f"{criterion['label']} {criterion['level_label']}" in text, criterion["label"]


def test_the_pdf_gives_each_drafted_dossier_section(full_dossier_pdf, rules):
    text = pdf_text(full_dossier_pdf)
    for section in rules.programme.dossier_sections:
        assert f"{section.title} {len(section.items)} éléments rédigés sur {len(section.items)}" in text
    for answer in DOSSIER.values():
        assert " ".join(answer.split()) in text


def test_the_pdf_carries_title_author_and_date(typical_pdf):
    metadata = PdfReader(io.BytesIO(typical_pdf)).metadata
    assert metadata.title == ("Récapitulatif de l’auto-évaluation EIG – "
                              "Direction interministérielle du numérique (DINUM)")
    assert metadata.author == "Programme EIG – auto-évaluation"
    assert metadata["/CreationDate"].startswith("D:20240506")


def test_the_pdf_is_set_in_marianne(typical_pdf):
    reader = PdfReader(io.BytesIO(typical_pdf))
    fonts = {font["/BaseFont"].split("+")[-1] for page in reader.pages
             for font in page["/Resources"]["/Font"].values()}
    assert fonts == {"Marianne", "Marianne-Medium", "Marianne-Bold"}, fonts


def test_a_typical_assessment_fits_on_two_pages_a_full_dossier_draft_on_four(typical_pdf, full_dossier_pdf):
    assert page_count(typical_pdf) <= 2
    assert page_count(full_dossier_pdf) <= 4
    width, height = PdfReader(io.BytesIO(typical_pdf)).pages[0].mediabox.upper_right
    assert (round(float(width) * 25.4 / 72), round(float(height) * 25.4 / 72)) == (210, 297)  # A4, in mm


def test_every_dossier_field_drafted_to_its_limit_still_fits_on_four_pages(make_report, rules):
    limits = {question.id: "adresse@exemple.gouv.fr" if question.kind == "email"
              else ("Texte rédigé. " * 200)[:question.max_length]
              for question in rules.questions.values() if question.id.startswith("dossier_")}
    assert page_count(report_pdf(make_report({**TYPICAL, **limits}))) <= 4


def test_the_qr_code_decodes_to_the_dossier_url(full_dossier_pdf):
    pages = pypdfium2.PdfDocument(full_dossier_pdf)
    images = [pages[number].render(scale=200 / 72).to_pil() for number in range(len(pages))]
    assert [code.text for image in images for code in zxingcpp.read_barcodes(image)] == [DOSSIER_URL]


def test_free_text_is_printed_as_typed_never_interpreted(make_report):
    text = pdf_text(report_pdf(make_report({**TYPICAL, **HOSTILE_TEXTS})))
    for typed in HOSTILE_TEXTS.values():
        assert typed in text


def test_free_text_is_escaped_in_the_pdf_document(make_report):
    document = report_document(make_report({**TYPICAL, **HOSTILE_TEXTS}))
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in document
    assert "&lt;b&gt;html en gras&lt;/b&gt; &amp; &lt;a href=&#34;https://exemple.fr&#34;&gt;" in document
    assert "<script" not in document and "<b>" not in document


def test_weasyprint_fetches_only_our_own_files():
    fetcher = OwnFilesFetcher()
    assert fetcher.fetch((FONTS_DIR / "Marianne-Bold.woff2").as_uri()).read()[:4] == b"\x00\x01\x00\x00"  # as TrueType
    assert b".eig-report" in fetcher.fetch((STATIC_DIR / "css" / "report.css").as_uri()).read()
    for refused in ("https://www.demarches-simplifiees.fr/", "http://127.0.0.1:5000/static/css/report.css",
                    "file:///etc/passwd", (STATIC_DIR / ".." / "wizard" / "pdf.py").as_uri(), "data:text/css,p{}"):
        with pytest.raises(ValueError, match="ressource refusée"):
            fetcher.fetch(refused)



def test_the_pdf_says_how_the_score_was_computed(typical_pdf, make_report):
    text = pdf_text(typical_pdf)
    assert "Comment ce score est calculé" in text
    explanation = make_report(TYPICAL)["view"]["score"]["method"]["explanation"]
    assert " ".join(explanation.split()) in text  # its no-break spaces collapsed, as the reading does
    assert "sans point bloquant" in text and "la lecture de cet outil, pas celle du jury" in text
    for criterion in make_report(TYPICAL)["view"]["stakes"][0]["criteria"]:
        assert f"{criterion['level_label']} · {criterion['points']} point" in text
