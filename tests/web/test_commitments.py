"""The partner administration's commitments (règlement provisoire, 3.4): a checklist step, never a condition,
shown on the result and in the report and its PDF with its source."""
from markupsafe import escape

from report.conftest import pdf_text
from answers import ELIGIBLE, INELIGIBLE
from web.journey import walk

COMMITMENTS = {"engagement_budget": "prevu", "engagement_sponsor": "prevu", "engagement_rattachement": "a_organiser",
               "engagement_integration": "a_organiser", "engagement_teletravail": "prevu", "engagement_probation": "a_organiser"}


def test_the_step_asks_each_commitment_prevu_or_a_organiser(client, rules):
    walk(client, ELIGIBLE)
    html = client.get("/etapes/engagements").get_data(as_text=True)
    for question in rules.checklist():
        assert escape(question.label) in html and f'name="{question.id}" value="prevu"' in html
        assert f'name="{question.id}" value="a_organiser"' in html
    # What the règlement's 3.4 lists, in its order, under the sub-section each item cites (b, c, d).
    assert [(question.id.removeprefix("engagement_"), question.source.removeprefix("Règlement provisoire, 3.4 "))
            for question in rules.checklist()] == [
        ("budget", "b"), ("pilotage", "b"), ("sponsor", "b"), ("rattachement", "c"), ("integration", "c"),
        ("locaux", "c"), ("restauration", "c"), ("teletravail", "c"), ("incubateur", "c"), ("probation", "d"),
        ("comites", "d")]
    for sub_section in "bcd":
        heading = html.index(f"Règlement provisoire, 3.4 {sub_section}</h2>")
        first = next(q for q in rules.checklist() if q.source.endswith(sub_section))
        assert heading < html.index(f'name="{first.id}"'), sub_section
    assert 'href="/static/docs/eig-7-reglement-provisoire.' in html and "comment-se-deroule-le-recrutement" not in html


def test_a_project_not_eligible_is_not_asked_nor_shown_the_commitments(client):
    walk(client, {**INELIGIBLE, **COMMITMENTS})
    assert client.get("/etapes/engagements").headers["Location"] == "/resultat"
    html = client.get("/resultat").get_data(as_text=True)
    assert "Les engagements de l’administration partenaire" not in html and "Règlement provisoire, 3.4" not in html


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
    assert client.get("/resultat").get_data(as_text=True).count(">Non renseigné</p>") == 11
    assert "Les engagements de l" not in pdf_text(client.get("/rapport.pdf").data)  # the page lists them; paper is short
