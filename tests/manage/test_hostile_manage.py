"""Attacks on the managers' area and its accounts, each named after what it tried, on SQLite and PostgreSQL."""
import threading
from datetime import timedelta

import pytest
import yaml
from click.testing import CliRunner
from sqlalchemy import func, select, update

from answers import answers, scored
from database import MANAGER_EMAIL, MANAGER_PASSWORD
from pages import form_fields, post_form, text
from manage.test_views import login, read_export
from wizard.cli.commands import main
from wizard.manage import accounts, throttle
from wizard.store import assessments
from wizard.store.models import LoginFailure, ManagerSession, utcnow


@pytest.fixture
def run(db_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)
    return lambda *args, input=None: CliRunner().invoke(main, list(args), input=input)


@pytest.fixture
def saved(db, rules):
    return assessments.save(db, *scored(rules, answers()))


def cookie_of(client):
    name = client.application.config["SESSION_COOKIE_NAME"]
    return name, client.get_cookie(name).value


# --- 1. A session that outlives its end --------------------------------------------------------------------

def test_a_cookie_copied_before_logout_no_longer_opens_the_area_nor_the_export(manager_client, app):
    name, copied = cookie_of(manager_client)
    post_form(manager_client, "/gestion/", "/gestion/deconnexion")
    thief = app.test_client()
    thief.set_cookie(name, copied)
    assert thief.get("/gestion/").status_code == 302
    assert thief.get("/gestion/export.csv").status_code == 302


@pytest.mark.parametrize("command", [("user", "remove", MANAGER_EMAIL), ("user", "password", MANAGER_EMAIL)])
def test_a_removed_account_or_a_new_password_from_the_cli_ends_open_sessions(manager_client, run, db, command):
    assert manager_client.get("/gestion/").status_code == 200
    result = run(*command, input="un tout autre mot de passe\nun tout autre mot de passe\n")
    assert result.exit_code == 0, result.output
    assert manager_client.get("/gestion/").status_code == 302
    assert db.scalar(select(func.count()).select_from(ManagerSession)) == 0


def test_the_new_password_from_the_cli_is_the_one_that_logs_in(manager_client, run, client):
    run("user", "password", MANAGER_EMAIL, input="un tout autre mot de passe\nun tout autre mot de passe\n")
    assert login(client).status_code == 200  # the old one no longer
    assert login(client, password="un tout autre mot de passe").status_code == 303


def test_a_session_left_idle_ends(manager_client, app, db):
    assert manager_client.get("/gestion/").status_code == 200
    idle = app.config["MANAGER_IDLE_TIMEOUT"]
    db.execute(update(ManagerSession).values(last_seen_at=utcnow() - idle - timedelta(seconds=1)))
    db.commit()
    assert manager_client.get("/gestion/").status_code == 302
    assert db.scalar(select(func.count()).select_from(ManagerSession)) == 0


def test_a_session_in_use_does_not_go_idle(manager_client, app, db):
    idle = app.config["MANAGER_IDLE_TIMEOUT"]
    db.execute(update(ManagerSession).values(last_seen_at=utcnow() - idle + timedelta(minutes=1)))
    db.commit()
    assert manager_client.get("/gestion/").status_code == 200  # seen again now: its idle time starts over
    db.expire_all()
    assert db.scalar(select(ManagerSession.last_seen_at)) > utcnow() - timedelta(minutes=1)


def test_the_purge_deletes_ended_sessions(manager_client, run, app, db):
    db.execute(update(ManagerSession).values(last_seen_at=utcnow() - app.config["MANAGER_IDLE_TIMEOUT"]))
    db.commit()
    assert run("purge").exit_code == 0
    assert db.scalar(select(func.count()).select_from(ManagerSession)) == 0


def test_the_cookie_holds_no_account_id_and_the_database_no_session_key(manager_client, db):
    with manager_client.session_transaction() as session:
        assert set(session) == {accounts.SESSION_KEY}
        key = session[accounts.SESSION_KEY]
    assert db.scalar(select(ManagerSession.id)) != key


# --- 2. NUL bytes and other control characters --------------------------------------------------------------

def test_a_nul_in_the_search_is_ignored(manager_client, db, rules):
    assessments.save(db, *scored(rules, answers(administration_name="Agence du numérique")))
    response = manager_client.get("/gestion/?q=num%00%C3%A9rique")
    assert response.status_code == 200
    assert "Agence du numérique" in text(response.get_data(as_text=True))
    assert manager_client.get("/gestion/export.csv?q=%00").status_code == 200


