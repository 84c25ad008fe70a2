"""`eig-wizard beta sync` against the site as it is and against a hostile one (issues 22 and 26): the live
addresses, documents that are not JSON, records that cannot be kept, an upstream that trickles, redirects away,
web pages for JSON, an emptied upstream, terminal sequences. Each on SQLite and PostgreSQL (the `run` fixture)."""
import re
import threading

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from beta_api import beta_api  # noqa: F401 (fixture)
from store.test_beta_sync import copy_of, run  # noqa: F401 (fixture)
from wizard.cli.commands import main
from wizard.store.models import BetaProduct, BetaSync

pytestmark = pytest.mark.usefixtures("beta_api")
ABANDONED = "Synchronisation abandonnée : la copie locale reste telle qu'elle était."


def test_sync_without_configuration_reads_startups_at_v2_7_and_organisations_at_v2_6(run, db, beta_api, monkeypatch):
    """Only the site's origin moves (to the test server laid out as beta.gouv.fr is): the paths are the defaults."""
    monkeypatch.delenv("EIG_BETA_API", raising=False)
    monkeypatch.setenv("EIG_BETA_SITE", beta_api)
    result = run("beta", "sync")
    assert result.exit_code == 0, result.output
    assert "662 produit(s) et 143 organisation(s) de beta.gouv.fr : copie remplacée." in result.stdout
    assert f"{beta_api}/api/v2.7/startups.json : " in result.stderr
    assert f"{beta_api}/api/v2.6/organisations.json : " in result.stderr
    assert db.scalar(select(BetaSync.source)) == f"{beta_api}/api/v2.7/startups.json {beta_api}/api/v2.6/organisations.json"


def test_an_unescaped_quote_in_a_name_refuses_the_document_with_its_line_and_column(run, db, beta_api):
    assert run("beta", "sync", api=f"{beta_api}/ok").exit_code == 0
    before = copy_of(db)
    result = run("beta", "sync", api=f"{beta_api}/quote-in-name")
    assert result.exit_code == 1
    # The snapshot is written one field a line: DataPass's name is line 10644; after its stray quote, column 19,
    # the parser expects the next field.
    assert ("ERREUR startups.json : JSON invalide ou tronqué (une virgule est attendue, ligne 10644, colonne 19, "
            'près de « ributes": {     "name": "Data"Pass",     "pitch": "Délivrer  »).') in result.stderr
    assert ABANDONED in result.stderr
    assert copy_of(db) == before


def test_one_unreadable_product_record_is_skipped_and_counted(run, db, beta_api):
    result = run("beta", "sync", api=f"{beta_api}/bad-record")
    assert result.exit_code == 0, result.output
    assert ("AVERTISSEMENT fiche écartée : startups.json : data[0] (« 1-eleve-1-stage ») : un « id » et des "
            "« attributes » sont attendus.") in result.stderr
    assert "661 produit(s) et 143 organisation(s) de beta.gouv.fr : copie remplacée ; 1 fiche(s) illisible(s) " \
           "écartée(s)." in result.stdout
    assert db.get(BetaProduct, "1-eleve-1-stage") is None and db.get(BetaProduct, "datapass") is not None


HOSTILE_RECORDS = [
    ("huge-integer", "« attributes.name » doit être un texte"),
    ("lone-surrogate", "« attributes.name » contient un caractère de contrôle ou un demi-caractère"),
    ("long-id", "« id » dépasse 200 caractères"),
    ("long-phase", "« phases[].name » dépasse 64 caractères"),
    ("long-start", "« phases[].start » dépasse 32 caractères"),
    ("nul", "« attributes.name » contient un caractère de contrôle ou un demi-caractère"),
]


@pytest.mark.parametrize("way, reason", HOSTILE_RECORDS, ids=[way for way, _ in HOSTILE_RECORDS])
def test_a_hostile_record_is_skipped_and_counted_alike_on_both_backends(run, db, beta_api, way, reason):
    result = run("beta", "sync", api=f"{beta_api}/{way}")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and result.exception is None
    assert re.search(r"AVERTISSEMENT fiche écartée : startups\.json : data\[0\]( \(« [^»]* »\))? : " + re.escape(reason),
                     result.stderr), result.stderr
    assert "661 produit(s) et 143 organisation(s)" in result.stdout and "1 fiche(s) illisible(s) écartée(s)" in result.stdout
    assert len(copy_of(db)["beta_products"]) == 661


