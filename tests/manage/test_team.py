"""Pre-screening as a team, on both backends (tests/database.py): one beta.gouv.fr product's assessments grouped
in the list, through sorts, filters and pages; one decision for the rows checked, version-checked like the single
triage; "Informer l'agent", queued in the outbox with its record in the history, and received by a real SMTP
server on loopback (tests/mail_server.py)."""
import email
import email.policy
import re

import pytest
from sqlalchemy import select

from answers import answers, scored
from checked_app import outbox_dir, pdf_cache_dir
from database import MANAGER_EMAIL, MANAGER_PASSWORD
from mail_server import mail_server  # noqa: F401  the fixture
from manage.test_roles import signed_in
from pages import form_fields, post_form
from web.test_mail_links import ClosingClient, arrived, body
from wizard import create_app
from wizard.manage import accounts, team
from wizard.store import assessments
from wizard.store.models import OutboxMessage, TriageEvent

PAGE_A = "https://beta.gouv.fr/startups/alpha-produit.html"
PAGE_B = "https://beta.gouv.fr/startups/bravo-produit.html"
CONTACT = "camille.martin@anct.gouv.fr"
COLLEAGUE = "bob@beta.gouv.fr"
CHOICE = re.compile(r'name="choix" value="(\d+:\d+)"')


def _rows(rules):
    """Five assessments: three of product A, one of B, one without a page."""
    made = [("Alpha", PAGE_A), ("Bravo", PAGE_B), ("Charlie", None), ("Delta", PAGE_A), ("Echo", PAGE_A)]
    return [scored(rules, answers(administration_name=name, product_name=f"Produit {name}",
                                  beta_page_url=page, beta_page_published="oui" if page else "non"))
            for name, page in made]


def said(response) -> str:
    """The page's text, French no-break spaces read as spaces."""
    return response.page.text.replace("\xa0", " ").replace("\u202f", " ")


def _names(html: str) -> list[str]:
    return re.findall(r'<a href="/gestion/evaluations/\d+[^"]*">([^<]+)</a>', html)


def test_one_products_assessments_follow_one_another_through_sorts_filters_and_pages(db, rules, manager_client):
    assessments.import_rows(db, _rows(rules))
    page = manager_client.get("/gestion/?ordre=nom&sens=asc").get_data(as_text=True)
    # A's group where its first (Alpha) is, its three together; then B and the one without a page, alone.
    assert _names(page) == ["Alpha", "Delta", "Echo", "Bravo", "Charlie"]
    assert page.count("3 évaluations de ce produit") == 1 and "1 évaluations" not in page
    assert re.search(r'href="/gestion/\?fiche=https[^"]*alpha-produit\.html">Voir ces 3 évaluations seules', page)
    descending = manager_client.get("/gestion/?ordre=nom&sens=desc").get_data(as_text=True)
    assert _names(descending) == ["Echo", "Delta", "Alpha", "Charlie", "Bravo"]
    apart = manager_client.get("/gestion/?ordre=nom&sens=asc&groupes=aucun").get_data(as_text=True)
    assert _names(apart) == ["Alpha", "Bravo", "Charlie", "Delta", "Echo"] and "de ce produit" not in apart
    # The product's page as a filter: its three only, with the other filters; the export follows it too.
    only = manager_client.get("/gestion/", query_string={"fiche": PAGE_A, "ordre": "nom", "sens": "asc"})
    assert _names(only.get_data(as_text=True)) == ["Alpha", "Delta", "Echo"]
    searched = manager_client.get("/gestion/?ordre=nom&sens=asc&q=a").get_data(as_text=True)  # not Echo
    assert _names(searched) == ["Alpha", "Delta", "Bravo", "Charlie"]
    assert "2 évaluations de ce produit" in searched
    csv = manager_client.get("/gestion/export.csv", query_string={"fiche": PAGE_A}).get_data(as_text=True)
    rows = csv.lstrip("\ufeff").splitlines()[1:]
    assert len(rows) == 3 and all("alpha-produit" in row for row in rows) and "Bravo" not in csv

    # Pages of two: the pages of the sort, nothing moved from one to another; each row knows its product's count
    # in the whole list, and a product's row alone on its page still comes under its heading, with the link.
    filters = assessments.Filters()
    pages = [assessments.list_page(db, filters, sort="nom", descending=False, number=n, per_page=2, grouped=True)
             for n in (1, 2, 3)]
    assert [[a.administration_name for a in p.items] for p in pages] == [["Alpha", "Bravo"], ["Charlie", "Delta"],
                                                                         ["Echo"]]
    assert [pages[1].group_sizes[a.id] for a in pages[1].items] == [1, 3]
    assert [(g.beta_page, g.size, len(g.items)) for g in team.row_groups(pages[1])] == [(None, 1, 1), (PAGE_A, 3, 1)]
    # By score (all equal here) and by date: the group's three still together.
    for sort in ("score", "date"):
        places = [n for n, a in enumerate(assessments.list_page(db, filters, sort=sort, grouped=True).items)
                  if a.beta_page == PAGE_A]
        assert places == list(range(places[0], places[0] + 3)), sort


