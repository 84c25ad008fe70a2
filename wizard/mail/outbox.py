"""The mail API: `queue` writes a message to the outbox in the caller's transaction; `send_due` sends what is due.

    queue(db, config, kind="resume_link", to="agent@x.gouv.fr", subject="…", text="…", html="…",
          attachments=[("recapitulatif.pdf", pdf_bytes, "application/pdf")])
    db.commit()  # the message exists once what caused it is committed, and only then

Nothing here renders words: the callers pass them (from rules/messages.yaml, through their templates).
"""
from __future__ import annotations

import email.policy
import email.utils
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage

from sqlalchemy.orm import Session

from wizard.mail.transport import SendFailed, from_config
from wizard.store import outbox


def queue(db: Session, config, *, kind: str, to: str, subject: str, text: str, html: str | None = None,
          attachments: Iterable[tuple[str, bytes, str]] = ()) -> int:
    """Write one message (text, and HTML as its alternative; attachments as (file name, bytes, MIME type)) from
    EIG_MAIL_FROM, answers to EIG_MAIL_REPLY_TO; return its outbox id. The caller commits."""
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = config["MAIL_FROM"]
    if config.get("MAIL_REPLY_TO"):
        message["Reply-To"] = config["MAIL_REPLY_TO"]
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = email.utils.formatdate(localtime=False)
    message["Message-ID"] = email.utils.make_msgid(domain=_domain(config["MAIL_FROM"]))
    message["Content-Language"] = "fr"
    message.set_content(text)
    if html is not None:
        message.add_alternative(html, subtype="html")
    for name, content, mime in attachments:
        main, sub = mime.split("/", 1)
        message.add_attachment(content, maintype=main, subtype=sub, filename=name)
    return outbox.add(db, kind, to, message.as_bytes())


def _domain(address: str) -> str:
    return email.utils.parseaddr(address)[1].rpartition("@")[2] or "localhost"


@dataclass(frozen=True)
class Report:
    sent: int
    failed: int
    errors: tuple[str, ...]


def send_due(db: Session, config, now: datetime | None = None, limit: int = 100) -> Report:
    """Send up to `limit` messages due at `now`, each attempt recorded; a failure keeps its message for a later
    try, with a growing delay, and the next message is tried all the same."""
    transport = from_config(config)
    sender = email.utils.parseaddr(config["MAIL_FROM"])[1]
    sent, errors = 0, []
    for _ in range(limit):
        taken = outbox.take(db, now)
        if taken is None:
            break
        try:
            transport.send(sender, taken.recipient, taken.raw)
        except SendFailed as error:
            outbox.failed(db, taken.id, str(error), now)
            errors.append(str(error))
            continue
        outbox.sent(db, taken.id)
        sent += 1
    return Report(sent, len(errors), tuple(errors))


def where(config) -> str:
    """Where messages go: the SMTP server (host:port) or the folder of .eml files."""
    return from_config(config).where()


def writes_files(config) -> bool:
    return not config.get("SMTP_URL")
