"""The questionnaire's path, through the real forms: branching, check answers, change links, early verdict."""
import re

from answers import CRITERIA, ELIGIBLE, INELIGIBLE, WITHOUT_CRITERIA
from web.journey import step_form, submit_step, walk


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


def fields_of(client, url):
    return step_form(client.get(url).get_data(as_text=True)).fields


def test_a_complete_walk_ends_on_the_check_page_then_the_result(client):
    assert walk(client, ELIGIBLE).headers["Location"] == "/verification"
    check = client.get("/verification")
    assert check.status_code == 200
    assert "Direction interministérielle du numérique" in text(check)
    result = client.get("/resultat")
    assert "Votre projet est éligible au programme EIG" in text(result)
    assert "100 %" in text(result).replace("\u202f", " ")


def test_only_the_chosen_case_s_conditions_are_asked_after_the_case_is_saved(client):
    walk(client, ELIGIBLE)
    assert fields_of(client, "/etapes/mission") == {"mission_case", "pilotage_par_impact", "transparence_resultats",
                                                   "code_source_ouvert"}
    client.post("/recommencer", data={"csrf_token": _token(client)})
    submit_step(client, "/etapes/administration", ELIGIBLE)
    submit_step(client, "/etapes/produit", ELIGIBLE)
    assert fields_of(client, "/etapes/mission") == {"mission_case"}
    response = submit_step(client, "/etapes/mission", {"mission_case": "lancer_produit"})
    assert response.headers["Location"] == "/etapes/mission#investigation_probleme_qualifie-complement"
    page = client.get("/etapes/mission")
    assert "Votre réponse appelle des questions complémentaires" in text(page)
    assert step_form(page.get_data(as_text=True)).fields == {
        "mission_case", "investigation_probleme_qualifie", "investigation_besoin_valide",
        "investigation_strategie_esquissee"}


def test_the_conditions_shown_are_required(client):
    submit_step(client, "/etapes/administration", ELIGIBLE)
    submit_step(client, "/etapes/produit", ELIGIBLE)
    submit_step(client, "/etapes/mission", {"mission_case": "lancer_produit"})
    response = submit_step(client, "/etapes/mission", {"mission_case": "lancer_produit", "investigation_besoin_valide": "oui"})
    assert response.status_code == 200
    page = text(response)
    assert "Le formulaire contient 2 erreurs" in page
    assert "Répondez à la question « L’investigation a-t-elle permis d’esquisser une stratégie ? »" in page


def test_switching_case_asks_the_other_conditions_and_drops_the_first_ones(client):
    walk(client, ELIGIBLE)
    submit_step(client, "/etapes/mission?retour=verification", {"mission_case": "lancer_produit"})
    assert client.get("/verification").headers["Location"] == "/etapes/mission"
    assert fields_of(client, "/etapes/mission") >= {"investigation_besoin_valide"}
    assert "pilotage_par_impact" not in fields_of(client, "/etapes/mission")


def test_the_product_page_address_is_asked_only_once_the_page_is_said_published(client):
    submit_step(client, "/etapes/administration", ELIGIBLE)
    assert fields_of(client, "/etapes/produit") == {"product_name", "beta_page_published", "phase"}
    response = submit_step(client, "/etapes/produit", {"beta_page_published": True, "phase": "construction"})
    assert response.headers["Location"] == "/etapes/produit#beta_page_url-complement"
    assert "beta_page_url" in fields_of(client, "/etapes/produit")
    # The address is optional: the step goes on without it.
    assert submit_step(client, "/etapes/produit", {"beta_page_published": True, "phase": "construction"}
                       ).headers["Location"] == "/etapes/mission"


def test_answering_non_about_the_page_drops_its_address(client):
    walk(client, ELIGIBLE)
    submit_step(client, "/etapes/produit?retour=verification", {**ELIGIBLE, "beta_page_published": False})
    check = text(client.get("/verification"))
    assert "Non, pas encore" in check and "beta.gouv.fr/startups/1eleve1stage.html" not in check


def test_check_page_has_a_change_link_per_answer_that_returns_there(client):
    walk(client, ELIGIBLE)
    html = client.get("/verification").get_data(as_text=True)
    links = re.findall(r'href="(/etapes/[^"]+)"', html)
    assert "/etapes/administration?retour=verification#administration_type-fieldset" in links
    assert "/etapes/produit?retour=verification#beta_page_url-group" in links
    assert len([link for link in links if "criteres" in link]) == len(CRITERIA)
    assert "Modifier<span class=\"fr-sr-only\"> Quel type d’organisme public porte le projet\u202f?</span>" in html
    page = client.get("/etapes/administration?retour=verification")
    assert step_form(page.get_data(as_text=True)).hidden["retour"] == "verification"
    assert 'href="/verification"' in page.get_data(as_text=True)  # the back link returns there too
    response = submit_step(client, "/etapes/administration?retour=verification", {"administration_type": "operateur_etat"})
    assert response.headers["Location"] == "/verification"
    assert "Opérateur de l’État" in client.get("/verification").get_data(as_text=True)