def _list_form(client, query: str = ""):
    page = client.get("/gestion/" + query).get_data(as_text=True)
    return form_fields(page, "/gestion/suites"), CHOICE.findall(page), page


def test_one_decision_for_the_rows_checked_refuses_and_names_one_decided_meanwhile(db, rules, manager_client):
    assessments.import_rows(db, _rows(rules)[:3])
    fields, choices, _ = _list_form(manager_client)
    assert len(choices) == 3
    stale_id = int(choices[1].split(":")[0])
    stale_name = assessments.get(db, stale_id).administration_name
    assessments.set_triage(db, stale_id, "ecarte", "Hors périmètre.", COLLEAGUE)  # since the list was shown
    response = manager_client.post("/gestion/suites?ordre=nom", data={**fields, "choix": choices,
                                                                      "triage": "preselectionne",
                                                                      "comment": "Lot du comité"})
    assert response.status_code == 303 and response.location.endswith("/gestion/?ordre=nom")
    shown = said(manager_client.get(response.location))
    assert "Suite donnée enregistrée pour 2 évaluations : Présélectionné." in shown
    assert "Non enregistrée pour 1 évaluation décidée entre-temps" in shown
    assert f"{stale_name} (n° {stale_id})" in shown
    db.expire_all()
    for choice in choices:
        assessment_id = int(choice.split(":")[0])
        stored = assessments.get(db, assessment_id)
        history = assessments.triage_history(db, assessment_id)
        if assessment_id == stale_id:
            assert (stored.triage, stored.triage_by) == ("ecarte", COLLEAGUE) and len(history) == 1
        else:
            assert (stored.triage, stored.triage_comment, stored.triage_by) == ("preselectionne", "Lot du comité",
                                                                                 MANAGER_EMAIL)
            assert [(e.by, e.from_triage, e.to_triage, e.comment) for e in history] == [
                (MANAGER_EMAIL, "a_etudier", "preselectionne", "Lot du comité")]


def test_the_decision_for_several_needs_rows_a_triage_its_token_and_the_role(db, rules, client, manager_client):
    assessments.import_rows(db, _rows(rules)[:2])
    fields, choices, _ = _list_form(manager_client)
    nothing = manager_client.post("/gestion/suites", data={**fields, "triage": "ecarte"})
    assert nothing.status_code == 400 and "Cochez au moins une évaluation dans la liste." in said(nothing)
    no_triage = manager_client.post("/gestion/suites", data={**fields, "choix": choices})
    assert no_triage.status_code == 400 and "Choisissez la suite donnée" in said(no_triage)
    assert no_triage.get_data(as_text=True).count(" checked") == 2  # the rows stay checked
    forged = manager_client.post("/gestion/suites", data={**fields, "choix": ["1:0; DROP"], "triage": "ecarte"})
    assert forged.status_code == 400
    without_token = manager_client.post("/gestion/suites", data={"choix": choices, "triage": "ecarte"})
    assert without_token.status_code == 400
    db.expire_all()
    assert {a.triage for a in (assessments.get(db, int(c.split(":")[0])) for c in choices)} == {"a_etudier"}

    reader = signed_in(client.application.test_client(), db, "lecture")
    page = reader.get("/gestion/").get_data(as_text=True)
    assert 'name="choix"' not in page and "/gestion/suites" not in page
    token = form_fields(page, "/gestion/deconnexion")
    refused = reader.post("/gestion/suites", data={**token, "choix": choices, "triage": "ecarte"})
    assert refused.status_code == 403


def _saved_with_contact(db, rules, triage="a_recontacter"):
    assessment, _ = assessments.save(db, *scored(rules, answers(administration_name="Agence nationale de la "
                                                                "cohésion des territoires", product_name="Territoires")),
                                     contact_email=CONTACT)
    assessments.set_triage(db, assessment.id, triage, "Note interne, pas pour l’agent", MANAGER_EMAIL)
    return assessments.get(db, assessment.id)


