"""assess --verify and import --verify: answers files checked against the copy of beta.gouv.fr's records."""
import json

import pytest
import yaml
from click.testing import CliRunner

from beta_api import beta_api  # noqa: F401 (fixture)
from answers import answers
from wizard.cli.commands import main
from wizard.store import assessments
from wizard.store.assessments import Filters

DECLARED = answers(phase="construction", beta_page_url="https://beta.gouv.fr/startups/impact.co2.html")


@pytest.fixture
def run(db_url, monkeypatch, beta_api):
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("EIG_BETA_API", f"{beta_api}/ok")

    def invoke(*args):
        return CliRunner().invoke(main, [str(arg) for arg in args])
    return invoke


def test_assess_verify_decides_on_the_recorded_phase_and_lists_the_facts(run, tmp_path):
    path = tmp_path / "reponses.yaml"
    path.write_text(yaml.safe_dump(DECLARED, allow_unicode=True))
    assert json.loads(run("assess", path).stdout)["eligibility"]["status"] == "eligible"  # as declared
    assert run("beta", "sync").exit_code == 0
    result = run("assess", "--verify", path)
    assert result.exit_code == 0, result.output
    verified = json.loads(result.stdout)
    assert verified["eligibility"]["status"] == "to_confirm"
    phase = next(fact for fact in verified["facts"] if fact["question"] == "phase")
    assert {k: phase[k] for k in ("declared", "recorded", "since", "source")} == {
        "declared": "construction", "recorded": "consolidation", "since": "2023-06-13", "source": "beta.gouv.fr"}
    assert phase["synced_at"]
    assert {fact["question"] for fact in verified["facts"]} == {"beta_page_published", "beta_page_url", "phase"}


def test_assess_verify_finds_the_product_of_a_page_pasted_otherwise(run, tmp_path):
    path = tmp_path / "reponses.json"
    path.write_text(json.dumps({**DECLARED, "beta_page_url": " http://Beta.gouv.fr/startups/impact.co2/ "}))
    assert run("beta", "sync").exit_code == 0
    result = run("assess", "--verify", path)
    assert result.exit_code == 0, result.output
    verified = json.loads(result.stdout)
    assert verified["eligibility"]["status"] == "to_confirm"  # decided on the recorded phase, as for the page's own address
    assert {fact["question"] for fact in verified["facts"]} == {"beta_page_published", "beta_page_url", "phase"}


def test_assess_verify_keeps_the_declared_answers_of_a_page_not_in_the_copy(run, tmp_path):
    path = tmp_path / "reponses.json"
    path.write_text(json.dumps({**DECLARED, "beta_page_url": "https://beta.gouv.fr/startups/inconnu.html"}))
    assert run("beta", "sync").exit_code == 0
    result = run("assess", "--verify", path)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["eligibility"]["status"] == "eligible"
    # kept as declared, and said so: the address's fact is « absent » (declared, not verified)
    assert [(f["question"], f["declared"], f["recorded"], f["checked"]) for f in json.loads(result.stdout)["facts"]] == [
        ("beta_page_url", "https://beta.gouv.fr/startups/inconnu.html", None, "absent")]
    assert "la fiche « https://beta.gouv.fr/startups/inconnu.html » est absente de la copie" in result.stderr


@pytest.mark.parametrize("address", ["https://beta.gouv.fr/startups/auxAJ.html", "beta.gouv.fr/startups/auxaj",
                                     "https://beta.gouv.fr/startups/données-et-territoires.html"])
def test_assess_verify_finds_ids_with_capitals_and_accents(run, tmp_path, address):
    path = tmp_path / "reponses.json"
    path.write_text(json.dumps({**DECLARED, "beta_page_url": address}))
    assert run("beta", "sync").exit_code == 0
    result = run("assess", "--verify", path)
    assert result.exit_code == 0 and "absente de la copie" not in result.output, result.output
    facts = json.loads(result.stdout)["facts"]
    assert all(fact["checked"] == "recorded" for fact in facts) and len(facts) == 3


def test_assess_verify_without_a_copy_says_to_sync_first(run, tmp_path):
    path = tmp_path / "reponses.json"
    path.write_text(json.dumps(DECLARED))
    result = run("assess", "--verify", path)
    assert result.exit_code == 1 and "lancez d'abord « eig-wizard beta sync »" in result.stderr


def test_import_verify_stores_the_recorded_answers_and_the_facts(run, db, tmp_path):
    path = tmp_path / "lot.json"
    path.write_text(json.dumps(DECLARED))
    assert run("beta", "sync").exit_code == 0
    assert run("import", "--verify", path).exit_code == 0
    stored = assessments.list_page(db, Filters()).items
    assert [(a.phase, a.status) for a in stored] == [("consolidation", "to_confirm")]
    assert [f["question"] for f in assessments.get(db, stored[0].id).result["facts"]] == [
        "beta_page_published", "beta_page_url", "phase"]
