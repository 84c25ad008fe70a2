from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from wizard.rules.loading import load_rules

# Generated answers are checked for their properties, not their speed: a loaded CI machine must not fail them.
settings.register_profile("eig", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("eig")


@pytest.fixture(scope="session")
def rules():
    return load_rules()


# The engine's and the flow's tests read a small questionnaire of their own (as ONS eQ keeps test schemas), so that
# they prove what the code does with any rules, and a change of the programme's wording never touches them.
TEST_RULES_DIR = Path(__file__).resolve().parent.parent / "rules_for_tests"


@pytest.fixture(scope="session")
def test_rules():
    return load_rules(TEST_RULES_DIR)
