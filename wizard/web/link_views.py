"""The links by e-mail after the save: "Recevoir à nouveau mon lien" (/recevoir-mon-lien), which answers the same
whether the address is known or not and sends only by e-mail; the contact address given, changed or removed from
the resumed assessment (a new resume link goes to a new address)."""
from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, abort, current_app, flash, make_response, redirect, render_template, request, session, url_for
from flask_wtf import FlaskForm
from wtforms import EmailField
from wtforms.validators import InputRequired, Optional

from wizard.store import anonymous_saves, assessments, db, links, outbox
from wizard.store.models import utcnow
from wizard.web import mail_letters
from wizard.web.saved_views import NOTICES, PANEL, SAVED_ID, address_check, strip

bp = Blueprint("links", __name__)

# Messages of links sent again to one address in an hour, whoever asks: past it, the page answers the same and
# nothing more is sent (an address cannot be flooded from the page).
AGAIN_PER_HOUR = 3


def _words() -> dict:
    return current_app.extensions["rules"].messages["links"]


class AgainForm(FlaskForm):
    courriel = EmailField(filters=[strip], validators=[InputRequired(), address_check])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.courriel.label.text = _words()["again_address"]
        self.courriel.validators[0].message = _words()["again_required"]


class AddressForm(FlaskForm):
    courriel = EmailField(filters=[strip], validators=[Optional(), address_check])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.courriel.label.text = _words()["address_field"]


@bp.after_request
def private(response):
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/recevoir-mon-lien", methods=["GET", "POST"])
def again():
    form = AgainForm()
    if not form.validate_on_submit():
        return render_template("saved/links_again.html", form=form), 400 if request.method == "POST" else 200
    # Asking counts with the saves of this client (one allowance, EIG_SAVES_PER_HOUR): the page cannot be used
    # to try address after address.
    wait = anonymous_saves.seconds_to_wait(db.session(), request.remote_addr or "", current_app.config["SAVES_PER_HOUR"])
    if wait:
        response = make_response(render_template("saved/links_again.html", form=form,
                                                 too_many=max(1, round(wait / 60))), 429)
        response.headers["Retry-After"] = str(wait)
        return response
    address = form.courriel.data
    session_db = db.session()
    found = links.with_address(session_db, address)
    if found and outbox.recent(session_db, mail_letters.LINKS_AGAIN, address,
                               utcnow() - timedelta(hours=1)) < AGAIN_PER_HOUR:
        mail_letters.links_again(address, found)
        session_db.commit()
    return render_template("saved/links_again_done.html", address=address)


@bp.post("/evaluation-enregistree/adresse")
def address():
    saved_id = session.get(SAVED_ID)
    assessment = assessments.get(db.session(), saved_id) if saved_id is not None else None
    if assessment is None:
        abort(404)
    form = AddressForm()
    if not form.validate_on_submit():
        if set(form.errors) != {"courriel"}:
            abort(400)
        return render_template("saved/address.html", form=form, assessment=assessment), 400
    new = form.courriel.data or None
    session_db = db.session()
    assessments.set_contact(session_db, assessment.id, new)
    if new:  # in the same transaction: the address and the message to it
        read = links.add(session_db, assessment.id, links.LINK_READ) if links.has_read(session_db, assessment.id) else None
        mail_letters.resume_link(new, assessment.status, links.add(session_db, assessment.id, links.LINK_EDIT), read)
    session_db.commit()
    flash(_words()["address_saved" if new else "address_removed"], NOTICES)
    return redirect(url_for("wizard.check", _anchor=PANEL), 303)


@bp.app_template_global()
def address_panel() -> tuple[AddressForm, str | None]:
    """The contact address form of the save panel, and the session's saved assessment's address now."""
    saved_id = session.get(SAVED_ID)
    assessment = assessments.get(db.session(), saved_id) if saved_id is not None else None
    return AddressForm(formdata=None), assessment.contact_email if assessment else None
