"""The facts the managers read: the sponsor's kind beside the declared one, the declared answers put back in place
of the recorded ones, and what the list filters on (wizard/core/facts.py)."""
from datetime import datetime

import pytest

from wizard.core import facts
from wizard.core.facts import ProductRecord, Sponsor
from wizard.rules.beta import load_beta_rules

RECORD = ProductRecord(id="exemple", name="Exemple", pitch=None, phases=(("consolidation", "2025-03-01", None),),
                       sponsors=(Sponsor("dinum", "Direction interministérielle du numérique", "DINUM", "administration-centrale"),
                                 Sponsor("cerema", "Cerema", "CEREMA", "autre")),
                       synced_at=datetime(2026, 8, 12, 6, 0))


@pytest.fixture(scope="module")
def beta(rules):
    return load_beta_rules(rules)


@pytest.mark.parametrize("named", ["Direction interministérielle du numérique (DINUM)", "dinum",
                                   "Direction  interministérielle du numérique"])
def test_the_sponsor_named_gives_its_recorded_kind_beside_the_declared_one_which_still_decides(rules, beta, named):
    declared = {"administration_name": named, "administration_type": "operateur_etat", "phase": "construction"}
    answers, found = facts.apply_record(rules, beta, declared, RECORD)
    kind = next(fact for fact in found if fact["question"] == "administration_type")
    assert (kind["declared"], kind["recorded"]) == ("operateur_etat", "administration_centrale")
    assert answers["administration_type"] == "operateur_etat" and answers["phase"] == "consolidation"
    summary = facts.checked_summary(found)
    assert summary["declared_differs"] and summary["declared_phase"] == "construction"
    assert summary["recorded_type"] == "administration_centrale" and summary["beta_synced_at"] == RECORD.synced_at
    assert facts.declared_answers(answers, found)["phase"] == "construction"


def test_a_sponsor_whose_kind_is_not_recorded_or_another_body_gives_no_fact(rules, beta):
    for named in ("Cerema", "Préfecture du Rhône"):
        _, found = facts.apply_record(rules, beta, {"administration_name": named}, RECORD)
        assert "administration_type" not in {fact["question"] for fact in found}, named


def test_a_fact_without_a_recorded_value_is_declared_not_verified_and_never_differs():
    kept = {"question": "beta_page_url", "declared": "https://beta.gouv.fr/startups/x.html", "recorded": None}
    assert not facts.is_verified(kept) and not facts.differs(kept)
    assert not facts.checked_summary([kept])["declared_differs"]
    assert facts.declared_answers({"beta_page_url": "https://beta.gouv.fr/startups/x.html"}, [kept]) == {
        "beta_page_url": "https://beta.gouv.fr/startups/x.html"}
