import dataclasses

import pytest

from wizard.core.engine import InvalidAnswers, assess, read_answers

ELIGIBLE = {
    "administration_type": "administration_centrale", "beta_page_published": True, "phase": "construction",
    "mission_case": "lancer_produit", "investigation_probleme_qualifie": "oui",
    "investigation_besoin_valide": "oui", "investigation_strategie_esquissee": "oui",
}


def errors_of(rules, answers) -> dict:
    with pytest.raises(InvalidAnswers) as error:
        assess(rules, answers)
    return error.value.errors


def test_a_result_follows_the_contract_and_is_json(rules):
    result = assess(rules, {**ELIGIBLE, **{c.id: 2 for c in rules.criteria}})
    assert result["rules_version"] == "eig7-2024.1"
    # Nothing in it depends on the day: what to do next and the dossier are the presentation's (result_view).
    assert set(result) == {"rules_version", "final", "missing", "eligibility", "score", "criteria", "facts"}
    assert result["score"] == {
        "points": 18, "max": 27, "percent": 66.7, "band": "a_consolider", "blocking": [],
        "thresholds": {"solide": 75, "a_consolider": 50, "premature": 0},
        "explanation": "18 points sur 27, soit 66,7\u202f%\xa0: au moins 50\u202f% des points donnent le palier «\u202fCandidature à consolider\u202f»."}
    assert [c["id"] for c in result["criteria"]] == [c.id for c in rules.criteria]
    first = result["criteria"][0]
    assert first["level"] == 2 and first["advice"] == rules.criteria[0].advice[2]
    assert list(first["faq"]) == ["quels-sont-les-criteres-d-evaluation"]


def test_a_criterion_at_the_top_of_the_scale_is_called_a_strength(rules):
    result = assess(rules, {**ELIGIBLE, **{c.id: 3 for c in rules.criteria}})
    assert {c["advice"] for c in result["criteria"]} == {rules.strength}


def test_without_criteria_there_is_no_score_and_each_is_not_assessed(rules):
    result = assess(rules, ELIGIBLE)
    assert result["score"] is None
    assert {c["level"] for c in result["criteria"]} == {None}


def test_missing_required_answers_are_reported_by_id_in_french(rules):
    errors = errors_of(rules, {"administration_type": "operateur_etat"})
    assert set(errors) == {"beta_page_published", "phase", "mission_case"}
    assert errors["phase"] == "Répondez à la question «\u202fDans quelle phase est votre produit\u202f?\u202f»."


def test_only_the_chosen_case_s_conditions_are_required(rules):
    errors = errors_of(rules, {**ELIGIBLE, "investigation_besoin_valide": None})
    assert set(errors) == {"investigation_besoin_valide"}


def test_some_but_not_all_criteria_is_an_error_for_each_missing_one(rules):
    errors = errors_of(rules, {**ELIGIBLE, "sponsoring": 2, "probleme_avere": "3"})
    assert len(errors) == 7
    assert errors["feuille_de_route"].startswith("Évaluez les neuf critères ou aucun")


def test_unknown_questions_and_values_are_errors(rules):
    errors = errors_of(rules, {**ELIGIBLE, "phase": "beta", "couleur": "bleu"})
    assert errors == {"phase": "«\u202fbeta\u202f» n’est pas une réponse possible à la question «\u202fDans quelle phase est votre produit\u202f?\u202f».",
                      "couleur": "«\u202fcouleur\u202f» n’est pas une question de ce questionnaire."}


def test_answers_that_are_not_a_mapping(rules):
    assert "reponses" in errors_of(rules, ["administration_centrale"])


@pytest.mark.parametrize("answer, value", [
    ("beta_page_url", "https://example.com/startups/x.html"),
    ("dossier_sponsor_email", "pas une adresse"),
    ("administration_name", "x" * 201),
    ("beta_page_published", "peut-être"),
])
def test_text_lengths_patterns_and_emails_are_checked(rules, answer, value):
    assert answer in errors_of(rules, {**ELIGIBLE, answer: value})


def test_csv_like_strings_are_read_as_values(rules):
    values, errors = read_answers(rules, {**ELIGIBLE, "beta_page_published": " Oui ", "profils": "directeur_technique; directeur_produit",
                                          **{c.id: "1" for c in rules.criteria}})
    assert errors == {}
    assert values["beta_page_published"] is True
    assert values["profils"] == ["directeur_produit", "directeur_technique"]
    assert values["sponsoring"] == 1


def test_partial_answers_give_an_early_verdict(rules):
    values, errors = read_answers(rules, {"administration_type": "collectivite_territoriale"}, partial=True)
    assert errors == {}
    assert values == {"administration_type": "collectivite_territoriale"}


def test_the_band_compares_the_exact_fraction_not_the_rounded_percent(rules):
    # Weights 127 and 42, levels 2 and 3: 380 points of 507 = 74.95 %, shown as 75.0 but below 75 %.
    first, second = rules.criteria[:2]
    custom = dataclasses.replace(rules, criteria=(dataclasses.replace(first, weight=127),
                                                  dataclasses.replace(second, weight=42)))
    score = assess(custom, {**ELIGIBLE, first.id: 2, second.id: 3})["score"]
    assert (score["points"], score["max"], score["percent"]) == (380, 507, 75.0)
    assert score["band"] == "a_consolider"


def test_a_threshold_reached_exactly_gives_the_band(rules):
    # Four criteria of weight 1: 9 points of 12 is exactly 75 %.
    custom = dataclasses.replace(rules, criteria=rules.criteria[:4])
    answers = {**ELIGIBLE, **dict(zip([c.id for c in custom.criteria], [3, 2, 2, 2], strict=True))}
    result = assess(custom, answers)
    assert result["score"]["percent"] == 75.0 and result["score"]["band"] == "solide"
    answers[custom.criteria[0].id] = 2
    assert assess(custom, answers)["score"]["band"] == "a_consolider"
