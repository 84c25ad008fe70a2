"""Giving an assessment to a manager: to oneself ("À moi") or to a colleague who may triage (role gestion or
above), from its detail; the list shows to whom. /gestion/evaluations/<id>/attribution."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, request, url_for
from flask_wtf import FlaskForm
from sqlalchemy import select, update
from wtforms import SelectField, SubmitField

from wizard.manage import accounts, roles
from wizard.store import assessments, db
from wizard.store.models import ROLES, Assessment, Manager, utcnow

NOBODY = 0


class AssignForm(FlaskForm):
    manager = SelectField(coerce=int)
    to_me = SubmitField()

    def __init__(self, words: dict, **kwargs):
        super().__init__(**kwargs)
        self.manager.label.text, self.to_me.label.text = words["assign_to"], words["assign_to_me"]
        self.manager.choices = [(NOBODY, words["assign_nobody"])] + [
            (manager.id, manager.name and f"{manager.name} ({manager.email})" or manager.email)
            for manager in _colleagues()]


def _colleagues() -> list[Manager]:
    """The accounts that may triage, to whom an assessment may be given."""
    allowed = ROLES[ROLES.index(roles.MANAGE):]
    return list(db.session().scalars(select(Manager).where(Manager.role.in_(allowed)).order_by(Manager.email)))


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/evaluations/<int:assessment_id>/attribution", "assign",
                    roles.required(roles.MANAGE)(assign), methods=["POST"])


def form_for(assessment: Assessment) -> AssignForm:
    return AssignForm(current_app.extensions["rules"].messages["manage"], formdata=None,
                      data={"manager": assessment.assigned_to or NOBODY})


def assign(assessment_id: int):
    assessment = assessments.get(db.session(), assessment_id) or abort(404)
    words = current_app.extensions["rules"].messages["manage"]
    form = AssignForm(words)
    me = accounts.current_manager()
    if form.validate_on_submit():
        chosen = me.id if form.to_me.data else form.manager.data
        db.session().execute(update(Assessment).where(Assessment.id == assessment.id)
                             .values(assigned_to=chosen or None, changed_at=utcnow()))
        db.session().commit()
        flash(words["assigned"] if chosen else words["unassigned"], "gestion")
    return redirect(url_for("manage.detail", assessment_id=assessment.id, retour=request.args.get("retour")), 303)


def names() -> dict[int, str]:
    """Each account's id to what the list shows of it."""
    return {manager.id: manager.name or manager.email for manager in db.session().scalars(select(Manager))}
