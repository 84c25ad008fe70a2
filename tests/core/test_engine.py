"""The engine on the test rules (tests/rules_for_tests): the result's contract, the verdict, the score and the
answers' errors, as pure functions of rules and answers."""
import dataclasses

import pytest

from wizard.core.engine import InvalidAnswers, assess, read_answers, verdict

ELIGIBLE = {"administration_type": "admis", "beta_page_published": True, "phase": "construction",
            "mission_case": "lancer", "lancer_besoin": "oui", "lancer_equipe": "oui"}


def errors_of(rules, answers) -> dict:
    with pytest.raises(InvalidAnswers) as error:
        assess(rules, answers)
    return error.value.errors


def test_a_result_follows_the_contract_and_is_json(test_rules):
    result = assess(test_rules, {**ELIGIBLE, "critere_a1": 2, "critere_a2": 2, "critere_b1": 1})
    assert result["rules_version"] == "test-1"
    # Nothing in it depends on the day: what to do next and the dossier are the presentation's (result_view).
    assert set(result) == {"rules_version", "final", "missing", "eligibility", "score", "criteria", "facts"}
    assert result["eligibility"]["status"] == "eligible" and result["final"] and result["missing"] == []
    # Points are weight × level: 1×2 + 2×2 + 1×1 = 7 of 3×(1+2+1) = 12, 58.3 %, between 50 and 75.
    assert {key: result["score"][key] for key in ("points", "max", "percent", "band", "blocking", "thresholds")} == {
        "points": 7, "max": 12, "percent": 58.3, "band": "milieu", "blocking": [],
        "thresholds": {"haut": 75, "milieu": 50, "bas": 0}}
    assert result["score"]["explanation"].startswith("[score.explanation_reached]")
    assert [c["id"] for c in result["criteria"]] == ["critere_a1", "critere_a2", "critere_b1"]
    first = result["criteria"][0]
    assert first["level"] == 2 and first["advice"] == "Conseil A1 depuis 2." and list(first["faq"]) == ["quels-criteres"]


def test_the_worst_outcome_decides_and_each_reason_is_given(test_rules):
    eligibility = assess(test_rules, {**ELIGIBLE, "phase": "consolidation", "lancer_equipe": "non"})["eligibility"]
    assert eligibility["status"] == "ineligible"
    assert {reason["rule"]: (reason["status"], reason["message"]) for reason in eligibility["reasons"]} == {
        "administration_type": ("eligible", "Le type admis passe."), "beta_page_published": ("eligible", "La fiche est publiée."),
        "phase": ("to_confirm", "La phase est à confirmer."), "lancer_besoin": ("eligible", "Besoin rempli."),
        "lancer_equipe": ("ineligible", "Équipe manquant.")}


def test_a_criterion_at_the_top_of_the_scale_is_called_a_strength(test_rules):
    result = assess(test_rules, {**ELIGIBLE, **{c.id: 3 for c in test_rules.criteria}})
    assert {c["advice"] for c in result["criteria"]} == {"Point fort de test."}
    assert result["score"]["band"] == "haut"


def test_a_criterion_at_level_0_blocks_the_highest_band(test_rules):
    score = assess(test_rules, {**ELIGIBLE, "critere_a1": 0, "critere_a2": 3, "critere_b1": 3})["score"]
    assert (score["points"], score["max"], score["blocking"]) == (9, 12, ["critere_a1"])
    assert score["band"] == "milieu"  # 75 % reached, but the top band allows no blocking point


def test_without_criteria_there_is_no_score_and_each_is_not_assessed(test_rules):
    result = assess(test_rules, ELIGIBLE)
    assert result["score"] is None
    assert {c["level"] for c in result["criteria"]} == {None}


def test_missing_required_answers_are_reported_by_id_with_the_question_s_label(test_rules):
    errors = errors_of(test_rules, {"administration_type": "douteux"})
    assert set(errors) == {"beta_page_published", "phase", "mission_case"}
    assert errors["phase"] == "[answers.missing] Phase de test"


def test_only_the_chosen_case_s_conditions_are_required(test_rules):
    assert set(errors_of(test_rules, {**ELIGIBLE, "lancer_besoin": None})) == {"lancer_besoin"}
    piloting = {**ELIGIBLE, "mission_case": "piloter", "lancer_besoin": None, "lancer_equipe": None}
    assert set(errors_of(test_rules, piloting)) == {"piloter_impact"}


def test_some_but_not_all_criteria_is_an_error_for_each_missing_one(test_rules):
    errors = errors_of(test_rules, {**ELIGIBLE, "critere_a1": 2})
    assert set(errors) == {"critere_a2", "critere_b1"}
    assert errors["critere_b1"].startswith("[answers.criteria_incomplete]")


def test_unknown_questions_and_values_are_errors(test_rules):
    errors = errors_of(test_rules, {**ELIGIBLE, "phase": "beta", "couleur": "bleu"})
    assert errors == {"phase": "[answers.invalid_choice] beta Phase de test", "couleur": "[answers.unknown_question] couleur"}


def test_answers_that_are_not_a_mapping(test_rules):
    assert "reponses" in errors_of(test_rules, ["admis"])


@pytest.mark.parametrize("answer, value", [
    ("beta_page_url", "https://example.com/startups/x.html"),  # the pattern
    ("contact_email", "pas une adresse"),
    ("administration_name", "x" * 21),  # max_length 20
    ("beta_page_published", "peut-être"),
    ("critere_a1", 4),  # above the scale
])
def test_text_lengths_patterns_emails_booleans_and_levels_are_checked(test_rules, answer, value):
    assert answer in errors_of(test_rules, {**ELIGIBLE, answer: value})


def test_csv_like_strings_are_read_as_values(test_rules):
    values, errors = read_answers(test_rules, {**ELIGIBLE, "beta_page_published": " Oui ", "critere_a1": "1",
                                               "critere_a2": "2", "critere_b1": "3"})
    assert errors == {}
    assert values["beta_page_published"] is True
    assert (values["critere_a1"], values["critere_a2"], values["critere_b1"]) == (1, 2, 3)


def test_partial_answers_give_an_early_verdict(test_rules):
    values, errors = read_answers(test_rules, {"administration_type": "refuse"}, partial=True)
    assert errors == {}
    assert values == {"administration_type": "refuse"}
    assert verdict(test_rules, values)["status"] == "ineligible"


def test_the_band_compares_the_exact_fraction_not_the_rounded_percent(test_rules):
    # Weights 127 and 42, levels 2 and 3: 380 points of 507 = 74.95 %, shown as 75.0 but below 75 %.
    first, second = test_rules.criteria[:2]
    custom = dataclasses.replace(test_rules, criteria=(dataclasses.replace(first, weight=127),
                                                       dataclasses.replace(second, weight=42)))
    score = assess(custom, {**ELIGIBLE, first.id: 2, second.id: 3})["score"]
    assert (score["points"], score["max"], score["percent"]) == (380, 507, 75.0)
    assert score["band"] == "milieu"


def test_a_threshold_reached_exactly_gives_the_band(test_rules):
    # Weights 1, 2, 1: levels 3, 2, 2 give 3 + 4 + 2 = 9 points of 12, exactly 75 %.
    answers = {**ELIGIBLE, "critere_a1": 3, "critere_a2": 2, "critere_b1": 2}
    result = assess(test_rules, answers)
    assert result["score"]["percent"] == 75.0 and result["score"]["band"] == "haut"
    answers["critere_a1"] = 2
    assert assess(test_rules, answers)["score"]["band"] == "milieu"
