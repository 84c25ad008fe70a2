import pytest
from hypothesis import HealthCheck, settings

from wizard.rules.loading import load_rules

# Generated answers are checked for their properties, not their speed: a loaded CI machine must not fail them.
settings.register_profile("eig", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("eig")


@pytest.fixture(scope="session")
def rules():
    return load_rules()
