"""eig-wizard beta sync and beta show, against the snapshot of beta.gouv.fr's API served on 127.0.0.1."""
import json

import pytest
from click.testing import CliRunner
from sqlalchemy import select, update

from beta_api import beta_api, serving  # noqa: F401 (fixture)
from wizard.cli.commands import main
from wizard.store import beta as beta_store
from wizard.store.models import BetaOrganisation, BetaPhase, BetaProduct, BetaSponsor, BetaSync

pytestmark = pytest.mark.usefixtures("beta_api")


@pytest.fixture
def run(db_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("EIG_BETA_TIMEOUT", "1")

    def invoke(*args, api=None):
        if api is not None:
            monkeypatch.setenv("EIG_BETA_API", api)
        return CliRunner().invoke(main, list(args))
    return invoke


def copy_of(db) -> dict:
    """Every row of the copy, to compare before and after."""
    db.expire_all()
    return {model.__tablename__: sorted(tuple(getattr(row, c.key) for c in model.__table__.columns)
                                        for row in db.scalars(select(model)))
            for model in (BetaSync, BetaOrganisation, BetaProduct, BetaPhase, BetaSponsor)}


def test_sync_copies_the_products_their_phases_and_sponsors_and_the_organisations(run, db, beta_api):
    result = run("beta", "sync", api=f"{beta_api}/ok")
    assert result.exit_code == 0, result.output
    assert "662 produit(s) et 143 organisation(s) de beta.gouv.fr : copie remplacée." in result.stdout
    assert "Téléchargement de" in result.stderr and "Enregistrement des produits" in result.stderr  # progress
    copy = copy_of(db)
    assert len(copy["beta_products"]) == 662 and len(copy["beta_organisations"]) == 143
    sync = db.scalar(select(BetaSync))
    assert (sync.products, sync.organisations, sync.source) == (662, 143, f"{beta_api}/ok")


def test_syncing_twice_changes_nothing(run, db, beta_api):
    assert run("beta", "sync", api=f"{beta_api}/ok").exit_code == 0
    before = copy_of(db)
    again = run("beta", "sync", api=f"{beta_api}/ok")
    assert again.exit_code == 0
    assert "copie déjà à jour, rien n'a changé" in again.stdout
    after = copy_of(db)
    # Only the time of the check moves: it is when the records were last seen as they are.
    assert {k: v for k, v in after.items() if k != "beta_syncs"} == {k: v for k, v in before.items() if k != "beta_syncs"}
    assert [row[3] for row in after["beta_syncs"]] == [row[3] for row in before["beta_syncs"]]  # same digest


FAILURES = [
    ("http-error", "erreur HTTP 503"),
    ("slow", "pas de réponse en 1 s"),
    ("invalid", "JSON invalide ou tronqué"),
    ("truncated", "JSON invalide ou tronqué"),
    ("cut", "réponse tronquée"),
    ("wrong-shape", "startups.json : une liste « data » est attendue"),
    ("wrong-shape-organisations", "organisations.json : une liste d'organisations est attendue"),
    ("huge", "dépasse 20 Mo"),
    ("huge-unannounced", "dépasse 20 Mo"),
]


@pytest.mark.parametrize("way, message", FAILURES, ids=[way for way, _ in FAILURES])
def test_a_failed_download_changes_nothing_and_says_why(run, db, beta_api, way, message):
    assert run("beta", "sync", api=f"{beta_api}/ok").exit_code == 0
    before = copy_of(db)
    result = run("beta", "sync", api=f"{beta_api}/{way}")
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Synchronisation abandonnée : la copie locale reste telle qu'elle était." in result.stderr
    assert "Traceback" not in result.output
    assert copy_of(db) == before


def test_no_network_changes_nothing_and_says_why(run, db, beta_api):
    assert run("beta", "sync", api=f"{beta_api}/ok").exit_code == 0
    before = copy_of(db)
    with serving() as gone:
        pass  # a port where nothing listens any more
    result = run("beta", "sync", api=gone)
    assert result.exit_code == 1
    assert "serveur injoignable (pas de réseau ?)" in result.stderr
    assert copy_of(db) == before


def test_a_first_sync_that_fails_leaves_no_copy(run, db, beta_api):
    assert run("beta", "sync", api=f"{beta_api}/invalid").exit_code == 1
    assert all(rows == [] for rows in copy_of(db).values())
    shown = run("beta", "show", "datapass")
    assert shown.exit_code == 1 and "Aucune copie des fiches de beta.gouv.fr" in shown.stderr


def test_show_prints_a_product_by_id_or_page_address(run, beta_api):
    assert run("beta", "sync", api=f"{beta_api}/ok").exit_code == 0
    by_url = run("beta", "show", "https://beta.gouv.fr/startups/impact.co2.html")
    assert by_url.exit_code == 0, by_url.output
    shown = json.loads(by_url.stdout)
    assert shown == json.loads(run("beta", "show", "impact.co2").stdout)
    assert (shown["id"], shown["name"], shown["url"]) == ("impact.co2", "Impact CO2", "https://beta.gouv.fr/startups/impact.co2.html")
    assert shown["phase"] == {"id": "consolidation", "label": "En consolidation", "since": "2023-06-13"}
    assert [p["id"] for p in shown["phases"]] == ["construction", "acceleration", "consolidation"]
    assert shown["sponsors"] == [{"id": "ademe", "name": "Agence de la transition écologique", "acronym": "ADEME",
                                  "type": "operateur", "administration_type": "operateur_etat", "kind_reason": None}]
    assert shown["synced_at"]


def test_a_sponsor_typed_autre_leaves_the_choice_to_the_agent(run, beta_api):
    assert run("beta", "sync", api=f"{beta_api}/ok").exit_code == 0
    sponsors = json.loads(run("beta", "show", "recommandations-collaboratives").stdout)["sponsors"]
    assert {s["id"]: s["administration_type"] for s in sponsors} == {
        "cerema": None, "dgaln": "administration_centrale", "dinum": "administration_centrale"}


def test_show_an_unknown_product_says_so(run, beta_api):
    assert run("beta", "sync", api=f"{beta_api}/ok").exit_code == 0
    result = run("beta", "show", "https://beta.gouv.fr/startups/inexistant.html")
    assert result.exit_code == 1
    assert "Produit inconnu de beta.gouv.fr : « inexistant »" in result.stderr


def test_a_process_reads_a_copy_another_process_took_at_once(run, db, beta_api):
    """Each process keeps the copy it read (searches read no table but the sync's): a new sync renews it."""
    assert run("beta", "sync", api=f"{beta_api}/ok").exit_code == 0
    assert beta_store.search(db, "datapass")[0].name == "DataPass"
    # Another process syncs records where the product has another name: new rows, a new digest.
    db.execute(update(BetaProduct).where(BetaProduct.id == "datapass")
               .values(name="Passe de données", search_text="passe de donnees datapass"))
    db.execute(update(BetaSync).values(digest="0" * 64))
    db.commit()
    assert beta_store.find_product(db, "datapass").name == "Passe de données"
    assert [record.id for record in beta_store.search(db, "passe de")] == ["datapass"]
