"""The outbox against a real SMTP server on loopback: sent over STARTTLS with a login, each attempt recorded, a
message kept while the server is down or refusing and sent once it is back, exactly once."""
from datetime import timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from mail_server import mail_server  # noqa: F401  the fixture
from wizard import config as configuration
from wizard.cli.commands import main
from wizard.mail import outbox as mail
from wizard.store.models import OutboxAttempt, OutboxMessage, utcnow

BASE = {"MAIL_FROM": "Programme EIG <eig@beta.gouv.fr>", "MAIL_REPLY_TO": "eig@beta.gouv.fr", "OUTBOX_DIR": ""}


def queued(db, config, to="camille.martin@anct.gouv.fr", subject="Votre lien"):
    mail.queue(db, config, kind="test", to=to, subject=subject, text="Bonjour,\nvoici votre lien.",
               html="<p>Bonjour, voici votre lien.</p>")
    db.commit()


def test_a_queued_message_is_sent_over_starttls_with_a_login(db, mail_server):
    config = {**BASE, **mail_server.config()}
    queued(db, config)
    report = mail.send_due(db, config)
    assert (report.sent, report.failed) == (1, 0)
    [message] = mail_server.received
    assert message["To"] == "camille.martin@anct.gouv.fr" and message["Reply-To"] == "eig@beta.gouv.fr"
    assert message.get_body(("plain",)).get_content().startswith("Bonjour,")
    assert "<p>Bonjour" in message.get_body(("html",)).get_content()
    stored = db.scalar(select(OutboxMessage))
    assert stored.sent_at is not None and stored.raw is None and stored.attempts == 1
    assert mail.send_due(db, config).sent == 0 and len(mail_server.received) == 1  # never twice


def test_a_server_down_loses_nothing_and_the_message_goes_once_it_is_back(db, mail_server):
    config = {**BASE, **mail_server.config()}
    mail_server.stop()
    queued(db, config)
    report = mail.send_due(db, config)
    assert (report.sent, report.failed) == (0, 1) and "Connection" in report.errors[0]
    stored = db.scalar(select(OutboxMessage))
    db.refresh(stored)
    assert stored.sent_at is None and stored.raw and stored.next_attempt_at > utcnow()  # kept, due later
    assert mail.send_due(db, config).sent == 0  # not due yet: the delay grows
    mail_server.start()
    later = utcnow() + timedelta(minutes=2)
    assert mail.send_due(db, config, now=later).sent == 1
    assert mail.send_due(db, config, now=later + timedelta(hours=7)).sent == 0
    assert len(mail_server.received) == 1
    attempts = db.scalars(select(OutboxAttempt.error).order_by(OutboxAttempt.id)).all()
    assert len(attempts) == 2 and attempts[0] and attempts[1] is None


def test_mail_send_exits_non_zero_while_the_server_refuses_and_keeps_the_message(db, db_url, mail_server,
                                                                                 monkeypatch):
    mail_server.handler.refuse = True
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("EIG_SMTP_URL", mail_server.url)
    monkeypatch.setenv("EIG_SMTP_CA_FILE", str(mail_server.ca_file))
    queued(db, {**BASE, **configuration.from_environment()})
    result = CliRunner().invoke(main, ["mail", "send"])
    assert result.exit_code == 1, result.output
    assert "550" in result.output and "1 en attente" in result.output
    assert "camille" not in result.output.lower()  # the refusal is told without the address
    db.expire_all()
    stored = db.scalar(select(OutboxMessage))
    assert stored.sent_at is None and stored.raw and "550" in stored.last_error and "camille" not in stored.last_error
    assert mail_server.received == []


def test_a_server_without_the_trusted_certificate_is_refused(db, mail_server):
    config = {**BASE, **mail_server.config(), "SMTP_CA_FILE": ""}  # the test authority is not the system's
    queued(db, config)
    report = mail.send_due(db, config)
    assert report.failed == 1 and "CERTIFICATE" in report.errors[0].upper() and mail_server.received == []


def test_without_an_smtp_server_messages_are_eml_files(db, tmp_path):
    config = {**BASE, "SMTP_URL": "", "OUTBOX_DIR": str(tmp_path / "outbox")}
    queued(db, config)
    assert mail.send_due(db, config).sent == 1
    [written] = (tmp_path / "outbox").glob("*.eml")
    assert b"Subject: Votre lien" in written.read_bytes()


def test_an_smtp_url_that_is_not_one_is_refused_at_start():
    with pytest.raises(configuration.UnsafeConfiguration, match="EIG_SMTP_URL"):
        configuration.mail_settings({"EIG_SMTP_URL": "http://relais.exemple"})
