"""The agent saves, resumes, updates and deletes their assessment; the resume link is the only key."""
import re

import pytest
from sqlalchemy import select

from answers import OPERATOR as ANSWERS
from app_on_database import app, client, rules  # noqa: F401  the app on the test database
from database import MANAGER_EMAIL, MANAGER_PASSWORD
from pages import form_fields, post_form, text
from web.journey import submit_step, walk
from wizard.store import assessments
from wizard.store.models import Assessment

RESUME_LINK = re.compile(r"http://localhost/reprendre/([A-Za-z0-9_-]{43})")


def save_from(client, page="/verification", **extra):
    return post_form(client, page, "/enregistrer", **extra)


def saved_token(response) -> str:
    assert response.status_code == 200
    return RESUME_LINK.search(response.get_data(as_text=True)).group(1)


def rows(db):
    db.expire_all()
    return db.scalars(select(Assessment).order_by(Assessment.id)).all()


@pytest.fixture
def answered(client):
    walk(client, ANSWERS)
    return client


def test_saving_from_the_check_page_gives_the_resume_link_once(answered, db):
    check = text(answered.get("/verification").get_data(as_text=True))
    assert "Enregistrer pour reprendre plus tard" in check and "365 jours" in check
    response = save_from(answered)
    token = saved_token(response)
    page = text(response.get_data(as_text=True))
    assert "Copiez votre lien de reprise maintenant" in page
    assert response.headers["Cache-Control"] == "no-store"
    [stored] = rows(db)
    assert stored.token_hash == assessments.hash_token(token) and stored.origin == "web"
    assert stored.answers["administration_name"] == ANSWERS["administration_name"]
    assert stored.answers["profils"] == ["directeur_technique"] and stored.answers["sponsoring"] == 2
    assert (stored.status, stored.band, stored.percent) == ("eligible", "a_consolider", 66.7)
    for path in ("/verification", "/resultat", "/", "/donnees-personnelles", "/evaluation-enregistree/supprimer"):
        assert token not in answered.get(path).get_data(as_text=True)


def test_the_resume_link_brings_the_answers_back_in_another_browser(answered, app, db):
    token = saved_token(save_from(answered, "/resultat", depuis="resultat"))
    other = app.test_client()
    response = other.get(f"/reprendre/{token}")
    assert response.status_code == 303 and response.headers["Location"] == "/verification#enregistrement"
    page = text(other.get("/verification").get_data(as_text=True))
    assert "Vous avez repris l’auto-évaluation enregistrée le" in page
    assert "Agence nationale de la cohésion des territoires" in page
    assert "Votre auto-évaluation est enregistrée" in page  # the panel now offers to update it


def test_further_saves_update_the_same_assessment(answered, app, db):
    token = saved_token(save_from(answered))
    other = app.test_client()
    other.get(f"/reprendre/{token}")
    walk(other, {**ANSWERS, "sponsoring": 3, "ambition_entrepreneuriale": 3}, start="/etapes/criteres")
    response = post_form(other, "/verification", "/enregistrer", action="mettre_a_jour")
    assert response.status_code == 303 and response.headers["Location"] == "/verification#enregistrement"
    assert "Modifications enregistrées" in text(other.get("/verification").get_data(as_text=True))
    [stored] = rows(db)
    assert stored.answers["sponsoring"] == 3 and stored.percent == 74.1
    assert stored.updated_at > stored.created_at
    assert assessments.find_by_token(db, token).id == stored.id


def test_saving_as_a_new_assessment_keeps_the_first_one(answered, db):
    first = saved_token(save_from(answered))
    second = saved_token(save_from(answered, action="nouvelle"))
    assert first != second and len(rows(db)) == 2


def test_an_early_ineligible_verdict_can_be_saved_and_resumed_on_the_result(client, app, db):
    response = submit_step(client, "/etapes/administration", {"administration_type": "collectivite_territoriale"})
    assert response.headers["Location"] == "/resultat"
    token = saved_token(save_from(client, "/resultat", depuis="resultat"))
    [stored] = rows(db)
    assert (stored.status, stored.band, stored.phase) == ("ineligible", None, None)
    other = app.test_client()
    assert other.get(f"/reprendre/{token}").headers["Location"] == "/resultat#enregistrement"
    assert "Votre projet n'est pas éligible en l'état" in text(other.get("/resultat").get_data(as_text=True))


def test_nothing_is_saved_before_there_is_a_verdict(client, db):
    page = client.get("/etapes/administration")
    token = form_fields(page.get_data(as_text=True), "/etapes/administration")["csrf_token"]
    response = client.post("/enregistrer", data={"csrf_token": token, "depuis": "verification"})
    assert response.status_code == 303 and rows(db) == []


