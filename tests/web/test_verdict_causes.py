"""One wording per cause: what an "à confirmer" verdict means and what to do next depend on why."""
from markupsafe import escape

from answers import ELIGIBLE, INELIGIBLE, TO_CONFIRM
from web.journey import walk

CONDITION_IN_PROGRESS = {**ELIGIBLE, "code_source_ouvert": "en_cours"}


def result_of(client, answers):
    walk(client, answers)
    return client.get("/resultat").get_data(as_text=True)


def test_a_body_the_faq_does_not_name_is_to_confirm_because_the_faq_is_silent(client):
    html = result_of(client, TO_CONFIRM)
    assert escape("et ne cite pas votre type d’organisme") in html
    assert "La FAQ est claire" not in html and "trancher" not in html


def test_a_condition_in_progress_is_to_confirm_because_it_must_be_met(client):
    html = result_of(client, CONDITION_IN_PROGRESS)
    assert escape("La FAQ est claire\xa0: ces conditions doivent être réunies") in html
    assert escape("La FAQ ne cite pas") not in html and "trancher" not in html


def test_a_collectivite_is_not_told_to_lift_what_it_cannot(client):
    html = result_of(client, INELIGIBLE)
    assert escape("Votre organisme ne peut pas candidater lui-même") in html
    assert "Levez" not in html and "ci-dessus" not in html and "refaites cette auto-évaluation" not in html


def test_an_unpublished_product_page_is_told_to_publish_it(client):
    walk(client, {**ELIGIBLE, "beta_page_published": False})
    html = client.get("/resultat").get_data(as_text=True)
    assert escape("Publiez la fiche produit de votre service sur beta.gouv.fr") in html
    assert escape("Votre organisme ne peut pas candidater") not in html


def test_no_page_states_a_jury_cadence_without_both_sources(client, rules):
    both = escape(rules.programme.sources_differ["jury_cadence"].text)
    assert "«\u202fau moins une fois par mois\u202f» pour la FAQ" in both and "cet outil suit le règlement" in both
    for answers in (ELIGIBLE, TO_CONFIRM):
        walk(client, answers)
        for url in ("/", "/resultat", "/rapport"):
            html = client.get(url).get_data(as_text=True)
            if "une fois par mois" in html or "tous les deux mois" in html:
                assert both in html, url
    faq = client.get("/faq").get_data(as_text=True)
    assert "au moins une fois par mois" in faq and both in faq  # the FAQ's own words, and the règlement's beside them


def test_the_probleme_majeur_levels_are_distinct_and_keep_the_faq_s_et_ou(rules):
    levels = rules.criterion("probleme_majeur").levels
    assert len(set(levels)) == 4 and "beaucoup" not in " ".join(levels)
    assert "est récurrent et/ou a des conséquences significatives" in levels[3]
    assert " ou " in levels[2] and "et/ou" not in levels[2]
