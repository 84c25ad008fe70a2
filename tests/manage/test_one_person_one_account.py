"""One person, one account (issue 26, weak 2): `user add ａlice@…` (fullwidth) and `alice@ｂeta…` made accounts
beside `alice@…` that could log in; an account made in NFD could not log in typed in NFC; `=cmd@beta.gouv.fr` was
accepted. Addresses are normalised (NFKC, case folded, IDNA for the domain) at every entry point — the command
line, the login form — and stored in that form only, which the unique index holds (migration r3_hardening_1
rewrites the older ones). Through the real CLI, the real login page and the real database, both backends."""
import pytest
from click.testing import CliRunner
from sqlalchemy import select, text

from pages import post_form
from wizard.cli.commands import main
from wizard.store import schema
from wizard.store.db import make_engine
from wizard.store.models import Manager

PASSWORD = "un mot de passe assez long"
ALICE = "alice@beta.gouv.fr"
VARIANTS = ["ａlice@beta.gouv.fr", "alice@ｂeta.gouv.fr", "ALICE@Beta.Gouv.FR", " Alice@beta.gouv.fr "]


def _user_add(db_url, email):
    """`eig-wizard user add`, the password typed twice at its prompt."""
    return CliRunner().invoke(main, ["user", "add", email], input=f"{PASSWORD}\n{PASSWORD}\n",
                              env={"DATABASE_URL": db_url})


def _emails(db):
    db.expire_all()
    return sorted(db.scalars(select(Manager.email)))


def test_variants_of_one_address_make_no_second_account(db_url, db):
    made = _user_add(db_url, ALICE)
    assert made.exit_code == 0, made.stderr
    for variant in VARIANTS:
        again = _user_add(db_url, variant)
        assert again.exit_code == 1 and f"Un compte existe déjà pour {ALICE}" in again.stderr, again.stderr
    assert _emails(db) == [ALICE]


@pytest.mark.parametrize("email, message", [("=cmd@beta.gouv.fr", "ne peut pas commencer par ="),
                                            ("+cmd@beta.gouv.fr", "ne peut pas commencer par ="),
                                            ("ali\u200bce@beta.gouv.fr", "une adresse électronique est attendue")])
def test_an_address_a_spreadsheet_would_run_or_with_an_invisible_character_is_refused(db_url, db, email, message):
    refused = _user_add(db_url, email)
    assert refused.exit_code == 2 and message in refused.stderr, refused.stderr
    assert _emails(db) == []


def test_an_account_made_in_nfd_logs_in_typed_in_nfc_and_in_fullwidth(db_url, db, client):
    decomposed = "ame\u0301lie@be\u0301ta.gouv.fr"
    assert _user_add(db_url, decomposed).exit_code == 0
    assert _emails(db) == ["amélie@xn--bta-bma.gouv.fr"]
    for typed in ("amélie@béta.gouv.fr", "ＡＭÉＬＩＥ@béta.gouv.fr", "amélie@xn--bta-bma.gouv.fr"):
        response = post_form(client, "/gestion/connexion", "/gestion/connexion", email=typed, password=PASSWORD)
        assert response.status_code == 303, typed
        assert client.get("/gestion/").status_code == 200
        post_form(client, "/gestion/", "/gestion/deconnexion")


@pytest.mark.parametrize("empty_url", ["sqlite", "postgresql"], indirect=True)
def test_the_migration_rewrites_older_addresses_and_keeps_the_variants_apart(empty_url):
    schema.upgrade(empty_url, "r3_integrity_1")
    engine = make_engine(empty_url)
    with engine.begin() as connection:
        for email in ("Alice@Beta.gouv.fr", "ａlice@beta.gouv.fr", "bob@beta.gouv.fr", "Carole@BÊTA.gouv.fr"):
            connection.execute(text("INSERT INTO managers (email, password_hash, created_at) "
                                    "VALUES (:email, 'x', CURRENT_TIMESTAMP)"), {"email": email})
    schema.upgrade(empty_url)
    with engine.connect() as connection:
        emails = dict(connection.execute(text("SELECT id, email FROM managers ORDER BY id")).all())
    engine.dispose()
    assert list(emails.values()) == [ALICE, f"doublon-2.{ALICE}", "bob@beta.gouv.fr", "carole@xn--bta-fma.gouv.fr"]
