"""The commands of the database, the batch import, the accounts and the purge."""
import csv
from datetime import timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import select, update
from werkzeug.security import check_password_hash

from answers import COMPLETE, answers, scored
from wizard.store import assessments
from wizard.manage import accounts
from wizard.store import schema
from wizard.store.assessments import Filters
from wizard.cli.commands import main
from wizard.store.models import Assessment, utcnow

PASSWORD = "correct horse battery staple"


@pytest.fixture
def run(db_url, monkeypatch):
    """Run `eig-wizard ARGS` on the test database; return the click result."""
    monkeypatch.setenv("DATABASE_URL", db_url)

    def invoke(*args, input=None):
        return CliRunner().invoke(main, list(args), input=input)
    return invoke


def write_csv(path, rows, delimiter=","):
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, delimiter=delimiter)
        writer.writerow(COMPLETE)
        writer.writerows([row.get(key, "") for key in COMPLETE] for row in rows)
    return path


def test_import_scores_and_stores_each_row_and_reports_bad_ones_by_number(run, db, tmp_path):
    rows = [answers(administration_name=f"Administration {n}") for n in range(6)]
    rows[2] = answers(phase="en_reflexion")  # line 4 of the file
    rows[4] = answers(sponsoring="")          # line 6: criteria answered all or none
    result = run("import", str(write_csv(tmp_path / "lot.csv", rows)))
    assert result.exit_code == 2
    assert "ERREUR ligne 4 : phase : " in result.stderr and "en_reflexion" in result.stderr
    assert "ERREUR ligne 6 : sponsoring : " in result.stderr
    assert "4 évaluation(s) enregistrée(s), 0 déjà présente(s), 2 ligne(s) invalide(s)." in result.stdout
    assert "Import" in result.stderr  # the progress bar
    stored = assessments.list_page(db, Filters(), sort="nom", descending=False).items
    assert [a.administration_name for a in stored] == [f"Administration {n}" for n in (0, 1, 3, 5)]
    assert {a.origin for a in stored} == {"import"} and all(a.token_hash is None for a in stored)


def test_importing_the_same_file_twice_does_not_duplicate_rows(run, db, tmp_path):
    path = write_csv(tmp_path / "lot.csv", [answers(administration_name=f"Adm {n}") for n in range(5)], delimiter=";")
    assert run("import", str(path)).exit_code == 0
    again = run("import", str(path), "--batch-size", "2")
    assert again.exit_code == 0
    assert "0 évaluation(s) enregistrée(s), 5 déjà présente(s), 0 ligne(s) invalide(s)." in again.stdout
    assert assessments.list_page(db, Filters()).total == 5


def test_an_imported_row_keeps_its_normalised_answers_and_result(run, db, rules, tmp_path):
    assert run("import", str(write_csv(tmp_path / "un.csv", [answers()]))).exit_code == 0
    values, result = scored(rules, answers())
    stored = assessments.list_page(db, Filters()).items[0]
    whole = assessments.get(db, stored.id)
    assert whole.answers == values
    assert (whole.status, whole.band, whole.percent) == ("eligible", result["score"]["band"], result["score"]["percent"])


def test_a_file_that_cannot_be_read_is_reported_without_traceback(run, tmp_path):
    path = tmp_path / "vide.csv"
    path.write_text("", encoding="utf-8")
    result = run("import", str(path))
    assert result.exit_code == 2 and "le fichier CSV est vide" in result.stderr
    assert "Traceback" not in result.output


