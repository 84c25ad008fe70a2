"""The links by e-mail, against a real SMTP server on loopback (tests/mail_server.py): the resume link sent at
save, even through an outage; "Recevoir à nouveau mon lien", the same answer for any address; the address changed
later; a resume link over answers in progress; the read-only link."""
import logging
import re
import socket
import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from answers import OPERATOR as ANSWERS
from app_on_database import rules  # noqa: F401  the rules, loaded once
from checked_app import CheckedClient, outbox_dir, pdf_cache_dir
from mail_server import mail_server  # noqa: F401  the fixture
from pages import post_form, text
from web.journey import walk
from wizard import create_app
from wizard.mail import outbox as mail
from wizard.store.models import Assessment, OutboxMessage, utcnow

ADDRESS = "camille.martin@anct.gouv.fr"
LINK = re.compile(r"http://localhost(/reprendre/[\w-]+)")
READ_LINK = re.compile(r"http://localhost(/consulter/[\w-]+)")


class ClosingClient(CheckedClient):
    """Closes each response, as a WSGI server does once it is sent: what the app does after the response runs."""

    def open(self, *args, **kwargs):
        response = super().open(*args, **kwargs)
        response.close()
        return response


@pytest.fixture
def app(db_url, mail_server):
    app = create_app({"TESTING": True, "SECRET_KEY": "clef-de-test-" * 4, "DATABASE_URL": db_url,
                      "PUBLIC_URL": "http://localhost", "PDF_CACHE_DIR": pdf_cache_dir(), "OUTBOX_DIR": outbox_dir(),
                      **mail_server.config()})
    app.test_client_class = ClosingClient
    return app


def answered(app):
    client = app.test_client()
    walk(client, ANSWERS)
    return client


def arrived(server, count, seconds=20):
    """The messages once `count` have arrived (the web process sends after the response, in a thread)."""
    deadline = time.monotonic() + seconds
    while len(server.received) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return server.received


def body(message, kind="plain"):
    return message.get_body((kind,)).get_content()


def save(client, **data):
    return post_form(client, "/verification", "/enregistrer", **data)


def test_a_save_with_an_address_sends_one_message_with_a_working_link(app, mail_server, rules):
    response = save(answered(app), courriel=ADDRESS)
    assert f"part vers {ADDRESS}" in text(response.get_data(as_text=True))
    [message] = arrived(mail_server, 1)
    assert message["To"] == ADDRESS and message["Subject"] == rules.messages["mail"]["resume_subject"]
    assert re.search(r"Résultat\W+Éligible\.", body(message)) and re.search(r"Résultat\W+Éligible\.", text(body(message, "html")))
    path = LINK.search(body(message)).group(1)
    assert f'href="http://localhost{path}"' in body(message, "html")
    assert LINK.search(response.get_data(as_text=True)).group(1) == path  # the link the page shows
    other = app.test_client()
    resumed = other.get(path)
    assert resumed.status_code == 303 and "/verification" in resumed.headers["Location"]
    assert "Votre auto-évaluation est enregistrée" in text(other.get("/verification").get_data(as_text=True))
    read = READ_LINK.search(body(message)).group(1)
    assert "lecture seule" in text(app.test_client().get(read).get_data(as_text=True)).lower()
    time.sleep(0.3)
    assert len(mail_server.received) == 1


def test_with_the_server_down_the_page_answers_and_the_message_arrives_after_restart_once(app, db, mail_server):
    mail_server.stop()
    response = save(answered(app), courriel=ADDRESS)
    assert response.status_code == 200 and f"part vers {ADDRESS}" in text(response.get_data(as_text=True))
    deadline = time.monotonic() + 20  # the try after the response fails, and is recorded
    while time.monotonic() < deadline and not db.scalar(select(OutboxMessage.attempts)):
        time.sleep(0.05)
        db.expire_all()
    message = db.scalar(select(OutboxMessage))
    assert message.sent_at is None and message.attempts == 1 and message.raw
    mail_server.start()
    with app.app_context():
        assert mail.send_due(db, app.config, now=utcnow() + timedelta(minutes=2)).sent == 1
        assert mail.send_due(db, app.config, now=utcnow() + timedelta(hours=7)).sent == 0
    [received] = mail_server.received
    assert LINK.search(body(received))


