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
    assert facts.synced_label(beta, phase["synced_at"]) == "Copie des fiches de beta.gouv.fr du 12 août 2026."


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


def _snapshot_organisations():
    import json
    from beta_api import snapshot_or_skip
    return json.loads((snapshot_or_skip() / "organisations.json").read_text(encoding="utf-8"))


def test_a_person_named_as_a_sponsor_is_told_apart_by_the_shape_of_the_record(beta):
    """beta.gouv.fr's organisations have the same fields; a person has no acronym and a « Prénom NOM » name."""
    persons = [o["id"] for o in _snapshot_organisations()
               if facts.is_person(beta, Sponsor(o["id"], o["name"], o["acronym"] or None, o["type"]))]
    assert persons == ["bruno-chiocchia"]
    record = ProductRecord(id="x", name="X", pitch=None, phases=(), synced_at=RECORD.synced_at,
                           sponsors=(Sponsor("bruno-chiocchia", "Bruno CHIOCCHIA", None, "administration-centrale"),
                                     *RECORD.sponsors))
    assert [s.id for s in facts.bodies(beta, record)] == ["dinum", "cerema"]


def test_the_hints_of_the_kinds_of_body_and_the_records_agree(rules, beta):
    """Each body a hint of `administration_type` names (rules/questions.yaml) is read as that kind from its record."""
    organisations = _snapshot_organisations()
    checked = 0
    for option in rules.questions["administration_type"].options:
        named = option.hint.split(":")[-1].replace("…", "").rstrip(".").split(",")
        for body in (name.strip().casefold() for name in named if name.strip()):
            for o in organisations:
                if body in ((o["acronym"] or "").casefold(), o["name"].casefold()):
                    kind, _ = facts.sponsor_kind(beta, Sponsor(o["id"], o["name"], o["acronym"] or None, o["type"]))
                    assert kind == option.id, (body, o["id"], kind)
                    checked += 1
    assert checked >= 9  # DINUM, DGALN, DGCS, ADEME, ANCT, IGN, France Travail, ANSSI, CNAM, Urssaf Caisse nationale


def test_a_debatable_recorded_kind_is_to_confirm_with_the_reason(rules, beta):
    kinds = rules.questions["administration_type"]
    for sponsor, expected in [
            (Sponsor("cma-haut-de-france", "Chambre de Métiers et de l'Artisanat Hauts-de-France", "CMA Hauts de France",
                     "collectivite-territoriale"), "chambre_consulaire"),
            (Sponsor("anssi", "Agence nationale de la sécurité des systèmes d'information", "ANSSI", "administration-centrale"),
             "service_competence_nationale")]:
        kind, reason = facts.sponsor_kind(beta, sponsor)
        assert kind == expected and kinds.option_for(kind).outcome == "to_confirm" and "FAQ ne cite pas" in reason
    assert facts.sponsor_kind(beta, RECORD.sponsors[0]) == ("administration_centrale", None)


def test_an_address_the_copy_has_no_page_at_is_a_fact_declared_not_verified(rules, beta):
    answers, found = facts.apply_record(rules, beta, {"beta_page_published": True,
                                                      "beta_page_url": "https://beta.gouv.fr/startups/absent.html"},
                                        None, RECORD.synced_at)
    assert answers["beta_page_url"] == "https://beta.gouv.fr/startups/absent.html"
    assert [(f["question"], f["recorded"], f["checked"]) for f in found] == [("beta_page_url", None, "absent")]
    assert not facts.verified(found) and facts.verified(facts.verify(rules, beta, {}, RECORD)[1])
