"""The read-only link (/consulter/<token>): the result and the summary of a saved assessment as last saved, never
its answers' editing; it puts nothing in the session. The agent (from the resumed assessment) and a manager
revoke it; the agent may then make a new one."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, session, url_for
from flask_wtf import FlaskForm

from wizard.core import words
from wizard.report.content import build_report
from wizard.store import assessments, db, links
from wizard.web.pdf_download import pdf_download
from wizard.web.public_url import absolute_url_for
from wizard.web.saved_views import NOTICES, PANEL, SAVED_ID

bp = Blueprint("shared", __name__)


class ShareForm(FlaskForm):
    """Only the CSRF token: a new read-only link, or every one revoked."""


@bp.after_request
def private(response):
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"  # the link's token must not follow a link out
    return response


def _read(token: str):
    found = links.find(db.session(), token)
    if found is None or found[1] != links.LINK_READ:
        abort(404)
    return found[0]


def _report(assessment) -> dict:
    return build_report(current_app.extensions["rules"], assessment.answers, assessment.result,
                        words.paris_date(assessment.updated_at))


@bp.get("/consulter/<token>")
def read(token: str):
    assessment = _read(token)
    return render_template("shared/read.html", assessment=assessment, report=_report(assessment),
                           pdf_url=url_for(".read_pdf", token=token), faq_url=url_for("wizard.faq"))


@bp.get("/consulter/<token>/recapitulatif.pdf")
def read_pdf(token: str):
    return pdf_download(_report(_read(token)), back_url=url_for(".read", token=token))


@bp.post("/evaluation-enregistree/lien-de-lecture")
def new_read_link():
    """A new read-only link for the session's saved assessment, shown once on its page."""
    assessment = _saved_or_404()
    token = links.add(db.session(), assessment.id, links.LINK_READ)
    db.session().commit()
    return render_template("shared/new_link.html", read_url=absolute_url_for(".read", token=token),
                           back=url_for("wizard.check", _anchor=PANEL))


@bp.post("/evaluation-enregistree/lien-de-lecture/revoquer")
def revoke_read_links():
    assessment = _saved_or_404()
    links.revoke_read(db.session(), assessment.id)
    db.session().commit()
    flash(current_app.extensions["rules"].messages["links"]["share_revoked"], NOTICES)
    return redirect(url_for("wizard.check", _anchor=PANEL), 303)


def _saved_or_404():
    saved_id = session.get(SAVED_ID)
    assessment = assessments.get(db.session(), saved_id) if saved_id is not None else None
    if assessment is None or not ShareForm().validate_on_submit():
        abort(404 if assessment is None else 400)
    return assessment
