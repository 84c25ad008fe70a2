"""The scale's size comes from the rules: a criteria.yaml with five levels (0 to 4) is scored, read, advised
and drawn on five levels, with nothing else changed."""
import re
import shutil

import pytest

from wizard.core.engine import InvalidAnswers, assess
from wizard.report.chart import criteria_chart
from wizard.rules.loading import RulesError, load_rules
from wizard.paths import RULES_DIR
from answers import ELIGIBLE


def with_five_levels(folder):
    """The shipped rules, with a level 4 on the scale and a fifth descriptor for every criterion."""
    path = folder / "criteria.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('  - {level: 3, label: "3 – Pleinement"}\n',
                        '  - {level: 3, label: "3 – Pleinement"}\n  - {level: 4, label: "4 – Exemplaire"}\n')
    # Each criterion's four descriptors are followed by its advice: add a fifth before it.
    text, count = re.subn(r"(    levels:\n(?:      #.*\n)*(?:      - .*\n){4})", r"\1      - Exemplaire.\n", text)
    assert count == 9
    # And a fourth advice, for level 3, now below the top (advice comes per level below the top).
    text, count = re.subn(r"(    advice:.*\n(?:      - .*\n){3})", r"\1      - Conseil pour le niveau 3.\n", text)
    assert count == 9
    path.write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def five(tmp_path_factory):
    folder = tmp_path_factory.mktemp("five") / "rules"
    shutil.copytree(RULES_DIR, folder)
    return load_rules(with_five_levels(folder))


def test_the_levels_and_the_maximum_follow_the_scale(five):
    assert list(five.levels) == [0, 1, 2, 3, 4] and five.top_level == 4
    assert five.max_points == 4 * sum(criterion.weight for criterion in five.criteria)


def test_the_top_of_a_longer_scale_is_the_strength_and_level_3_gets_advice(five):
    top = assess(five, {**ELIGIBLE, **{c.id: 4 for c in five.criteria}})
    assert top["score"]["percent"] == 100.0 and {c["advice"] for c in top["criteria"]} == {five.strength}
    three = assess(five, {**ELIGIBLE, **{c.id: "3" for c in five.criteria}})
    assert three["score"]["percent"] == 75.0
    assert [c["advice"] for c in three["criteria"]] == [c.advice[3] for c in five.criteria]


def test_a_level_beyond_the_scale_is_refused_with_the_scale_s_top(five):
    with pytest.raises(InvalidAnswers) as error:
        assess(five, {**ELIGIBLE, **{c.id: 4 for c in five.criteria}, "sponsoring": "5"})
    assert error.value.errors["sponsoring"] == "Indiquez un niveau entre 0 et 4 pour le critère «\u202fPoids et qualité du sponsoring\u202f»."


def test_the_chart_draws_one_bar_per_level_of_the_scale(five):
    chart = criteria_chart([{"label": "A", "level": 4}], five.top_level)
    assert [bar.level for bar in chart.bars] == [0, 1, 2, 3, 4]
    assert all(len(bar.segments) == 4 for bar in chart.bars) and chart.top == 4


def test_a_criterion_needs_as_many_levels_as_the_scale(tmp_path):
    folder = tmp_path / "rules"
    shutil.copytree(RULES_DIR, folder)
    path = folder / "criteria.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        '  - {level: 3, label: "3 – Pleinement"}\n',
        '  - {level: 3, label: "3 – Pleinement"}\n  - {level: 4, label: "4 – Exemplaire"}\n'), encoding="utf-8")
    with pytest.raises(RulesError) as error:
        load_rules(folder)
    assert "critère « probleme_avere » : cinq niveaux (0 à 4) sont attendus, 4 trouvés" in str(error.value)
