"""Read the scenario files of tests/scenarios/: answers and the result the rules must give."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

SCENARIOS_DIR = Path(__file__).parent / "scenarios"


@dataclass(frozen=True)
class Scenario:
    id: str  # file stem and name, for pytest ids
    answers: dict
    expect: dict


def load_scenarios(folder: Path = SCENARIOS_DIR) -> list[Scenario]:
    scenarios = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        base = data.get("base") or {}
        for item in data["scenarios"]:
            answers = {**base, **(item.get("answers") or {})}
            answers = {key: value for key, value in answers.items() if value is not None}
            scenarios.append(Scenario(f"{path.stem}: {item['name']}", answers, item["expect"]))
    return scenarios


def check_result(result: dict, expect: dict) -> None:
    """Assert that a result matches a scenario's expectations."""
    assert result["eligibility"]["status"] == expect["status"]
    score = result["score"]
    if "band" in expect:
        assert (score["band"] if score else None) == expect["band"]
    if "percent" in expect:
        assert score["percent"] == expect["percent"]
    if "blocking" in expect:
        assert score["blocking"] == expect["blocking"]
    if "reasons" in expect:
        given = {reason["rule"]: reason["status"] for reason in result["eligibility"]["reasons"]}
        assert given == expect["reasons"]
