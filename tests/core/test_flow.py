"""The questionnaire's path on the test rules (tests/rules_for_tests), as pure functions of the rules and the answers."""
import pytest

from wizard.core import flow


@pytest.fixture(scope="module")
def steps(test_rules):
    return {step_id: flow.find_step(test_rules, step_id) for step_id in ("organisme", "produit", "mission", "criteres")}


def ids(questions):
    return [question.id for question in questions]


def test_a_step_shows_the_conditions_of_the_chosen_case_only(test_rules, steps):
    assert ids(flow.shown_questions(test_rules, steps["mission"], {})) == ["mission_case"]
    assert ids(flow.shown_questions(test_rules, steps["mission"], {"mission_case": "piloter"})) == [
        "mission_case", "piloter_impact"]
    assert ids(flow.shown_questions(test_rules, steps["mission"], {"mission_case": "lancer"})) == [
        "mission_case", "lancer_besoin", "lancer_equipe"]


def test_saving_the_case_reveals_its_conditions_and_only_then(test_rules, steps):
    revealed = flow.revealed_questions(test_rules, steps["mission"], {}, {"mission_case": "lancer"})
    assert ids(revealed) == ["lancer_besoin", "lancer_equipe"]
    again = {"mission_case": "lancer"}
    assert flow.revealed_questions(test_rules, steps["mission"], again, again) == ()


def test_a_follow_up_shows_after_its_answer_only(test_rules, steps):
    assert "beta_page_url" not in ids(flow.shown_questions(test_rules, steps["produit"], {"beta_page_published": False}))
    assert "beta_page_url" in ids(flow.shown_questions(test_rules, steps["produit"], {"beta_page_published": True}))


def test_a_step_is_complete_once_submitted_with_its_required_answers(test_rules, steps):
    answers = {"mission_case": "lancer"}
    assert not flow.is_complete(test_rules, steps["mission"], answers, frozenset())
    assert not flow.is_complete(test_rules, steps["mission"], answers, frozenset({"mission"}))  # conditions missing
    answers |= {"lancer_besoin": "oui", "lancer_equipe": "non"}
    assert flow.is_complete(test_rules, steps["mission"], answers, frozenset({"mission"}))


def test_a_step_is_reachable_once_the_steps_before_are_complete(test_rules):
    first, second, third = flow.flow_steps(test_rules)[:3]
    assert [first.id, second.id, third.id] == ["organisme", "produit", "mission"]
    assert flow.is_reachable(test_rules, first, {}, frozenset())
    assert not flow.is_reachable(test_rules, second, {}, frozenset())
    assert flow.is_reachable(test_rules, second, {"administration_type": "refuse"}, frozenset({first.id}))
    assert not flow.is_reachable(test_rules, third, {"administration_type": "refuse"}, frozenset({first.id}))


def test_the_criteria_show_grouped_under_their_stakes_in_the_rules_order(test_rules):
    assert [(criterion.id, criterion.stake) for criterion in flow.criteria_in_page_order(test_rules)] == [
        ("critere_a1", "enjeu_a"), ("critere_a2", "enjeu_a"), ("critere_b1", "enjeu_b")]


def test_a_step_s_page_holds_its_follow_ups_from_the_start_to_reveal_them_in_place(test_rules, steps):
    assert ids(flow.page_questions(test_rules, steps["mission"], {})) == ids(test_rules.step_questions(steps["mission"]))
    assert "beta_page_url" in ids(flow.page_questions(test_rules, steps["produit"], {"beta_page_published": False}))
