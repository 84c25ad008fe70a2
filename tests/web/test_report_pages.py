"""The report of the current answers on the site: /rapport (the printable page) and /rapport.pdf."""
import re
from markupsafe import escape

from answers import DOSSIER, HOSTILE_TEXTS, TYPICAL
from checked_app import DURING_THE_CALL
from report.conftest import pdf_text
from web.journey import submit_step, walk


def answered(client, answers=TYPICAL):
    response = walk(client, answers)
    assert response.headers["Location"] == "/verification"
    return client


def test_without_answers_the_report_sends_to_the_first_step(client):
    for url in ("/rapport", "/rapport.pdf"):
        response = client.get(url)
        assert response.status_code == 303 and response.headers["Location"] == "/etapes/administration"
    assert "reprenez l’auto-évaluation à cette étape" in client.get("/etapes/administration").get_data(as_text=True)


def test_the_report_page_shows_the_whole_report(client, rules):
    response = answered(client).get("/rapport")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    html = response.get_data(as_text=True)
    assert "<h1>Récapitulatif de l’auto-évaluation EIG</h1>" in html
    assert escape(rules.messages["verdicts"]["to_confirm"]["title"]) in html
    assert f"<time datetime=\"{DURING_THE_CALL.isoformat()}\">" in html  # the app's today (tests fix it)
    assert rules.version in html and 'class="eig-chart"' in html and 'class="eig-qr"' in html
    assert response.page.primary_actions() == ["Télécharger le PDF"]
    assert response.page.links()["Télécharger le PDF"] == "/rapport.pdf"
    assert 'href="/faq#quels-sont-les-criteres-d-evaluation"' in html
    assert "demarches-simplifees" not in html  # the FAQ's misspelt address, never shown


def test_the_pdf_is_downloaded_under_the_administrations_name_and_the_date(client, rules):
    response = answered(client).get("/rapport.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    today = DURING_THE_CALL.isoformat()  # the app's today (tests fix it)
    assert response.headers["Content-Disposition"] == (
        f"attachment; filename=auto-evaluation-eig-direction-interministerielle-du-numerique-dinum-{today}.pdf")
    assert response.headers["Cache-Control"] == "no-store"
    text = pdf_text(response.data)
    assert rules.messages["verdicts"]["to_confirm"]["title"] in text
    assert "FAQ : Quels sont les critères d'évaluation ?" in text


def test_an_early_ineligible_verdict_has_its_report(client):
    response = submit_step(client, "/etapes/administration", {**TYPICAL, "administration_type": "collectivite_territoriale"})
    assert response.headers["Location"] == "/resultat"
    html = client.get("/rapport").get_data(as_text=True)
    assert escape("Votre projet n'est pas éligible en l'état") in html
    assert "Non renseigné</dd>" in html  # the product, not asked yet


def test_a_verdict_still_to_come_has_no_report(client):
    submit_step(client, "/etapes/administration", TYPICAL)
    response = client.get("/rapport")
    assert response.status_code == 303 and response.headers["Location"] == "/etapes/produit"


def test_the_dossier_drafts_written_in_the_wizard_fill_the_checklist(client):
    html = answered(client, {**TYPICAL, **DOSSIER}).get("/rapport").get_data(as_text=True)
    assert html.count("Rédigé</span>") == 19
    assert "À préparer</span>" not in html
    assert "camille.martin@education.gouv.fr" in html


def test_free_text_is_escaped_in_the_page(client):
    html = answered(client, {**TYPICAL, **HOSTILE_TEXTS}).get("/rapport").get_data(as_text=True)
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt; fin du texte" in html
    assert "**gras en markdown** et _italique_" in html and "<strong>gras" not in html
    assert "&lt;b&gt;html en gras&lt;/b&gt; &amp; &lt;a href=&#34;https://exemple.fr&#34;&gt;lien&lt;/a&gt;" in html
    assert not re.search(r"<script>alert|<b>html|href=\"https://exemple.fr\"", html)


def test_free_text_is_plain_text_in_the_downloaded_pdf(client):
    text = pdf_text(answered(client, {**TYPICAL, **HOSTILE_TEXTS}).get("/rapport.pdf").data)
    for typed in HOSTILE_TEXTS.values():
        assert typed in text