def test_user_add_asks_the_password_twice_and_stores_only_a_hash(run, db):
    result = run("user", "add", " Marie.Curie@Beta.gouv.fr ", input=f"court\n{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "au moins 12 caractères" in result.output
    assert result.output.count("Mot de passe") == 2 and "Confirmez le mot de passe" in result.output
    manager = accounts.find_manager(db, "marie.curie@beta.gouv.fr")
    assert manager.password_hash.startswith("scrypt:") and PASSWORD not in manager.password_hash
    assert check_password_hash(manager.password_hash, PASSWORD)
    assert PASSWORD not in result.output


def test_user_add_refuses_a_second_account_with_the_same_email_and_a_bad_email(run):
    run("user", "add", "rp@beta.gouv.fr", input=f"{PASSWORD}\n{PASSWORD}\n")
    again = run("user", "add", "RP@beta.gouv.fr", input=f"{PASSWORD}\n{PASSWORD}\n")
    assert again.exit_code == 1 and "Un compte existe déjà pour rp@beta.gouv.fr" in again.output
    assert run("user", "add", "pas-une-adresse").exit_code == 2


def test_mismatched_confirmation_is_asked_again(run, db):
    result = run("user", "add", "rp@beta.gouv.fr", input=f"{PASSWORD}\nautre chose longue\n{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0
    assert accounts.find_manager(db, "rp@beta.gouv.fr") is not None


def test_user_list_and_remove(run, db):
    run("user", "add", "rp@beta.gouv.fr", input=f"{PASSWORD}\n{PASSWORD}\n")
    assert "rp@beta.gouv.fr" in run("user", "list").output
    assert run("user", "remove", "rp@beta.gouv.fr").exit_code == 0
    assert accounts.find_manager(db, "rp@beta.gouv.fr") is None
    assert run("user", "remove", "rp@beta.gouv.fr").exit_code == 1


def test_purge_deletes_assessments_older_than_the_given_days(run, db, rules):
    old, _ = assessments.save(db, *scored(rules, answers(administration_name="Ancienne")))
    assessments.save(db, *scored(rules, answers(administration_name="Récente")))
    db.execute(update(Assessment).where(Assessment.id == old.id).values(updated_at=utcnow() - timedelta(days=31)))
    db.commit()
    result = run("purge", "--older-than", "30")
    assert result.exit_code == 0 and result.output.startswith("1 évaluation(s) supprimée(s)")
    assert [a.administration_name for a in assessments.list_page(db, Filters()).items] == ["Récente"]
    assert run("purge", "--older-than", "0").exit_code == 2


def test_db_check_says_models_and_migrations_agree(run):
    result = run("db", "check")
    assert result.exit_code == 0 and "concordent" in result.output


@pytest.mark.parametrize("empty_url", ["sqlite", "postgresql"], indirect=True)
def test_commands_on_a_database_not_yet_migrated_say_what_to_do(empty_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", empty_url)
    result = CliRunner().invoke(main, ["user", "list"])
    assert result.exit_code == 1 and "lancez d'abord « eig-wizard db upgrade »" in result.stderr
    upgraded = CliRunner().invoke(main, ["db", "upgrade"])
    assert upgraded.exit_code == 0 and f"révision {schema.head()}" in upgraded.output
    assert CliRunner().invoke(main, ["user", "list"]).exit_code == 0
    assert "base" in CliRunner().invoke(main, ["db", "downgrade", "base"]).output


def test_user_add_proconnect_with_a_role_asks_no_password_and_role_changes_it(run, db):
    from wizard.store.models import Manager
    result = run("user", "add", "Lecteur@Beta.gouv.fr", "--proconnect", "--role", "lecture")
    assert result.exit_code == 0, result.output
    assert "rôle lecture, connexion avec ProConnect" in result.output
    manager = db.scalar(select(Manager).where(Manager.email == "lecteur@beta.gouv.fr"))
    assert (manager.password_hash, manager.role) == ("", "lecture")
    assert run("user", "role", "lecteur@beta.gouv.fr", "gestion").exit_code == 0
    db.refresh(manager)
    assert manager.role == "gestion"
    assert run("user", "role", "lecteur@beta.gouv.fr", "chef").exit_code == 2
    assert "lecteur@beta.gouv.fr\tgestion\tProConnect" in run("user", "list").output