def test_the_links_again_answer_the_same_for_a_known_and_an_unknown_address(app, mail_server, db):
    save(answered(app), courriel=ADDRESS)
    arrived(mail_server, 1)
    pages = {}
    for address in (ADDRESS, "personne@inconnu.gouv.fr"):
        response = post_form(app.test_client(), "/recevoir-mon-lien", "/recevoir-mon-lien", courriel=address)
        assert response.status_code == 200
        pages[address] = text(response.get_data(as_text=True)).replace(address, "ADRESSE")
    assert pages[ADDRESS] == pages["personne@inconnu.gouv.fr"]
    received = arrived(mail_server, 2)
    time.sleep(0.3)
    assert [message["To"] for message in received] == [ADDRESS, ADDRESS]
    again = received[1]
    path = LINK.search(body(again)).group(1)
    assert path != LINK.search(body(received[0])).group(1)  # a new link; the first still works
    for link in (path, LINK.search(body(received[0])).group(1)):
        assert app.test_client().get(link).status_code == 303
    assert "/recevoir-mon-lien" not in body(again) and "personne@" not in str(mail_server.received)


def test_the_links_again_are_sent_three_times_an_hour_at_most(app, mail_server):
    save(answered(app), courriel=ADDRESS)
    for _ in range(5):
        response = post_form(app.test_client(), "/recevoir-mon-lien", "/recevoir-mon-lien", courriel=ADDRESS.upper())
        assert response.status_code == 200
    time.sleep(0.5)
    assert len(arrived(mail_server, 4)) == 4  # the save's, then three


def test_a_wrong_address_is_said_at_the_field_with_what_was_typed(app):
    response = post_form(app.test_client(), "/recevoir-mon-lien", "/recevoir-mon-lien", courriel="camille@")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'value="camille@"' in html and 'aria-invalid="true"' in html and 'href="#courriel"' in html


def test_the_address_given_later_gets_a_new_link(app, mail_server, db):
    client = answered(app)
    save(client)
    response = post_form(client, "/verification", "/evaluation-enregistree/adresse", courriel=ADDRESS)
    assert response.status_code == 303
    [message] = arrived(mail_server, 1)
    assert message["To"] == ADDRESS and app.test_client().get(LINK.search(body(message)).group(1)).status_code == 303
    db.expire_all()
    assert db.scalar(select(Assessment.contact_email)) == ADDRESS
    assert post_form(client, "/verification", "/evaluation-enregistree/adresse", courriel="").status_code == 303
    db.expire_all()
    assert db.scalar(select(Assessment.contact_email)) is None


def test_a_resume_link_over_other_answers_in_progress_asks_before_replacing_them(app, mail_server, db, rules):
    path = LINK.search(save(answered(app)).get_data(as_text=True)).group(1)
    other = app.test_client()
    walk(other, {**ANSWERS, "administration_name": "DGFiP"})
    asked = other.get(path)
    page = text(asked.get_data(as_text=True))
    assert asked.status_code == 200 and rules.messages["links"]["conflict_title"] in page
    assert rules.messages["links"]["conflict_keep"] in page and rules.messages["links"]["conflict_open"] in page
    assert "DGFiP" in other.get("/verification").get_data(as_text=True)  # nothing replaced yet
    assert post_form(other, path, path).status_code == 303  # the agent chose the link's
    assert "DGFiP" not in other.get("/verification").get_data(as_text=True)


