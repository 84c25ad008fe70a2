"""A word back, at the end of the result: « Je donne mon avis » (the Observatoire de la qualité des démarches en
ligne's button, EIG_MONAVIS_URL, shown only when set) and « Signaler une erreur dans ce résultat », a message to the
programme team that carries the rules' version, the date and the result's reference, never the answers."""
from __future__ import annotations

from urllib.parse import quote

from flask import Flask, current_app, session

from wizard.core import words
from wizard.store.assessments import import_key
from wizard.web import request_assessment
from wizard.web.saved_views import SAVED_ID


def feedback() -> dict:
    rules = current_app.extensions["rules"]
    texts = rules.messages["feedback"]
    assessment = request_assessment.current()
    saved = session.get(SAVED_ID)
    # The saved assessment's number, or a digest of the answers that cannot be read back into them.
    reference = texts["saved_reference"].format(number=saved) if saved else import_key(assessment.values)[:12]
    status = rules.messages["statuses"].get(assessment.result["eligibility"]["status"], "")
    subject = texts["report_subject"].format(reference=reference)
    body = texts["report_body"].format(version=rules.version, date=words.french_date(words.today(
        current_app.config.get("TODAY"))), reference=reference, verdict=status)
    address = next((contact.email for contact in rules.programme.contacts if contact.email), "")
    return {"monavis_url": current_app.config.get("MONAVIS_URL") or None, "texts": texts,
            "report_href": f"mailto:{address}?subject={quote(subject)}&body={quote(body)}"}


def register(app: Flask) -> None:
    app.add_template_global(feedback, "feedback")
