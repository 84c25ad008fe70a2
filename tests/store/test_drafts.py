"""The answers in progress live server-side (table `drafts`); the session cookie holds only their key."""
import re
from datetime import timedelta

import pytest
from click.testing import CliRunner
from flask import g
from flask import session as flask_session
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from checked_app import migrated_database_url
from answers import TYPICAL
from web.journey import submit_step, walk
from wizard.store import drafts
from wizard.store.assessments import hash_token
from wizard.cli.commands import main
from wizard.store.db import make_engine
from wizard.store.models import Draft, utcnow


@pytest.fixture
def database():
    """A session on the test app's database, outside the app (whose requests must not share its context)."""
    engine = make_engine(migrated_database_url())
    with Session(engine) as session:
        yield session
    engine.dispose()


def at_most_length(rules):
    """Every dossier field drafted up to its limit: some 20 KB of text."""
    return {question.id: ("prenom.nom@exemple.gouv.fr" if question.kind == "email" else "é" * question.max_length)
            for question in rules.questions.values() if question.id.startswith("dossier_")}


def cookie_session(app, client) -> dict:
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    return app.session_interface.get_signing_serializer(app).loads(cookie.value)


def test_a_full_dossier_draft_is_kept_server_side_and_the_cookie_stays_small(app, client, rules, database):
    drafts = {**TYPICAL, **at_most_length(rules)}
    assert sum(len(text) for text in at_most_length(rules).values()) > 14_000
    assert walk(client, drafts).headers["Location"] == "/verification"
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    assert len(cookie.value) < 300  # a browser keeps ~4 KB at most
    key = cookie_session(app, client)["brouillon"]
    stored = database.get(Draft, hash_token(key))
    assert stored.answers["dossier_probleme"] == "é" * 2000 and "criteres" in stored.completed_steps
    assert database.get(Draft, key) is None  # stored under the key's hash only
    assert ("é" * 2000) in client.get("/rapport").get_data(as_text=True)


def test_each_session_has_its_own_draft(app, rules):
    first, second = app.test_client(), app.test_client()
    walk(first, TYPICAL)
    walk(second, {**TYPICAL, "administration_name": "Autre administration"})
    assert "Direction interministérielle du numérique (DINUM)" in first.get("/rapport").get_data(as_text=True)
    assert "Autre administration" in second.get("/rapport").get_data(as_text=True)


def test_an_expired_draft_is_forgotten(app, client, database):
    walk(client, TYPICAL)
    key = cookie_session(app, client)["brouillon"]
    too_old = utcnow() - app.permanent_session_lifetime - timedelta(minutes=1)
    database.execute(update(Draft).where(Draft.id == hash_token(key)).values(updated_at=too_old))
    database.commit()
    assert client.get("/rapport").headers["Location"] == "/etapes/administration"


def test_starting_again_deletes_the_draft(app, client, database):
    walk(client, TYPICAL)
    key = cookie_session(app, client)["brouillon"]
    page = client.get("/verification").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]* value="([^"]+)"', page).group(1)
    client.post("/recommencer", data={"csrf_token": token})
    assert database.get(Draft, hash_token(key)) is None
    assert "brouillon" not in cookie_session(app, client)


def test_purge_deletes_only_expired_drafts(database):
    now = utcnow()
    drafts.purge(database, now)  # the other tests' drafts
    database.add_all([Draft(id=f"{'a' * 63}{n}", answers={}, completed_steps=[], updated_at=now - timedelta(hours=hours))
                      for n, hours in enumerate((1, 5, 48))])
    database.commit()
    assert drafts.purge(database, now - timedelta(hours=4)) == 2
    assert [draft.id for draft in database.scalars(select(Draft))] == [f"{'a' * 63}0"]


def test_the_purge_command_deletes_expired_drafts_too(database, monkeypatch):
    drafts.purge(database, utcnow())  # the other tests' drafts
    database.add(Draft(id="b" * 64, answers={}, completed_steps=[], updated_at=utcnow() - timedelta(days=2)))
    database.commit()
    monkeypatch.setenv("DATABASE_URL", migrated_database_url())
    result = CliRunner().invoke(main, ["purge"])
    assert result.exit_code == 0 and "1 auto-évaluation(s) en cours expirée(s) supprimée(s)." in result.output
    database.expire_all()
    assert database.get(Draft, "b" * 64) is None


def test_a_purged_draft_starts_again_under_a_new_key(app, client, database):
    walk(client, TYPICAL)
    key = cookie_session(app, client)["brouillon"]
    database.execute(delete(Draft).where(Draft.id == hash_token(key)))  # as a purge between two requests
    database.commit()
    assert submit_step(client, "/etapes/administration", TYPICAL).status_code == 303
    new_key = cookie_session(app, client)["brouillon"]
    assert new_key != key and database.get(Draft, hash_token(new_key)).answers["administration_type"]


def test_a_draft_purged_between_its_read_and_its_save_is_saved_anew(app, database):
    with app.test_request_context():
        flask_session["brouillon"] = "cle-d-un-brouillon-purge"
        g.draft = drafts._Draft({}, frozenset())  # read earlier in the request, purged since
        drafts.save({"administration_type": "operateur_etat"}, frozenset({"administration"}))
        key = flask_session["brouillon"]
    assert key != "cle-d-un-brouillon-purge"
    assert database.get(Draft, hash_token(key)).answers == {"administration_type": "operateur_etat"}