def test_a_nul_in_a_triage_comment_is_an_error_at_the_field(manager_client, db, saved):
    assessment, _ = saved
    url = f"/gestion/evaluations/{assessment.id}"
    response = post_form(manager_client, url, f"{url}/suite", triage="ecarte", comment="À revoir\x00")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "caractère invisible non autorisé" in text(page) and 'href="#comment"' in page
    db.expire_all()
    assert assessments.get(db, assessment.id).triage == "a_etudier"


@pytest.mark.parametrize("field", ["email", "password"])
def test_a_nul_in_the_login_form_is_an_error_at_the_field(client, manager, field):
    values = {"email": MANAGER_EMAIL, "password": MANAGER_PASSWORD, field: "x\x00y"}
    response = login(client, **values)
    assert response.status_code == 200
    assert "caractère invisible non autorisé" in text(response.get_data(as_text=True))


# --- 4. A single value for a multiple choice ---------------------------------------------------------------

def test_an_imported_single_value_for_profils_reads_as_one_profile_everywhere(manager_client, run, db, tmp_path):
    path = tmp_path / "une-evaluation.yaml"
    path.write_text(yaml.safe_dump({**answers(), "profils": "directeur_produit"}, allow_unicode=True))
    assert run("import", str(path)).exit_code == 0
    [assessment] = assessments.list_page(db, assessments.Filters()).items
    assert assessments.get(db, assessment.id).answers["profils"] == ["directeur_produit"]
    detail = text(manager_client.get(f"/gestion/evaluations/{assessment.id}").get_data(as_text=True))
    assert "Directrice ou directeur de produit" in detail and "d, i, r" not in detail
    assert manager_client.get(f"/gestion/evaluations/{assessment.id}/rapport").status_code == 200
    assert manager_client.get(f"/gestion/evaluations/{assessment.id}/rapport.pdf").status_code == 200


# --- 5. Values that gave a 500 -----------------------------------------------------------------------------

@pytest.mark.parametrize("path, status", [
    ("/gestion/evaluations/2147483648", 404), ("/gestion/evaluations/99999999999999999999", 404),
    ("/gestion/evaluations/2147483648/rapport", 404), ("/gestion/evaluations/2147483648/rapport.pdf", 404),
    ("/gestion/?au=9999-12-31", 200), ("/gestion/export.csv?du=0001-01-01", 200), ("/gestion/?du=0001-01-01", 200),
    ("/gestion/?q=%00", 200),
])
def test_values_out_of_range_give_a_404_or_an_ignored_filter(manager_client, path, status):
    response = manager_client.get(path)
    assert response.status_code == status
    if path.startswith("/gestion/?") and "q=" not in path:
        assert "filtre ignoré" in text(response.get_data(as_text=True))


def test_a_post_to_an_assessment_out_of_range_is_a_404(manager_client, saved):
    assessment, _ = saved
    fields = form_fields(manager_client.get(f"/gestion/evaluations/{assessment.id}").get_data(as_text=True),
                         f"/gestion/evaluations/{assessment.id}/suite")
    response = manager_client.post("/gestion/evaluations/2147483648/suite", data={**fields, "triage": "ecarte"})
    assert response.status_code == 404


@pytest.mark.parametrize("target", ["/gestion/%0d%0aX:1", "/gestion/%00", "/gestion/\u2028"])
def test_a_header_injected_in_the_return_address_is_ignored_after_login(client, manager, target):
    page = client.get(f"/gestion/connexion?suivant={target}")
    fields = form_fields(page.get_data(as_text=True), "/gestion/connexion")
    response = client.post(f"/gestion/connexion?suivant={target}",
                           data={**fields, "email": MANAGER_EMAIL, "password": MANAGER_PASSWORD})
    assert response.status_code == 303 and response.headers["Location"] == "/gestion/"
    assert "X" not in response.headers


# --- 11. Weak passwords, addresses that are not, formulas in the export -------------------------------------

@pytest.mark.parametrize("weak, why", [
    (" " * 12, "répète les mêmes caractères"), ("aaaaaaaaaaaa", "répète les mêmes caractères"),
    ("abcdefghijkl", "suite de caractères"), ("motdepasse2024", "mots de passe courants"),
])
def test_user_add_refuses_a_weak_password_saying_why(run, db, weak, why):
    strong = "trois chevaux bleus dansent"
    result = run("user", "add", "rp@beta.gouv.fr", input=f"{weak}\n{strong}\n{strong}\n")
    assert result.exit_code == 0, result.output
    assert "se devine trop facilement" in result.output and why in result.output
    assert accounts.find_manager(db, "rp@beta.gouv.fr") is not None  # with the strong one, asked again


