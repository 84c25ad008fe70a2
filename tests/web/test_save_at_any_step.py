"""« Enregistrer et reprendre plus tard » on every step: what is typed is kept even when not valid yet (a text over
its limit comes back whole, with its error), the saved assessment is the agent's (not in the managers' list) until
it is complete; and nothing is cut: no maxlength, the limit said, the error at the field, the text kept."""
import re

from sqlalchemy import select

from answers import OPERATOR as ANSWERS
from app_on_database import app, client, manager_client, rules  # noqa: F401  the app on the test database
from pages import post_form, text
from web.journey import submit_step, walk
from wizard.store.models import Assessment

LINK = re.compile(r"http://localhost(/reprendre/[\w-]+)")
PASTED = ("Les élèves de troisième sans réseau peinent à trouver un stage en entreprise. " * 40).strip()  # ~3,000


def up_to_the_dossier(client):
    """Every step answered up to the dossier, which is left open."""
    response = walk(client, ANSWERS)
    assert response.headers["Location"] == "/verification"
    return client


def test_every_step_offers_to_save_for_later(client, rules):
    up_to_the_dossier(client)
    for step in ("administration", "produit", "mission", "criteres", "profils", "dossier"):
        html = client.get(f"/etapes/{step}").get_data(as_text=True)
        assert re.search(r'<button class="fr-btn fr-btn--tertiary" type="submit" name="action" value="enregistrer">'
                         + rules.messages["steps"]["save_for_later"], html)


def test_a_dossier_saved_with_a_text_over_its_limit_comes_back_whole_with_its_error(app, client, db, rules):
    up_to_the_dossier(client)
    assert len(PASTED) > 2000
    later = submit_step(client, "/etapes/dossier", {"dossier_probleme": PASTED, "dossier_missions": "Deux missions."},
                        button="enregistrer")
    assert later.status_code == 303 and later.headers["Location"] == "/enregistrer/plus-tard?depuis=dossier"
    saved = post_form(client, later.headers["Location"], "/enregistrer")
    assert saved.status_code == 200
    path = LINK.search(saved.get_data(as_text=True)).group(1)
    # Another browser, with the link: the step shows the text whole, its error at the field, the valid one kept.
    other = app.test_client()
    assert other.get(path).status_code == 303
    page = other.get("/etapes/dossier")
    html = page.get_data(as_text=True)
    assert PASTED in html and "Deux missions." in html
    assert re.search(r'id="dossier_probleme"[^>]*aria-invalid="true"', html)
    assert "ne doit pas dépasser 2000 caractères" in text(html) or "ne doit pas dépasser 2 000 caractères" in text(html)
    [assessment] = db.scalars(select(Assessment)).all()
    assert assessment.document.pending == {"dossier_probleme": PASTED}


def test_an_assessment_saved_before_its_verdict_is_the_agents_not_in_the_managers_list(client, db, manager_client):
    later = submit_step(client, "/etapes/administration", {"administration_name": "Préfecture du Nord"},
                        button="enregistrer")
    assert later.headers["Location"] == "/enregistrer/plus-tard?depuis=administration"
    saved = post_form(client, later.headers["Location"], "/enregistrer")
    assert saved.status_code == 200 and LINK.search(saved.get_data(as_text=True))
    [assessment] = db.scalars(select(Assessment)).all()
    assert assessment.complete is False and assessment.administration_name == "Préfecture du Nord"
    assert "Préfecture du Nord" not in manager_client.get("/gestion/").get_data(as_text=True)


def test_a_step_saved_for_later_by_a_saved_assessment_updates_it(client, db, rules):
    up_to_the_dossier(client)
    post_form(client, "/verification", "/enregistrer")
    later = submit_step(client, "/etapes/dossier", {"dossier_missions": "Trois missions."}, button="enregistrer")
    done = client.get(later.headers["Location"])
    assert done.status_code == 303 and done.headers["Location"] == "/etapes/dossier"
    notice = " ".join(rules.messages["notices"]["changes_saved"].split())
    assert notice in text(client.get("/etapes/dossier").get_data(as_text=True))
    db.expire_all()
    [assessment] = db.scalars(select(Assessment)).all()
    assert assessment.answers["dossier_missions"] == "Trois missions." and assessment.version == 2


def test_a_text_over_its_limit_is_refused_at_its_field_and_kept_as_typed(client):
    up_to_the_dossier(client)
    response = submit_step(client, "/etapes/dossier", {"dossier_probleme": PASTED})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert PASTED in html and not re.search(r'\smaxlength=', html.split('id="dossier_probleme"')[1].split(">")[0])
    assert "2 000 caractères maximum" in text(html)


def test_line_breaks_count_as_one_character_as_the_counter_says(client):
    up_to_the_dossier(client)
    exactly = "\r\n".join(["x" * 99] * 20) + "x"  # 2,000 characters once CRLF counts as one
    response = submit_step(client, "/etapes/dossier", {"dossier_probleme": exactly})
    assert response.status_code == 303
