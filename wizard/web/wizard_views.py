"""The wizard's routes: read the stored answers, ask the flow, the engine (through the contexts) and the
forms, then render or redirect. Nothing here decides a verdict."""
from __future__ import annotations

import dataclasses
from datetime import date

from flask import Blueprint, abort, current_app, flash, get_flashed_messages, redirect, render_template, request, url_for

from wizard.store import drafts
from wizard.web import beta_records, request_assessment
from wizard.core import flow, words
from wizard.web.pages.check import check_context
from wizard.web.forms import REVEALED_IN_PLACE, RETURN_TO_CHECK, StepForms, follow_up_anchor, form_data
from wizard.web.pages.result import result_context
from wizard.web.pages.start import start_context
from wizard.web.pages.step import step_context
from wizard.web.request_assessment import resume
from wizard.rules.faq import unlinked
from wizard.core.submission import destination, keep_for_later, submit

bp = Blueprint("wizard", __name__)

LATER = "enregistrer"  # the step's button "Enregistrer et reprendre plus tard"
# The one-time notice (flash) that names the follow-up question the step is shown again for.
NOTICE_REVEALED = "questions-complementaires"


def today() -> date:
    """The day the call's calendar is compared with: TODAY in the configuration, else today in Paris."""
    return words.today(current_app.config.get("TODAY"))


def _forms() -> StepForms:
    return current_app.extensions["step_forms"]


@bp.after_request
def no_store(response):
    # The pages show the agent's answers: no cache may keep them, and the back button reloads them.
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/")
def start():
    assessment = request_assessment.current()
    context = start_context(assessment.rules, assessment.declared, assessment.completed)
    return render_template("start.html", **context)


@bp.route("/etapes/<step_id>", methods=["GET", "POST"])
def step(step_id: str):
    assessment = request_assessment.current()
    rules, answers, completed = assessment.rules, assessment.declared, assessment.completed
    current = flow.find_step(rules, step_id) or abort(404)
    # Where the agent may go is decided on the answers as the record corrects them, as the verdict is.
    if not flow.is_reachable(rules, current, assessment.answers, completed):
        return resume()
    if (current.criteria or current.checklist) and assessment.result["eligibility"]["status"] == "ineligible":
        # The jury's criteria and the partner's commitments are never asked of a project not eligible.
        return redirect(url_for("wizard.result"), 303)
    address_check = None
    form_class = _forms().form_class(current, flow.page_questions(rules, current, answers))
    on_step = {spec.name for spec in form_class.specs}
    pending = drafts.get_pending()
    kept_elsewhere = {name: value for name, value in pending.items() if name not in on_step}
    if request.method == "GET":
        returning = request.args.get("retour") == RETURN_TO_CHECK
        typed = {name: value for name, value in pending.items() if name in on_step}
        form = form_class(data={**form_data(answers), **typed}, retour=RETURN_TO_CHECK if returning else "")
        if typed:  # saved for later with these: shown again as typed, with their errors
            errors = submit(rules, current, answers, completed, form.raw_answers(), {}).errors
            form.show_errors({name: message for name, message in errors.items() if name in typed})
    else:
        form = form_class()
        action = request.form.get("action")
        skip = action == "passer"
        returning = form.retour.data == RETURN_TO_CHECK
        if skip and flow.skip_erases(rules, current, answers, returning) and request.form.get("confirmer") != "oui":
            # One click must not erase the nine levels given: a page asks first.
            return render_template("skip_criteria.html", step=current, retour=form.retour.data)
        posted = beta_records.with_site_address(current, form.raw_answers())
        submission = submit(rules, current, answers, completed, posted,
                            form.offer_errors(rules.messages["answers"]), skip=skip,
                            revealed_in_place=frozenset(request.form.getlist(REVEALED_IN_PLACE)))
        address_check = None if submission.errors else beta_records.address_check(
            current, answers, submission.answers, request.form.get(beta_records.GO_ON_DECLARED) == "oui")
        if address_check:  # an address the copy has no page at: said at its field, with a way to go on declared
            submission = dataclasses.replace(submission, errors={address_check["field"]: address_check["message"]})
        if action == LATER:
            later_answers, later_pending = keep_for_later(rules, current, answers, completed, form.raw_answers(),
                                                          submission)
            drafts.save(later_answers, submission.completed if not submission.errors else completed,
                        {**kept_elsewhere, **later_pending})
            return redirect(url_for("saved.later", depuis=current.id), 303)
        if not submission.errors:
            drafts.save(submission.answers, submission.completed, kept_elsewhere)
            if submission.revealed:
                flash(submission.revealed[0].id, NOTICE_REVEALED)
            elif beta_records.decided_by_record(assessment, request_assessment.current(), current):
                # The product's record decides the verdict: said at once, where the product is, naming the record.
                return redirect(url_for("wizard.step", step_id=current.id, **({"retour": RETURN_TO_CHECK} if returning else {}))
                                + f"#{beta_records.RECORD_ANCHOR}", 303)
            return _go(destination(rules, current, submission, returning=returning))
        form.show_errors(submission.errors)
    revealed = next(iter(get_flashed_messages(category_filter=[NOTICE_REVEALED])), None)
    extra = {"address_check": address_check} if address_check else {}
    context = {**step_context(rules, current, form, answers, revealed),
               "ineligible": assessment.result["eligibility"]["status"] == "ineligible"}  # the record's say included
    return render_template("step.html", **context, **beta_records.step_part(assessment, current), **extra)


@bp.get("/verification")
def check():
    assessment = request_assessment.current()
    if assessment.next_step is not None:
        return resume()
    rows = beta_records.facts_part(assessment.rules, assessment.facts).get("fact_rows")
    return render_template("check.html", **check_context(assessment.rules, assessment.declared, assessment.answers,
                                                          rows, beta_records.RECORD_ANCHOR))


@bp.get("/resultat")
def result():
    assessment = request_assessment.current()
    context = result_context(assessment, today())
    if context is None:  # neither complete nor already ineligible: no verdict to give yet
        return resume()
    return render_template("result.html", **context, **beta_records.facts_part(assessment.rules, assessment.facts))


# Pages that "Recommencer à zéro" may go back to when the agent cancels.
RESTART_FROM = {"verification": "wizard.check", "resultat": "wizard.result"}


@bp.route("/recommencer", methods=["GET", "POST"])
def restart():
    """A page asks first (a link and a form: no JavaScript needed); the post clears the answers and says so."""
    if request.method == "GET":
        back = url_for(RESTART_FROM.get(request.args.get("depuis", ""), "wizard.start"))
        return render_template("restart.html", back=back, has_answers=bool(drafts.get_answers()))
    drafts.clear()
    flash(current_app.extensions["rules"].messages["notices"]["restarted"], "recommencer")
    return redirect(url_for("wizard.start"), 303)


@bp.get("/faq")
def faq():
    # The FAQ is the same whatever the steps' order: the page needs no database.
    rules = current_app.extensions["rules"]
    programme, phase = rules.programme, rules.programme.call.on(today())
    # Between calls, the FAQ's dossier link is not live: plain text, with why beside it.
    entries = [{"slug": entry.slug, "title": entry.title,
                "html": unlinked(entry.html, programme.dossier_url, phase.unlinked) if phase.unlinked else entry.html}
               for entry in rules.faq.entries]
    notes = {note.faq: note.text for note in programme.sources_differ.values()}
    return render_template("faq.html", faq=rules.faq, entries=entries, notes=notes)


def _go(to):
    return redirect(url_for(to.endpoint, **to.values) + (f"#{follow_up_anchor(to.focus.id)}" if to.focus else ""), 303)