@pytest.mark.parametrize("email", ['=HYPERLINK("http://x")@a.fr', "rp@beta", "r p@beta.gouv.fr", "rp\x00@beta.gouv.fr"])
def test_user_add_refuses_what_is_not_an_email_address(run, db, email):
    result = run("user", "add", email, input="trois chevaux bleus dansent\n" * 2)
    assert result.exit_code == 2 and "une adresse électronique est attendue" in result.output
    assert accounts.list_managers(db) == []


def test_every_export_cell_is_escaped_against_formulas(client, db, rules):
    accounts.add_manager(db, "=1+1@beta.gouv.fr", MANAGER_PASSWORD)  # an address a formula can start
    assessment, _ = assessments.save(db, *scored(rules, answers(administration_name="-2+3")))
    assessments.set_triage(db, assessment.id, "ecarte", "@SUM(A1)", "=1+1@beta.gouv.fr")
    assert login(client, "=1+1@beta.gouv.fr").status_code == 303
    row = read_export(client.get("/gestion/export.csv"))[0]
    assert row["Suite donnée par"] == "'=1+1@beta.gouv.fr"
    assert row["Nom de l’administration ou de l’organisme porteur"] == "'-2+3"
    assert row["Commentaire de la suite"] == "'@SUM(A1)"


# --- 13. Login throttling: slower, never locked out, counted atomically -------------------------------------

def _age_failures(db, seconds):
    """As if `seconds` had passed (in Python: SQLite has no date arithmetic)."""
    db.expire_all()
    for failure in db.scalars(select(LoginFailure)):
        failure.at -= timedelta(seconds=seconds)
    db.commit()


def test_each_failure_past_the_allowance_doubles_the_wait(client, db, manager):
    for _ in range(throttle.BY_ACCOUNT_AND_ADDRESS.free):
        assert login(client, password="mauvais mot de passe").status_code == 200
    waits = []
    for _ in range(4):
        held = login(client, password="mauvais mot de passe")
        assert held.status_code == 429
        waits.append(int(held.headers["Retry-After"]))
        _age_failures(db, waits[-1])
        assert login(client, password="mauvais mot de passe").status_code == 200  # judged, and failed
    # Doubling each time (a second less when the machine took a second between the failure and the next try).
    assert all(expected - 1 <= wait <= expected for wait, expected in zip(waits, [1, 2, 4, 8], strict=True)) and waits[3] > waits[1]


def test_a_stranger_failing_from_many_addresses_keeps_the_manager_out_a_minute_at_most(client, db, manager):
    for number in range(60):
        login(client, password="mauvais mot de passe", REMOTE_ADDR=f"198.51.100.{number}")
    # The failures counted as if just made: on a slow machine the manager's try could land as the last wait ran out.
    db.expire_all()
    for failure in db.scalars(select(LoginFailure)):
        failure.at = utcnow()
    db.commit()
    held = login(client, REMOTE_ADDR="192.0.2.1")
    assert held.status_code == 429 and int(held.headers["Retry-After"]) <= 60
    _age_failures(db, 60)
    assert login(client, REMOTE_ADDR="192.0.2.1").status_code == 303


def test_concurrent_tries_cannot_overshoot_the_allowance(app, manager):
    statuses, barrier = [], threading.Barrier(8)

    def try_once():
        client = app.test_client()
        fields = form_fields(client.get("/gestion/connexion").get_data(as_text=True), "/gestion/connexion")
        barrier.wait()
        response = client.post("/gestion/connexion", data={**fields, "email": MANAGER_EMAIL, "password": "mauvais"})
        statuses.append(response.status_code)

    threads = [threading.Thread(target=try_once) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(statuses) == 8
    assert statuses.count(200) <= throttle.BY_ACCOUNT_AND_ADDRESS.free  # the others were told to wait
    assert statuses.count(429) >= 8 - throttle.BY_ACCOUNT_AND_ADDRESS.free


def test_a_proxied_request_while_no_proxy_is_configured_is_warned_of_once(app_for, db_url, caplog):
    from wizard import create_app
    fresh = create_app({**app_for(db_url).config, "PROXIES": 0})
    client = fresh.test_client()
    with caplog.at_level("WARNING"):
        client.get("/", headers={"X-Forwarded-For": "203.0.113.7"})
        client.get("/", headers={"X-Forwarded-For": "203.0.113.8"})
    warnings = [record for record in caplog.records if "X-Forwarded-For" in record.getMessage()]
    assert len(warnings) == 1 and "EIG_PROXIES" in warnings[0].getMessage()
