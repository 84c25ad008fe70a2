"""The agent's e-mails, in words of rules/messages.yaml (group `mail`) through templates/mail/: the resume link at
save, the links sent again. Queued in the caller's transaction (wizard/mail/outbox.py); sent after the response,
in a thread of this process, and by `eig-wizard mail send` for what that could not send."""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from flask import after_this_request, current_app, render_template
from sqlalchemy.orm import Session

from wizard.core.words import local_time
from wizard.mail import outbox as mail
from wizard.store import db, links
from wizard.store.models import utcnow
from wizard.web.public_url import absolute_url_for

RESUME_LINK, LINKS_AGAIN = "resume_link", "links_again"  # outbox kinds
_log = logging.getLogger(__name__)


def _words() -> dict:
    return current_app.extensions["rules"].messages["mail"]


def _verdict(status: str) -> str:
    return current_app.extensions["rules"].messages["statuses"].get(status, status)


def _letter(kind: str, to: str, subject: str, template: str, attachments=(), **context) -> None:
    context = {"words": _words(), "title": subject, **context}
    mail.queue(db.session(), current_app.config, kind=kind, to=to, subject=subject,
               text=render_template(f"mail/{template}.txt", **context),
               html=render_template(f"mail/{template}.html", **context), attachments=attachments)
    send_after_response()


def resume_link(to: str, status: str, edit_token: str, read_token: str | None, attachments=()) -> None:
    """The message of a save: the date (now), the verdict, the links (queued, not committed)."""
    words = _words()
    _letter(RESUME_LINK, to, words["resume_subject"], "resume_link", attachments,
            date=local_time(utcnow()), verdict=_verdict(status),
            edit_url=absolute_url_for("saved.resume", token=edit_token),
            read_url=absolute_url_for("shared.read", token=read_token) if read_token else None,
            retention_days=current_app.config["RETENTION_DAYS"], attached=bool(attachments))


@dataclass(frozen=True)
class Item:
    name: str
    date: str
    verdict: str
    edit_url: str
    read_url: str | None


def links_again(to: str, assessments) -> None:
    """New links to each assessment saved with the address (the old ones keep working), in one message."""
    words, session = _words(), db.session()
    items = []
    for assessment in assessments:
        read = links.add(session, assessment.id, links.LINK_READ) if links.has_read(session, assessment.id) else None
        items.append(Item(name=assessment.product_name or assessment.administration_name or words["unnamed"],
                          date=local_time(assessment.updated_at), verdict=_verdict(assessment.status),
                          edit_url=absolute_url_for("saved.resume", token=links.add(session, assessment.id,
                                                                                     links.LINK_EDIT)),
                          read_url=absolute_url_for("shared.read", token=read) if read else None))
    _letter(LINKS_AGAIN, to, words["again_subject"], "links_again", items=items)


def send_after_response() -> None:
    """Once this response is sent, send what is due in a thread: a server down or slow never delays a page."""
    app = current_app._get_current_object()

    @after_this_request
    def _later(response):
        response.call_on_close(lambda: threading.Thread(target=send_now, args=(app,), daemon=True).start())
        return response


def send_now(app) -> None:
    with app.app_context(), Session(db.engine(), expire_on_commit=False) as session:
        try:
            mail.send_due(session, app.config, limit=20)
        except Exception:  # the database, most likely: the outbox keeps everything for `mail send`
            _log.exception("envoi des courriels après la réponse : échec, la boîte d'envoi garde les messages")
