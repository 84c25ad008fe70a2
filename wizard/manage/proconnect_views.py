"""/gestion's ProConnect routes: the button's post, the provider's return, the return after logout.

The button posts here (CSRF-checked) and is redirected to the provider; the provider sends the browser back to
/gestion/proconnect/retour, where the sign-in is checked (wizard/manage/proconnect.py), then the identity admitted
or not (wizard/manage/admission.py). Every refusal is a French page, and no session."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for

from wizard.manage import accounts, proconnect
from wizard.manage.admission import admit
from wizard.store import db
from wizard.web.public_url import absolute_url_for

ID_TOKEN_KEY = "proconnect_id_token"  # kept in the session for the logout's id_token_hint
NEXT_KEY = "proconnect_next"


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/proconnect", "proconnect_start", start, methods=["POST"])
    bp.add_url_rule("/proconnect/retour", "proconnect_return", returned)
    bp.add_url_rule("/proconnect/fin", "proconnect_logged_out", logged_out)


def _words() -> dict:
    return current_app.extensions["rules"].messages["proconnect"]


def refused(reason: str, status: int = 403):
    accounts.log_out()  # nothing of the attempt stays: no session, no state
    return render_template("gestion/refused.html", words=_words(), message=_words()[f"refused_{reason}"],
                           login_url=url_for("manage.login")), status


def start():
    if not proconnect.enabled():
        return redirect(url_for("manage.login"), 303)
    target = accounts.safe_next(request.args.get("suivant"), url_for("manage.index"))
    try:
        response = proconnect.start(absolute_url_for("manage.proconnect_return"))
    except proconnect.Refused as refusal:
        return refused(refusal.reason, 503)
    session[NEXT_KEY] = target
    response.status_code = 303
    return response


def returned():
    if not proconnect.enabled():
        return redirect(url_for("manage.login"), 303)
    try:
        identity, id_token = proconnect.finish()
    except proconnect.Refused as refusal:
        return refused(refusal.reason, 503 if refusal.reason == "unreachable" else 403)
    manager = admit(db.session(), identity, current_app.config["PROCONNECT_DOMAINS"])
    if manager is None:
        return refused("not_allowed")
    target = accounts.safe_next(session.get(NEXT_KEY), url_for("manage.index"))
    accounts.log_in(manager)
    session[ID_TOKEN_KEY] = id_token
    return redirect(target, 303)


def logout_redirect():
    """After the local session has ended: the redirect that ends the provider's too, or None (a local account)."""
    id_token = session.get(ID_TOKEN_KEY)
    accounts.log_out()
    if not proconnect.enabled() or not isinstance(id_token, str):
        return None
    response = proconnect.logout_redirect(id_token, absolute_url_for("manage.proconnect_logged_out"))
    if response is not None:
        response.status_code = 303
    return response


def logged_out():
    if proconnect.enabled() and proconnect.logout_returned():
        flash(current_app.extensions["rules"].messages["notices"]["logged_out"], "gestion")
    return redirect(url_for("manage.login"), 303)
