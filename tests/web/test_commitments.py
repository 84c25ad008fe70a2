"""The partner administration's commitments (règlement provisoire, 3.4): a checklist step, never a condition,
shown on the result and in the report and its PDF with its source."""
from markupsafe import escape

from report.conftest import pdf_text
from answers import ELIGIBLE
from web.journey import walk

COMMITMENTS = {"engagement_budget": "prevu", "engagement_sponsor": "prevu", "engagement_rattachement": "a_organiser",
               "engagement_integration": "a_organiser", "engagement_teletravail": "prevu", "engagement_probation": "a_organiser"}


def test_the_step_asks_each_commitment_prevu_or_a_organiser(client, rules):
    walk(client, ELIGIBLE)
    html = client.get("/etapes/engagements").get_data(as_text=True)
    for question in rules.checklist():
        assert escape(question.label) in html and f'name="{question.id}" value="prevu"' in html
        assert f'name="{question.id}" value="a_organiser"' in html
    assert len(rules.checklist()) == 6


def test_commitments_never_change_the_verdict(client):
    walk(client, {**ELIGIBLE, **{key: "a_organiser" for key in COMMITMENTS}})
    html = client.get("/resultat").get_data(as_text=True)
    assert "Votre projet est éligible au programme EIG" in html


def test_the_result_and_the_report_list_each_commitment_with_its_answer_and_source(client, rules):
    walk(client, {**ELIGIBLE, **COMMITMENTS})
    result, report = (client.get(url).get_data(as_text=True) for url in ("/resultat", "/rapport"))
    for html in (result, report):
        assert "Les engagements de l" in html and "administration partenaire" in html
        for question in rules.checklist():
            assert escape(question.label) in html and escape(question.source) in html
    assert result.count(">Prévu</p>") == 3 and result.count(">À organiser</p>") == 3
    text = pdf_text(client.get("/rapport.pdf").data)
    assert "Les engagements de l’administration partenaire" in text
    assert "Règlement provisoire, 3.4 b" in text and "Règlement provisoire, 3.4 d" in text
    assert "Une probation de 2 mois" in text and "À ORGANISER" in text.upper() and "PRÉVU" in text.upper()


def test_unanswered_commitments_show_as_still_to_prepare(client):
    walk(client, ELIGIBLE)
    assert client.get("/resultat").get_data(as_text=True).count(">Non renseigné</p>") == 6
    assert "Les engagements de l" not in pdf_text(client.get("/rapport.pdf").data)  # the page lists them; paper is short