def test_answers_are_shown_again_on_each_step(client):
    walk(client, ELIGIBLE)
    html = client.get("/etapes/administration").get_data(as_text=True)
    assert 'value="administration_centrale" checked' in html
    assert 'value="Direction interministérielle du numérique"' in html
    criteria = client.get("/etapes/criteres").get_data(as_text=True)
    assert 'id="sponsoring-3" name="sponsoring" value="3" checked' in criteria


def test_the_criteria_step_may_be_skipped_and_the_result_says_so(client):
    walk(client, WITHOUT_CRITERIA)
    result = text(client.get("/resultat"))
    assert "Votre projet est éligible" in result and "Critères non évalués" in result
    assert "Évaluer les critères" in result


def test_skipping_the_criteria_removes_earlier_levels(client):
    walk(client, ELIGIBLE)
    asked = submit_step(client, "/etapes/criteres?retour=verification", {}, button="passer")
    assert "Ne plus évaluer les critères ?" in text(asked)  # one click erases nothing: a page asks first
    client.post("/etapes/criteres", data={"csrf_token": _token(client), "retour": "verification", "confirmer": "oui",
                                          "action": "passer"})
    assert "Critères non évalués" in text(client.get("/verification"))


def test_partly_answered_criteria_list_the_missing_ones(client):
    for step in ("administration", "produit"):
        submit_step(client, f"/etapes/{step}", ELIGIBLE)
    submit_step(client, "/etapes/mission", ELIGIBLE)
    submit_step(client, "/etapes/mission", ELIGIBLE)
    response = submit_step(client, "/etapes/criteres", {"probleme_avere": 2, "sponsoring": 1})
    assert response.status_code == 200
    page = text(response)
    assert "Le formulaire contient 7 erreurs" in page
    assert "Évaluez les neuf critères ou aucun : il manque le critère « Problème majeur »." in page
    assert 'id="probleme_avere-2" name="probleme_avere" value="2" checked' in response.get_data(as_text=True)


def test_an_ineligible_answer_shows_the_verdict_at_once_and_the_agent_may_go_on(client):
    response = submit_step(client, "/etapes/administration", INELIGIBLE)
    assert response.headers["Location"] == "/resultat"
    result = client.get("/resultat")
    page = text(result)
    assert "Votre projet n’est pas éligible en l’état" in page
    assert "Les collectivités territoriales ne sont pas éligibles" in page
    assert "Résultat anticipé" in page
    assert 'href="/etapes/produit">poursuivre' in result.get_data(as_text=True)
    step = text(client.get("/etapes/produit"))
    assert "votre projet n’est pas éligible en l’état" in step
    # Going on: the later steps are asked as usual, without sending back to the verdict each time.
    assert submit_step(client, "/etapes/produit", ELIGIBLE).headers["Location"] == "/etapes/produit#beta_page_url-complement"
    assert submit_step(client, "/etapes/produit", ELIGIBLE).headers["Location"] == "/etapes/mission"
    # The jury's criteria and the commitments are not asked of a project not eligible: skipped, and sent back.
    submit_step(client, "/etapes/mission", ELIGIBLE)
    assert submit_step(client, "/etapes/mission", ELIGIBLE).headers["Location"] == "/etapes/profils"
    assert client.get("/etapes/criteres").headers["Location"] == "/resultat"
    assert submit_step(client, "/etapes/profils", ELIGIBLE).headers["Location"] == "/etapes/dossier"
    assert client.get("/etapes/engagements").headers["Location"] == "/resultat"


def test_no_verdict_page_before_an_ineligible_answer_or_the_end(client):
    submit_step(client, "/etapes/administration", ELIGIBLE)
    response = client.get("/resultat")
    assert response.status_code == 303 and response.headers["Location"] == "/etapes/produit"


def test_a_step_ahead_of_the_answers_sends_to_the_first_step_to_answer(client):
    submit_step(client, "/etapes/administration", ELIGIBLE)
    response = client.get("/etapes/profils")
    assert response.headers["Location"] == "/etapes/produit"
    assert "Répondez d’abord à cette étape" in text(client.get("/etapes/produit"))


def test_restarting_clears_the_answers(client):
    walk(client, ELIGIBLE)
    response = client.post("/recommencer", data={"csrf_token": _token(client)})
    assert response.status_code == 303 and response.headers["Location"] == "/"
    assert client.get("/verification").headers["Location"] == "/etapes/administration"


def test_start_page_offers_to_resume_once_answers_exist(client):
    assert "Commencer" in text(client.get("/"))
    submit_step(client, "/etapes/administration", ELIGIBLE)
    page = client.get("/").get_data(as_text=True)
    assert 'href="/etapes/produit">Reprendre là où vous en étiez' in page


def _token(client) -> str:
    html = client.get("/recommencer").get_data(as_text=True)  # the page that asks to confirm
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
