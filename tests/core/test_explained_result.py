"""The result explains itself: the answer behind each reason, each criterion's points, why the score has its band."""
import json

import pytest
from wizard.core.engine import assess
from wizard.core.progress import current_result

# The programme's rules (this file explains their result): the fewest answers that make a project eligible.
ELIGIBLE = {
    "administration_type": "administration_centrale", "beta_page_published": True, "phase": "construction",
    "mission_case": "lancer_produit", "investigation_probleme_qualifie": "oui",
    "investigation_besoin_valide": "oui", "investigation_strategie_esquissee": "oui",
}


def levels(rules, *values):
    return dict(zip((c.id for c in rules.criteria), values, strict=True))


def test_each_reason_names_the_answer_that_decided_it(rules):
    reasons = {r["rule"]: r for r in assess(rules, {**ELIGIBLE, "administration_type": "service_deconcentre"})
               ["eligibility"]["reasons"]}
    assert reasons["administration_type"]["answer"] == "service_deconcentre"
    assert reasons["administration_type"]["status"] == "to_confirm"
    assert reasons["beta_page_published"]["answer"] is True
    assert set(reasons["administration_type"]) == {"rule", "status", "message", "faq", "answer"}


def test_each_criterion_gives_its_level_times_its_weight(rules):
    scored = assess(rules, {**ELIGIBLE, **levels(rules, 3, 2, 1, 0, 3, 2, 1, 0, 3)})
    assert [(c["level"], c["weight"], c["points"]) for c in scored["criteria"]] == [
        (level, 1, level) for level in (3, 2, 1, 0, 3, 2, 1, 0, 3)]
    assert sum(c["points"] for c in scored["criteria"]) == scored["score"]["points"]
    assert {c["points"] for c in assess(rules, ELIGIBLE)["criteria"]} == {None}


def test_the_explanation_names_the_threshold_reached(rules):
    score = assess(rules, {**ELIGIBLE, **levels(rules, *[3] * 7, 2, 2)})["score"]
    assert score["band"] == "solide"
    assert score["explanation"] == ("25 points sur 27, soit 92,6\u202f%\xa0: au moins 75\u202f% des points donnent le palier "
                                    "«\u202fCandidature solide\u202f».")


def test_the_explanation_of_the_lowest_band_names_the_threshold_missed(rules):
    score = assess(rules, {**ELIGIBLE, **levels(rules, *[1] * 9)})["score"]
    assert score["band"] == "premature"
    assert score["explanation"] == "9 points sur 27, soit 33,3\u202f%\xa0: sous 50\u202f% des points, le palier est «\u202fCandidature prématurée\u202f»."


def test_the_explanation_names_the_blocking_point_that_bars_the_band(rules):
    score = assess(rules, {**ELIGIBLE, **levels(rules, 0, *[3] * 8)})["score"]
    assert score["band"] == "a_consolider" and score["blocking"] == ["probleme_avere"]
    assert "atteint le seuil de 75\u202f% du palier «\u202fCandidature solide\u202f»" in score["explanation"]
    assert "(«\u202fProblème avéré\u202f»)" in score["explanation"]
    assert score["explanation"].endswith("le palier est «\u202fCandidature à consolider\u202f».")


def test_the_thresholds_come_from_the_rules(rules):
    score = assess(rules, {**ELIGIBLE, **levels(rules, *[2] * 9)})["score"]
    assert score["thresholds"] == {band.id: int(band.min_percent) for band in rules.bands}


def test_a_result_is_a_value_that_cannot_change_and_is_json_as_it_is(rules):
    scored = assess(rules, {**ELIGIBLE, **levels(rules, *[2] * 9)})
    with pytest.raises(TypeError):
        scored["score"]["band"] = "solide"
    with pytest.raises(TypeError):
        scored["eligibility"]["reasons"].append({})
    with pytest.raises(TypeError):
        scored["criteria"][0].update(level=3)
    assert json.loads(json.dumps(scored)) == scored


def test_a_complete_set_of_answers_gives_a_final_verdict_with_nothing_missing(rules):
    scored = assess(rules, ELIGIBLE)
    assert scored["final"] is True and scored["missing"] == []


def test_answers_in_progress_say_which_steps_and_questions_are_missing(rules):
    progress = current_result(rules, {"administration_type": "operateur_etat"}, frozenset({"administration"}))
    assert progress["final"] is False
    missing = {entry["step"]: entry["questions"] for entry in progress["missing"]}
    assert "administration" not in missing or "administration_type" not in missing["administration"]
    assert "produit" in missing and "phase" in missing["produit"]


def test_an_early_ineligible_verdict_is_final_while_steps_are_missing(rules):
    progress = current_result(rules, {"administration_type": "collectivite_territoriale"}, frozenset())
    assert progress["final"] is True and progress["missing"]
    assert progress["eligibility"]["status"] == "ineligible"
    assert progress["score"] is None


