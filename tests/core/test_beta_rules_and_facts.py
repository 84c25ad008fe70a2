"""rules/beta.yaml (checked with file and line) and the pure facts of a product record."""
import shutil
from datetime import datetime

import pytest

from wizard.core import engine, facts
from wizard.core.facts import ProductRecord, Sponsor
from wizard.paths import RULES_DIR
from wizard.rules.beta import load_beta_rules
from wizard.rules.loading import RulesError, load_rules

RECORD = ProductRecord(id="exemple", name="Exemple", pitch=None,
                       phases=(("construction", "2024-01-10", None), ("consolidation", "2025-03-01", None)),
                       sponsors=(Sponsor("dinum", "Direction interministérielle du numérique", "DINUM", "administration-centrale"),
                                 Sponsor("cerema", "Cerema", "CEREMA", "autre")),
                       synced_at=datetime(2026, 8, 12, 6, 0))


@pytest.fixture(scope="module")
def beta(rules):
    return load_beta_rules(rules)


def test_a_declared_phase_is_shown_beside_the_recorded_one_with_its_date(rules, beta):
    recorded, found = facts.verify(rules, beta, {"phase": "construction"}, RECORD)
    assert recorded == {"beta_page_published": True, "beta_page_url": "https://beta.gouv.fr/startups/exemple.html",
                        "phase": "consolidation"}
    phase = next(fact for fact in found if fact["question"] == "phase")
    assert facts.fact_sentence(rules, beta, phase) == \
        "Vous avez indiqué Construction\u202f; beta.gouv.fr indique En consolidation depuis le 1er mars 2025."
    assert facts.synced_label(beta, phase["synced_at"]) == "D’après beta.gouv.fr (données du 12 août 2026)"


def test_the_engine_carries_the_facts_it_is_given_and_decides_on_the_answers(rules, beta):
    recorded, found = facts.verify(rules, beta, {}, RECORD)
    result = engine.result(rules, {"administration_type": "administration_centrale", **recorded}, facts=tuple(found))
    assert [fact["question"] for fact in result["facts"]] == ["beta_page_published", "beta_page_url", "phase"]
    assert result["eligibility"]["status"] == "to_confirm"
    assert engine.result(rules, {"phase": "construction"})["facts"] == []


def test_a_sponsor_s_kind_becomes_the_administration_type_unless_the_record_does_not_tell(beta):
    dinum, cerema = RECORD.sponsors
    assert facts.chosen_sponsor(beta, {}, dinum) == {"administration_name": "Direction interministérielle du numérique (DINUM)",
                                                    "administration_type": "administration_centrale"}
    assert facts.chosen_sponsor(beta, {"administration_type": "operateur_etat"}, cerema) == {"administration_name": "Cerema"}


def test_a_product_page_address_gives_its_id_dots_included(beta):
    assert beta.product_id("https://beta.gouv.fr/startups/impact.co2.html") == "impact.co2"
    assert beta.product_id("https://exemple.fr/startups/impact.co2.html") is None


def test_a_mapping_to_an_unknown_answer_is_reported_with_its_line(tmp_path):
    folder = tmp_path / "rules"
    shutil.copytree(RULES_DIR, folder)
    path = folder / "beta.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("operateur: operateur_etat", "operateur: operateur"),
                    encoding="utf-8")
    with pytest.raises(RulesError) as error:
        load_beta_rules(load_rules(folder), folder)
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "operateur: operateur" in text)
    assert f"beta.yaml:{line}: beta : « operateur » n'est pas une réponse de « administration_type »" in str(error.value)
