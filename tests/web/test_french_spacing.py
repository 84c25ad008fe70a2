"""French punctuation spacing on the pages: the rules' questions and the templates' own text carry their no-break
spaces (the PDF's as well); what an agent typed is shown as typed; no tag or address is touched."""
import re

from markupsafe import escape

from answers import FULL_DOSSIER, TYPICAL
from checked_app import DURING_THE_CALL
from web.journey import submit_step, walk
from wizard.core.engine import applies, read_answers, result
from wizard.report.content import build_report
from wizard.report.pdf import report_document

N, NB = "\u202f", "\u00a0"
TYPED = "Stage ; essai ? « oui » : non !"


def text_nodes(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "\n", html).split("\n"))


def test_every_question_on_its_step_carries_its_no_break_space(client, rules):
    walk(client, TYPICAL)  # its typed answers hold no punctuation: every sign on the steps is the rules' or the templates'
    values, _ = read_answers(rules, TYPICAL)
    for step in rules.steps:
        html = client.get(f"/etapes/{step.id}").get_data(as_text=True)
        for question_id in step.questions:
            label = rules.questions[question_id].label
            if label.endswith("?") and applies(rules.questions[question_id], values):
                assert label.endswith(f"{N}?") and str(escape(label)) in html, (step.id, label)
        assert f"Étape suivante{NB}:" in html or step == rules.steps[-1], step.id  # the stepper macro's own text
        assert not re.search(r"[^\s][?;!][ \n]|[ \n][?;:!»]|«[ \n]", text_nodes(html)), step.id


def test_the_templates_literal_texts_and_the_faq_are_spaced_and_their_links_kept(client):
    restart = client.get("/recommencer").get_data(as_text=True)
    assert f"Recommencer à zéro{N}?" in restart  # a template's text
    faq = client.get("/faq").get_data(as_text=True)
    assert f"Quelles sont les administrations éligibles{N}?" in faq  # an entry's title
    assert f"Vous n’avez pas trouvé de réponse à votre question{N}?" in faq  # its Markdown, rendered
    assert 'href="mailto:eig@beta.gouv.fr"' in faq and not re.search(r'href="[^"]*[\u202f\u00a0]', faq)


def test_what_an_agent_typed_is_shown_as_typed(client):
    submit_step(client, "/etapes/administration", {"administration_name": TYPED, "administration_type": "administration_centrale"})
    html = client.get("/etapes/administration").get_data(as_text=True)
    assert f'value="{escape(TYPED)}"' in html
    walk(client, {**FULL_DOSSIER, "administration_name": TYPED})
    assert str(escape(TYPED)) in client.get("/verification").get_data(as_text=True)


def test_the_pdf_s_document_is_spaced_as_the_pages(client, rules):
    walk(client, FULL_DOSSIER)
    assert f"FAQ{NB}:" in client.get("/rapport").get_data(as_text=True)
    values, _ = read_answers(rules, {**FULL_DOSSIER, "administration_name": TYPED})
    document = report_document(build_report(rules, values, result(rules, values), DURING_THE_CALL))  # the PDF's own templates
    assert f"FAQ{NB}:" in document and f"Dans quelle phase est votre produit{N}?" in document
    assert str(escape(TYPED)) in document
