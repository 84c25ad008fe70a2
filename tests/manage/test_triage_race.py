"""Lost update between managers (issue 26, broken 4): Alice and Bob open the same detail; Alice triages with a
comment; Bob posts from his page, older than her decision: his is refused (409) with both decisions shown, hers
stays; posted again from the page that showed both, his stands."""
from answers import answers, scored
from database import MANAGER_PASSWORD
from pages import form_fields, text
from wizard.manage import accounts
from wizard.store import assessments

BOB = "bob@beta.gouv.fr"


def logged_in(app, email):
    client = app.test_client()
    page = client.get("/gestion/connexion").get_data(as_text=True)
    response = client.post("/gestion/connexion", data={**form_fields(page, "/gestion/connexion"), "email": email,
                                                       "password": MANAGER_PASSWORD})
    assert response.status_code == 303
    return client


def test_a_triage_posted_from_a_stale_page_is_refused_with_both_decisions_shown(app, db, rules, manager):
    accounts.add_manager(db, BOB, MANAGER_PASSWORD)
    assessment, _ = assessments.save(db, *scored(rules, answers()))
    alice, bob = logged_in(app, manager.email), logged_in(app, BOB)
    url = f"/gestion/evaluations/{assessment.id}"
    alice_form = form_fields(alice.get(url).get_data(as_text=True), f"{url}/suite")
    bob_form = form_fields(bob.get(url).get_data(as_text=True), f"{url}/suite")  # the same page, at the same time

    decided = alice.post(f"{url}/suite", data={**alice_form, "triage": "preselectionne",
                                               "comment": "Sponsor solide, à recevoir."})
    assert decided.status_code == 303
    refused = bob.post(f"{url}/suite", data={**bob_form, "triage": "ecarte", "comment": "Hors périmètre."})
    assert refused.status_code == 409
    page = text(refused.get_data(as_text=True))
    assert "Un autre responsable a décidé entre-temps" in page and "Votre décision n’a pas été enregistrée" in page
    assert f"{manager.email} a enregistré « Présélectionné »" in page and "« Sponsor solide, à recevoir. »" in page
    assert "Votre décision : « Écarté », avec ce commentaire : « Hors périmètre. »" in page
    db.expire_all()
    kept = assessments.get(db, assessment.id)
    assert (kept.triage, kept.triage_comment, kept.triage_by) == ("preselectionne", "Sponsor solide, à recevoir.",
                                                                 manager.email)

    # Posted again from the page that showed both decisions: Bob knows, his decision stands.
    again = form_fields(refused.get_data(as_text=True), f"{url}/suite")
    assert bob.post(f"{url}/suite", data={**again, "triage": "ecarte", "comment": "Hors périmètre."}).status_code == 303
    db.expire_all()
    kept = assessments.get(db, assessment.id)
    assert (kept.triage, kept.triage_comment, kept.triage_by) == ("ecarte", "Hors périmètre.", BOB)