def test_informing_the_agent_queues_the_message_read_and_edited_and_keeps_it_in_the_history(db, rules,
                                                                                          manager_client):
    saved = _saved_with_contact(db, rules)
    detail = f"/gestion/evaluations/{saved.id}"
    assert f'href="{detail}/informer' in manager_client.get(detail).get_data(as_text=True)
    form_page = manager_client.get(f"{detail}/informer")
    assert form_page.status_code == 200
    text = said(form_page)
    assert CONTACT in text and "Votre auto-évaluation EIG : À recontacter" in text
    assert "Territoires – Agence nationale de la cohésion des territoires" in text  # the proposed message
    assert "Note interne" not in text
    edited = "Nous aimerions vous appeler jeudi.\r\nÀ 10 h ?\r\n\r\nBien à vous, Alice"
    sent = post_form(manager_client, f"{detail}/informer", f"{detail}/informer", body=edited)
    assert sent.status_code == 303 and sent.location.endswith(detail)
    [message] = db.scalars(select(OutboxMessage)).all()
    assert (message.kind, message.recipient) == ("triage_outcome", CONTACT)
    parsed = email.message_from_bytes(message.raw, policy=email.policy.default)
    assert parsed["Subject"] == "Votre auto-évaluation EIG\u00a0: À recontacter"  # French spacing
    plain, html = body(parsed).replace("\r\n", "\n"), body(parsed, "html")
    assert plain.startswith("Bonjour,\n\nNous") and "Bien à vous, Alice\n\nPour toute question" in plain
    assert "Nous aimerions vous appeler jeudi.\nÀ 10 h ?" in plain and "Note interne" not in plain
    assert "<p>Nous aimerions vous appeler jeudi.<br>À 10 h ?</p>" in html
    [informed, decided] = assessments.triage_history(db, saved.id)
    assert (informed.kind, informed.by, informed.to_triage) == ("informed", MANAGER_EMAIL, "a_recontacter")
    assert decided.kind == "decided"
    page = said(manager_client.get(detail))
    assert "agente ou agent informé par courriel de la suite « À recontacter »" in page
    assert f"le courriel à {CONTACT}" in page  # no SMTP server in this app: written to the folder, and said


def test_informing_is_refused_when_the_outcome_changed_and_absent_without_address_or_role(db, rules, client,
                                                                                         manager_client):
    saved = _saved_with_contact(db, rules)
    url = f"/gestion/evaluations/{saved.id}/informer"
    fields = form_fields(manager_client.get(url).get_data(as_text=True), url)
    assessments.set_triage(db, saved.id, "ecarte", None, COLLEAGUE)
    changed = manager_client.post(url, data={**fields, "body": "Bonne nouvelle, vous êtes retenus."})
    assert changed.status_code == 409 and "La suite donnée a changé entre-temps" in said(changed)
    assert "« Écarté »" in said(changed) and "Bonne nouvelle, vous êtes retenus." in said(changed)
    empty = manager_client.post(url, data={**fields, "body": "  "})
    assert empty.status_code == 400 and "Écrivez le message à envoyer." in said(empty)
    assert db.scalars(select(OutboxMessage)).all() == []

    anonymous, _ = assessments.save(db, *scored(rules, answers()))
    assert "/informer" not in manager_client.get(f"/gestion/evaluations/{anonymous.id}").get_data(as_text=True)
    assert manager_client.get(f"/gestion/evaluations/{anonymous.id}/informer").status_code == 404

    reader = signed_in(client.application.test_client(), db, "lecture")
    assert "/informer" not in reader.get(f"/gestion/evaluations/{saved.id}").get_data(as_text=True)
    assert reader.get(url).status_code == 403
    assert db.scalars(select(TriageEvent).where(TriageEvent.kind == "informed")).all() == []


@pytest.fixture
def mail_app(db_url, mail_server):  # noqa: F811
    app = create_app({"TESTING": True, "SECRET_KEY": "clef-de-test-" * 4, "DATABASE_URL": db_url,
                      "PUBLIC_URL": "http://localhost", "PDF_CACHE_DIR": pdf_cache_dir(), "OUTBOX_DIR": outbox_dir(),
                      "SESSION_COOKIE_SECURE": False, **mail_server.config()})
    app.test_client_class = ClosingClient
    return app


def test_the_agent_receives_the_outcome_from_a_real_smtp_server(mail_app, mail_server, db, rules, nu_errors):  # noqa: F811
    accounts.add_manager(db, MANAGER_EMAIL, MANAGER_PASSWORD)
    saved = _saved_with_contact(db, rules, triage="preselectionne")
    client = mail_app.test_client()
    assert post_form(client, "/gestion/connexion", "/gestion/connexion", email=MANAGER_EMAIL,
                     password=MANAGER_PASSWORD).status_code == 303
    url = f"/gestion/evaluations/{saved.id}/informer"
    proposed = re.search(r"<textarea[^>]*>\n?([^<]*)</textarea>", client.get(url).get_data(as_text=True)).group(1)
    sent = post_form(client, url, url, body=proposed)
    assert sent.status_code == 303
    [message] = arrived(mail_server, 1)
    assert message["To"] == CONTACT and message["Subject"] == "Votre auto-évaluation EIG\u00a0: Présélectionné"
    plain, html = body(message), body(message, "html")
    assert plain.startswith("Bonjour,") and "est présélectionné par l’équipe du programme" in plain
    assert "L’équipe du programme Entrepreneurs d’intérêt général (DINUM)" in plain
    assert "est présélectionné par l’équipe du programme" in html
    assert nu_errors(html) == []
    assert f"Courriel envoyé à {CONTACT}" in said(client.get(f"/gestion/evaluations/{saved.id}"))
