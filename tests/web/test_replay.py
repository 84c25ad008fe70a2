"""The scenario files of tests/scenarios/, replayed through the web forms: the page gives the engine's result."""
import re

import pytest

from scenario_files import load_scenarios
from web.journey import walk
from wizard.engine import assess

SCENARIOS = load_scenarios()


def _legacy_options(rules, answers) -> list[str]:
    return [f"{qid} = {value}" for qid, value in answers.items() if qid in rules.questions and isinstance(value, str)
            and (option := rules.questions[qid].option_for(value)) is not None and option.legacy]


def _shown(html: str, css_class: str) -> str:
    match = re.search(rf'class="[^"]*{css_class}[^"]*"[^>]*>(.*?)</', html, re.S)
    return match.group(1).strip() if match else ""


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_the_web_gives_the_engine_s_result(client, rules, scenario):
    legacy = _legacy_options(rules, scenario.answers)
    if legacy:
        pytest.skip(f"option gardée pour les anciens fichiers, que le web ne propose plus : {', '.join(legacy)}")
    expected = assess(rules, scenario.answers)
    walk(client, scenario.answers)
    html = client.get("/resultat").get_data(as_text=True)

    assert f'fr-alert--{ {"eligible": "success", "to_confirm": "warning", "ineligible": "error"}[expected["eligibility"]["status"]] }' in html
    assert rules.messages["verdicts"][expected["eligibility"]["status"]]["title"].replace("'", "&#39;") in html
    score = expected["score"]
    if score is None:
        assert rules.messages["criteria"]["not_assessed"] in html
        assert "eig-score__percent" not in html
    else:
        band = next(band for band in rules.bands if band.id == score["band"])
        percent = f"{score['percent']:.1f}".removesuffix(".0").replace(".", ",")
        assert _shown(html, "eig-score__percent") == f"{percent}\u202f%"
        assert band.label.replace("'", "&#39;") in html
        assert f"soit {score['points']} points sur {score['max']}" in html
