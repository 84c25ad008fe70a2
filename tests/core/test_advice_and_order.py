"""Advice that fits the level chosen, and one order of criteria: the rules', which grouping by stake keeps."""
from rules.test_rules_check import check, edit, rules_copy  # noqa: F401 (a fixture)

from wizard.core.engine import assess
from answers import ELIGIBLE


def levels(rules, **chosen):
    return assess(rules, {**ELIGIBLE, **{c.id: 1 for c in rules.criteria}, **chosen})


def advice_of(result, criterion_id):
    return next(c["advice"] for c in result["criteria"] if c["id"] == criterion_id)


def test_the_advice_is_the_one_of_the_level_chosen(rules):
    result = levels(rules, probleme_avere=2, sponsoring=2)
    # Level 2 already means "confirmed on the ground" and "a high-level sponsor": the advice goes further.
    assert not advice_of(result, "probleme_avere").startswith("Confrontez votre compréhension du problème au terrain")
    assert "étude qualitative ou quantitative" in advice_of(result, "probleme_avere")
    assert not advice_of(result, "sponsoring").startswith("Obtenez l’engagement d’une ou d’un sponsor de haut niveau")
    assert advice_of(levels(rules, sponsoring=1), "sponsoring").startswith("Obtenez l’engagement d’une ou d’un sponsor")
    assert advice_of(levels(rules, sponsoring=0), "sponsoring").startswith("Identifiez une ou un sponsor")
    assert advice_of(levels(rules, sponsoring=3), "sponsoring") == rules.strength


def test_each_level_below_the_top_has_its_own_advice(rules):
    for criterion in rules.criteria:
        assert len(criterion.advice) == 3 and len(set(criterion.advice)) == 3, criterion.id


def test_grouping_by_stake_keeps_the_rules_order(rules):
    grouped = [c.id for stake in rules.stakes for c in rules.criteria if c.stake == stake.id]
    assert grouped == [c.id for c in rules.criteria]


def test_stakes_out_of_the_criteria_s_order_are_refused(rules_copy):  # noqa: F811
    line = edit(rules_copy / "criteria.yaml", "  - {id: interet_general, label: Valeur d'intérêt général}\n", "")
    edit(rules_copy / "criteria.yaml", "  - {id: strategie,", "  - {id: interet_general, label: Valeur d'intérêt général}\n"
                                                           "  - {id: strategie,")
    code, output = check(rules_copy)
    assert code == 1
    assert f"criteria.yaml:{line - 1}: critères : les critères d'un même enjeu doivent se suivre" in output


def test_advice_for_each_level_is_required(rules_copy):  # noqa: F811
    line = edit(rules_copy / "criteria.yaml", "    advice:  # one per level",
                "    advice:\n      - Un seul conseil.\n    x_advice:  # one per level")
    code, output = check(rules_copy)
    assert code == 1
    assert f"criteria.yaml:{line}: critère « probleme_avere » : trois conseils (niveaux 0 à 2) sont attendus" in output