@pytest.mark.parametrize("token, cut", [("inconnu", True), ("A" * 43, False), ("%00", True)])
def test_a_wrong_token_has_its_own_404_page_saying_what_happened_and_how_to_get_the_link_again(client, rules, token,
                                                                                                cut):
    response = client.get(f"/reprendre/{token}")
    assert response.status_code == 404
    page = text(response.get_data(as_text=True))
    words = rules.messages["links"]
    assert words["unknown_title"] in page and "Recevoir à nouveau mon lien" in page
    assert ("coupé en le copiant" in page) is cut and ("a pu être supprimée" in page) is not cut


def test_a_resume_link_cut_when_copied_says_so(answered, client):
    token = saved_token(save_from(answered))
    response = client.get(f"/reprendre/{token[:30]}")
    assert response.status_code == 404 and "coupé en le copiant" in text(response.get_data(as_text=True))


def test_the_agent_deletes_the_saved_assessment_after_confirming(answered, app, db):
    token = saved_token(save_from(answered))
    other = app.test_client()
    other.get(f"/reprendre/{token}")
    confirm = other.get("/evaluation-enregistree/supprimer")
    assert "Supprimer votre auto-évaluation enregistrée ?" in text(confirm.get_data(as_text=True))
    assert other.post("/evaluation-enregistree/supprimer").status_code == 400  # no CSRF token: refused
    assert len(rows(db)) == 1
    response = post_form(other, "/evaluation-enregistree/supprimer", "/evaluation-enregistree/supprimer")
    assert response.status_code == 303 and response.headers["Location"] == "/evaluation-enregistree/supprimee"
    assert "Votre auto-évaluation a été supprimée" in text(other.get(response.headers["Location"]).get_data(as_text=True))
    assert "Reprendre là où vous en étiez" not in text(other.get("/").get_data(as_text=True))  # answers gone too
    assert rows(db) == []
    assert other.get(f"/reprendre/{token}").status_code == 404
    assert other.get("/evaluation-enregistree/supprimer").status_code == 404


def test_an_update_after_a_deletion_elsewhere_is_told_and_a_new_assessment_only_when_asked(answered, app, db):
    token = saved_token(save_from(answered))
    assessments.delete(db, assessments.find_by_token(db, token).id)
    again = save_from(answered, action="mettre_a_jour")
    assert again.status_code == 409 and "Votre auto-évaluation enregistrée a été supprimée" in text(
        again.get_data(as_text=True))
    assert rows(db) == []  # it stays deleted
    asked = save_from(answered, action="nouvelle")
    assert saved_token(asked) != token and len(rows(db)) == 1


def test_the_save_form_refuses_a_post_without_csrf_token(answered, db):
    assert answered.post("/enregistrer", data={"depuis": "verification"}).status_code == 400
    assert rows(db) == []


def test_saved_assessments_reach_the_managers_list(answered, app, manager):
    save_from(answered)
    managers_browser = app.test_client()
    post_form(managers_browser, "/gestion/connexion", "/gestion/connexion", email=MANAGER_EMAIL, password=MANAGER_PASSWORD)
    page = text(managers_browser.get("/gestion/?q=cohesion").get_data(as_text=True))
    assert "Agence nationale de la cohésion des territoires" in page and "1 évaluation" in page


def test_the_personal_data_page_says_what_why_and_how_long(client):
    page = text(client.get("/donnees-personnelles").get_data(as_text=True))
    for words in ("Si vous enregistrez votre auto-évaluation", "Finalités", "365 jours", "eig@beta.gouv.fr",
                  "empreinte", "responsables de portefeuille"):
        assert words in page


def test_the_access_log_never_shows_a_token(answered, app, caplog):
    import logging
    token = saved_token(save_from(answered))
    logger = logging.getLogger("werkzeug")
    with caplog.at_level(logging.INFO, logger="werkzeug"):
        logger.info('%s - - [%s] "%s" %s %s', "127.0.0.1", "date", f"GET /reprendre/{token} HTTP/1.1", "303", "-")
    assert token not in caplog.text and "/reprendre/[jeton masqué]" in caplog.text


def test_starting_again_from_zero_forgets_the_saved_assessment(answered, db):
    first = saved_token(save_from(answered))
    response = post_form(answered, "/recommencer", "/recommencer")
    assert response.status_code == 303
    walk(answered, {**ANSWERS, "administration_name": "Une autre administration"})
    assert "Enregistrer pour reprendre plus tard" in text(answered.get("/verification").get_data(as_text=True))
    second = saved_token(save_from(answered, action="mettre_a_jour"))
    assert second != first
    assert {a.administration_name for a in rows(db)} == {ANSWERS["administration_name"], "Une autre administration"}
