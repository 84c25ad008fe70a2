"""The scenario files of tests/scenarios/, replayed through the web forms: the page gives the engine's result."""
import re

import pytest

from scenario_files import load_scenarios
from web.journey import walk
from wizard.core.engine import assess
from wizard.rules.loading import load_rules

RULES = load_rules()


def _offered_on_the_web(answers) -> bool:
    """Legacy options (beta.gouv.fr's phase ids until 2025) are accepted in files, no longer offered as choices:
    those scenarios are the engine's tests only."""
    return not any(qid in RULES.questions and isinstance(value, str)
                   and (option := RULES.questions[qid].option_for(value)) is not None and option.legacy
                   for qid, value in answers.items())


SCENARIOS = [scenario for scenario in load_scenarios() if _offered_on_the_web(scenario.answers)]


def _shown(html: str, css_class: str) -> str:
    match = re.search(rf'class="[^"]*{css_class}[^"]*"[^>]*>(.*?)</', html, re.S)
    return match.group(1).strip() if match else ""


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_the_web_gives_the_engine_s_result(client, rules, scenario):
    expected = assess(rules, scenario.answers)
    walk(client, scenario.answers)
    response = client.get("/resultat")
    html = response.get_data(as_text=True)

    status = expected["eligibility"]["status"]
    kind = {"eligible": "succès", "to_confirm": "attention", "ineligible": "erreur"}[status]
    assert response.page.alert("verdict") == (kind, rules.messages["verdicts"][status]["title"])
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
