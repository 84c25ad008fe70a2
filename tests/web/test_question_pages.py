"""The question pages: follow-ups on the page from the start (hidden, from the rules' `when`), optional fields
said so, each step's FAQ link, the criteria's stakes numbered, and a skipped step as one line on the check page."""
import json
import re
from html import unescape

from answers import ELIGIBLE, WITHOUT_CRITERIA
from web.journey import step_form, submit_step, walk
from wizard.core import flow


def html_of(client, url) -> str:
    return client.get(url).get_data(as_text=True)


def follow_up_blocks(html: str) -> dict[str, tuple[dict, bool]]:
    """Each block of follow-ups by its id: (the answers it follows, hidden)."""
    return {match["id"]: (json.loads(unescape(match["when"])), bool(match["hidden"]))
            for match in re.finditer(r'<div class="eig-follow-ups" id="(?P<id>[^"]+)" data-eig-when=\'(?P<when>[^\']+)\''
                                     r'(?P<hidden> hidden)?>', html)}


def test_the_follow_ups_are_on_the_page_hidden_with_the_answers_they_follow_from_the_rules(client, rules):
    submit_step(client, "/etapes/administration", ELIGIBLE)
    submit_step(client, "/etapes/produit", ELIGIBLE)
    blocks = follow_up_blocks(html_of(client, "/etapes/mission"))
    expected = {}
    for question in rules.step_questions(flow.find_step(rules, "mission")):
        if question.when:
            expected.setdefault(question.when, question.id)
    assert blocks == {f"{first}-complement": (dict(when), True) for when, first in expected.items()}
    assert blocks["investigation_probleme_qualifie-complement"][0] == {"mission_case": "lancer_produit"}
    # A boolean's value as the form posts it.
    assert follow_up_blocks(html_of(client, "/etapes/produit")) == {
        "beta_page_url-complement": ({"beta_page_published": "oui"}, False)}


def test_follow_ups_revealed_in_place_are_answered_with_their_step(client):
    submit_step(client, "/etapes/administration", ELIGIBLE)
    submit_step(client, "/etapes/produit", ELIGIBLE)
    conditions = {"pilotage_par_impact": "oui", "transparence_resultats": "oui", "code_source_ouvert": "en_cours"}
    response = submit_step(client, "/etapes/mission", {"mission_case": "internaliser_pilotage"},
                           **conditions, revelee=list(conditions))
    assert response.headers["Location"] == "/etapes/criteres"  # no second showing of the step
    mission = html_of(client, "/etapes/mission")
    assert 'value="en_cours" checked' in mission
    assert follow_up_blocks(mission)["pilotage_par_impact-complement"][1] is False


def test_a_blank_follow_up_revealed_in_place_is_an_error_at_its_field(client):
    submit_step(client, "/etapes/administration", ELIGIBLE)
    submit_step(client, "/etapes/produit", ELIGIBLE)
    response = submit_step(client, "/etapes/mission", {"mission_case": "internaliser_pilotage"},
                           pilotage_par_impact="oui", revelee=["pilotage_par_impact", "transparence_resultats",
                                                               "code_source_ouvert"])
    assert response.status_code == 200
    assert "Le formulaire contient 2 erreurs" in response.get_data(as_text=True)


def test_an_optional_follow_up_revealed_in_place_may_stay_blank(client):
    submit_step(client, "/etapes/administration", ELIGIBLE)
    response = submit_step(client, "/etapes/produit", {"beta_page_published": True, "phase": "construction"},
                           beta_page_url="", revelee="beta_page_url")
    assert response.headers["Location"] == "/etapes/mission"


