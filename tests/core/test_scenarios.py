import pytest

from scenario_files import check_result, load_scenarios
from wizard.core.engine import assess

SCENARIOS = load_scenarios()


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_the_rules_give_the_expected_result(rules, scenario):
    check_result(assess(rules, scenario.answers), scenario.expect)


def test_the_scenarios_cover_every_administration_type_and_phase(rules):
    answered = {(qid, s.answers.get(qid)) for s in SCENARIOS for qid in ("administration_type", "phase")}
    for qid in ("administration_type", "phase"):
        for option in rules.questions[qid].options:
            assert (qid, option.id) in answered, f"aucun scénario pour {qid} = {option.id}"


def test_the_scenarios_answer_each_case_s_conditions_with_oui_en_cours_and_non(rules):
    for case in ("lancer_produit", "internaliser_pilotage"):
        conditions = [q.id for q in rules.questions.values() if ("mission_case", case) in q.when]
        given = {s.answers[qid] for s in SCENARIOS if s.answers.get("mission_case") == case
                 for qid in conditions if qid in s.answers}
        assert given == {"oui", "en_cours", "non"}, case