def test_the_read_only_link_shows_the_result_and_changes_nothing(app, db, rules):
    client = answered(app)
    read = READ_LINK.search(save(client).get_data(as_text=True)).group(1)
    reader = app.test_client()
    page = reader.get(read)
    assert page.status_code == 200 and "Éligible" in text(page.get_data(as_text=True))
    assert 'action="/etapes' not in page.get_data(as_text=True)
    assert reader.post(read).status_code == 405
    assert reader.get(f"{read}/recapitulatif.pdf").mimetype == "application/pdf"
    # Nothing of the assessment is in the reader's session: a step posted changes their own draft only.
    before = db.scalar(select(Assessment.version))
    walk(reader, {**ANSWERS, "administration_name": "Autre"})
    assert reader.post("/enregistrer", data={"depuis": "verification"}).status_code == 400  # no token of its own
    db.expire_all()
    assert db.scalar(select(Assessment.version)) == before and len(db.scalars(select(Assessment)).all()) == 1
    # Revoked by the agent, it opens nothing.
    assert post_form(client, "/verification", "/evaluation-enregistree/lien-de-lecture/revoquer").status_code == 303
    assert reader.get(read).status_code == 404


def test_the_pdf_summary_is_attached_when_the_agent_asks_and_only_then(app, mail_server, rules):
    asked = save(answered(app), courriel=ADDRESS, joindre="y")
    assert rules.messages["links"]["sent_to_attached"] in text(asked.get_data(as_text=True))
    save(answered(app), courriel=ADDRESS)
    received = arrived(mail_server, 2)  # each sent by its own thread after its response: in either order
    [first] = [message for message in received if list(message.iter_attachments())]
    [second] = [message for message in received if message is not first]
    [pdf] = first.iter_attachments()
    assert pdf.get_content_type() == "application/pdf" and pdf.get_content().startswith(b"%PDF")
    assert pdf.get_filename().endswith(".pdf") and rules.messages["mail"]["attached"] in body(first)
    assert rules.messages["mail"]["attached"] not in body(second)
    client = answered(app)  # saved from a step, there is no verdict to summarise: no box
    assert 'name="joindre"' in client.get("/verification").get_data(as_text=True)
    assert 'name="joindre"' not in client.get("/enregistrer/plus-tard?depuis=dossier").get_data(as_text=True)


def attempted(db, count, seconds=20):
    """Once `count` messages of the outbox have had a try (sent after the response, in a thread)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and len(db.scalars(select(OutboxMessage).where(
            OutboxMessage.attempts > 0)).all()) < count:
        time.sleep(0.05)
        db.expire_all()


def test_the_address_is_never_logged_even_when_the_server_refuses_it(app, db, mail_server, caplog):
    """Issue 23, build 7: the save's message, the links again and the address given later, the server refusing
    each recipient (its refusal quotes the address): the logs never hold it."""
    mail_server.handler.refuse = True
    with caplog.at_level(logging.DEBUG):
        client = answered(app)
        save(client, courriel=ADDRESS)
        post_form(app.test_client(), "/recevoir-mon-lien", "/recevoir-mon-lien", courriel=ADDRESS)
        post_form(client, "/verification", "/evaluation-enregistree/adresse", courriel="autre." + ADDRESS)
        attempted(db, 3)
    assert len(db.scalars(select(OutboxMessage).where(OutboxMessage.sent_at.is_(None))).all()) == 3
    ours = [record for record in caplog.records if not record.name.startswith("mail.log")]  # aiosmtpd's: the server's
    assert mail_server.received == []  # (the server's own lines, from its thread, show caplog hears threads)
    assert not [record.getMessage() for record in ours if "camille" in (record.getMessage() + str(record.exc_text)).lower()]


def test_a_server_that_never_answers_does_not_slow_the_save(app, db, mail_server):
    """Issue 23, build 1: a server that takes the connection and says nothing (until EIG_SMTP_TIMEOUT, 3 s here)
    does not delay the page: the message is tried after the response, and kept."""
    with socket.create_server(("127.0.0.1", 0)) as silent:  # connections wait in its backlog, never greeted
        app.config["SMTP_TIMEOUT"], app.config["SMTP_URL"] = 3, mail_server.url.replace(f":{mail_server.port}", f":{silent.getsockname()[1]}")
        try:
            client = answered(app)
            start = time.monotonic()
            response = save(client, courriel=ADDRESS)
            took = time.monotonic() - start
            attempted(db, 1)
        finally:
            app.config.update(mail_server.config())
    assert response.status_code == 200 and took < 2.5, took
    message = db.scalar(select(OutboxMessage))
    assert message.sent_at is None and message.attempts == 1 and message.raw
