"""The questionnaire's path, as pure functions of the rules and the answers."""
from wizard.core import flow
from wizard.rules.loading import load_rules

RULES = load_rules()
MISSION = flow.find_step(RULES, "mission")
PRODUIT = flow.find_step(RULES, "produit")


def ids(questions):
    return [question.id for question in questions]


def test_a_step_shows_the_conditions_of_the_chosen_case_only():
    assert ids(flow.shown_questions(RULES, MISSION, {})) == ["mission_case"]
    assert ids(flow.shown_questions(RULES, MISSION, {"mission_case": "internaliser_pilotage"})) == [
        "mission_case", "pilotage_par_impact", "transparence_resultats", "code_source_ouvert"]


def test_saving_the_case_reveals_its_conditions_and_only_then():
    revealed = flow.revealed_questions(RULES, MISSION, {}, {"mission_case": "lancer_produit"})
    assert ids(revealed) == ["investigation_probleme_qualifie", "investigation_besoin_valide",
                             "investigation_strategie_esquissee"]
    again = {"mission_case": "lancer_produit"}
    assert flow.revealed_questions(RULES, MISSION, again, again) == ()


def test_the_product_page_address_follows_a_published_page():
    assert "beta_page_url" not in ids(flow.shown_questions(RULES, PRODUIT, {"beta_page_published": False}))
    assert "beta_page_url" in ids(flow.shown_questions(RULES, PRODUIT, {"beta_page_published": True}))


def test_a_step_is_complete_once_submitted_with_its_required_answers():
    answers = {"mission_case": "lancer_produit"}
    assert not flow.is_complete(RULES, MISSION, answers, frozenset())
    assert not flow.is_complete(RULES, MISSION, answers, frozenset({"mission"}))  # conditions missing
    answers |= {"investigation_probleme_qualifie": "oui", "investigation_besoin_valide": "oui",
                "investigation_strategie_esquissee": "non"}
    assert flow.is_complete(RULES, MISSION, answers, frozenset({"mission"}))


def test_a_step_is_reachable_once_the_steps_before_are_complete():
    first, second = flow.flow_steps(RULES)[:2]
    assert flow.is_reachable(RULES, first, {}, frozenset())
    assert not flow.is_reachable(RULES, second, {}, frozenset())
    assert flow.is_reachable(RULES, second, {"administration_type": "autre"}, frozenset({first.id}))


def test_the_criteria_show_grouped_under_their_stakes():
    stakes = [criterion.stake for criterion in flow.criteria_in_page_order(RULES)]
    assert stakes == sorted(stakes, key=[stake.id for stake in RULES.stakes].index)


def test_a_step_s_page_holds_its_follow_ups_from_the_start_to_reveal_them_in_place():
    assert ids(flow.page_questions(RULES, MISSION, {})) == ids(RULES.step_questions(MISSION))
    assert "beta_page_url" in ids(flow.page_questions(RULES, PRODUIT, {"beta_page_published": False}))