def test_without_javascript_the_step_is_shown_again_with_the_notice_above_the_follow_ups(client, rules):
    submit_step(client, "/etapes/administration", ELIGIBLE)
    response = submit_step(client, "/etapes/produit", {"beta_page_published": True, "phase": "construction"})
    assert response.headers["Location"] == "/etapes/produit#beta_page_url-complement"
    page = html_of(client, "/etapes/produit")
    block = page[page.index('id="beta_page_url-complement"'):]
    notice = rules.messages["notices"]["questions_revealed"]
    assert block.index(notice) < block.index('id="beta_page_url"')  # in view where the anchor lands
    assert '<div class="fr-alert fr-alert--info fr-alert--sm fr-mb-3w" data-eig-notice>' in block
    assert "beta_page_url" in step_form(page).fields
    # Once: shown again later, the notice is hidden.
    assert 'data-eig-notice hidden' in html_of(client, "/etapes/produit")


def test_the_optional_fields_say_facultatif_from_the_catalogue(client, rules):
    word = rules.messages["steps"]["optional"]
    walk(client, WITHOUT_CRITERIA)
    marked = set()
    for step in rules.steps:
        page = unescape(html_of(client, f"/etapes/{step.id}"))
        for question in rules.step_questions(step):
            if f"{question.label} {word}" in page:
                marked.add(question.id)
    optional = {q.id for step in rules.steps if not step.optional for q in rules.step_questions(step) if not q.required}
    assert marked == optional
    assert {"administration_name", "product_name", "beta_page_url", "profils"} <= marked
    # The dossier step says it is optional as a whole, once, in its introduction.
    assert not any(question.id.startswith("dossier_") for question in rules.questions.values() if question.id in marked)


def test_each_step_links_to_its_faq_entry_and_each_link_lands_on_an_anchor(client, rules):
    faq = html_of(client, "/faq")
    walk(client, WITHOUT_CRITERIA)
    for step in rules.steps:
        page = html_of(client, f"/etapes/{step.id}")
        # The commitments are the règlement's (3.4), not the FAQ's: the step links the règlement instead.
        assert step.faq or (step.checklist and 'href="/static/docs/eig-7-reglement-provisoire.' in page), step.id
        for slug in step.faq:
            assert f'href="/faq#{slug}"' in page, step.id
            assert f'id="{slug}"' in faq


def test_the_criteria_step_numbers_its_stakes_and_lists_them(client, rules):
    walk(client, WITHOUT_CRITERIA)
    page = unescape(html_of(client, "/etapes/criteres"))
    total = len(rules.stakes)
    assert "Les enjeux de cette étape" in page
    for number, stake in enumerate(rules.stakes, start=1):
        assert f'<a class="fr-summary__link" href="#enjeu-{number}">{stake.label}</a>' in page
        assert f'id="enjeu-{number}"><span class="eig-stake-state">Enjeu {number} sur {total}</span>' in page
    assert '<h1 class="fr-stepper__title fr-h3">' in page


def test_a_skipped_step_is_one_line_with_its_change_link(client, rules):
    walk(client, WITHOUT_CRITERIA)  # the criteria passed, the commitments and the dossier left blank
    page = unescape(html_of(client, "/verification"))
    skipped = rules.messages["steps"]["skipped"]
    assert page.count(f'<dt class="eig-summary__key">{skipped}</dt>') == 3
    dossier = page[page.index(">Préparer mon dossier</h2>"):page.index(">Et maintenant</h2>")]
    assert "Non renseigné" not in dossier
    assert 'href="/etapes/dossier?retour=verification">Modifier<span class="fr-sr-only"> Préparer mon dossier</span>' in dossier
    criteria = page[page.index(">Les neuf critères d’évaluation</h2>"):]
    assert criteria.index(skipped) < criteria.index(rules.messages["criteria"]["not_assessed"])


def test_a_step_with_one_answer_lists_its_rows(client, rules):
    walk(client, {**WITHOUT_CRITERIA, "dossier_probleme": "Les stages sont difficiles à trouver."})
    page = unescape(html_of(client, "/verification"))
    dossier = page[page.index(">Préparer mon dossier</h2>"):page.index(">Et maintenant</h2>")]
    assert "Les stages sont difficiles à trouver." in dossier
    assert dossier.count("Non renseigné") == 15
    assert rules.messages["steps"]["skipped"] not in dossier