def test_deep_json_refuses_the_document_and_keeps_the_copy(run, db, beta_api):
    assert run("beta", "sync", api=f"{beta_api}/ok").exit_code == 0
    before = copy_of(db)
    result = run("beta", "sync", api=f"{beta_api}/deep")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "ERREUR startups.json : le document est imbriqué trop profondément pour être lu." in result.stderr
    assert ABANDONED in result.stderr and "Traceback" not in result.output
    assert copy_of(db) == before


@pytest.mark.parametrize("way", ["trickle", "trickle-headers"])
def test_an_upstream_trickling_bytes_ends_at_the_sync_deadline(run, db, beta_api, monkeypatch, way):
    """One byte every 0.2 s never lets a 1 s read timeout fire: the 2 s deadline of the whole sync does. Run in a
    thread, so that a sync that hangs fails the test instead of holding it."""
    monkeypatch.setenv("EIG_BETA_DEADLINE", "2")
    outcome = {}
    thread = threading.Thread(target=lambda: outcome.update(result=run("beta", "sync", api=f"{beta_api}/{way}")),
                              daemon=True)
    thread.start()
    thread.join(30)
    assert "result" in outcome, "beta sync still running 30 s after a 2 s deadline"
    result = outcome["result"]
    assert result.exit_code == 1
    assert (f"ERREUR {beta_api}/{way}/startups.json : la synchronisation n'a pas abouti dans son délai de 2 s "
            "(EIG_BETA_DEADLINE).") in result.stderr
    assert ABANDONED in result.stderr
    assert all(rows == [] for rows in copy_of(db).values())


def test_a_redirect_to_another_host_is_not_followed(run, db, beta_api):
    port = beta_api.rsplit(":", 1)[1]
    assert run("beta", "sync", api=f"{beta_api}/ok").exit_code == 0
    before = copy_of(db)
    result = run("beta", "sync", api=f"{beta_api}/redirect-away")
    assert result.exit_code == 1
    assert (f"{beta_api}/redirect-away/startups.json : le serveur redirige vers http://localhost:{port}/ok/startups.json, "
            f"hors du site http://127.0.0.1:{port} : la redirection n'est pas suivie.") in result.stderr
    assert copy_of(db) == before


def test_a_redirect_within_the_site_is_followed_and_the_copy_records_where_it_came_from(run, db, beta_api):
    result = run("beta", "sync", api=f"{beta_api}/redirect-within")
    assert result.exit_code == 0, result.output
    assert db.scalar(select(BetaSync.source)) == \
        f"{beta_api}/ok/startups.json {beta_api}/redirect-within/organisations.json"


def test_json_served_as_a_web_page_is_refused(run, db, beta_api):
    result = run("beta", "sync", api=f"{beta_api}/html")
    assert result.exit_code == 1
    assert "le serveur a envoyé un document de type « text/html », pas du JSON : il n'est pas lu." in result.stderr
    assert all(rows == [] for rows in copy_of(db).values())


@pytest.mark.parametrize("way, fetched", [("empty", "0 produit(s) et 143 organisation(s) reçus"),
                                          ("half", "300 produit(s) et 143 organisation(s) reçus"),
                                          ("empty-organisations", "662 produit(s) et 0 organisation(s) reçus")])
def test_an_emptied_upstream_does_not_wipe_the_copy_without_force(run, db, beta_api, way, fetched):
    assert run("beta", "sync", api=f"{beta_api}/ok").exit_code == 0
    before = copy_of(db)
    result = run("beta", "sync", api=f"{beta_api}/{way}")
    assert result.exit_code == 1
    assert (f"ERREUR la copie perdrait plus de la moitié de ses fiches : {fetched}, contre 662 et 143 dans la copie "
            "en place ; relancez avec --force") in result.stderr
    assert copy_of(db) == before
    forced = run("beta", "sync", "--force", api=f"{beta_api}/{way}")
    assert forced.exit_code == 0, forced.output
    assert "copie remplacée" in forced.stdout


def test_terminal_sequences_in_an_upstream_id_are_escaped_in_the_messages(run, beta_api):
    result = run("beta", "sync", api=f"{beta_api}/terminal")
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f]", result.output), repr(result.output)
    assert "datapassU+001B]0;pirateU+0007U+001B[31mU+000Drouge" in result.stderr
    shown = CliRunner().invoke(main, ["beta", "show", "inconnu\x1b[2J\rx"])
    assert "« inconnuU+001B[2JU+000Dx »" in shown.stderr and "\x1b" not in shown.output
