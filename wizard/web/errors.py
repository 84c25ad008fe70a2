"""Error pages in French, each with a way forward; never a traceback."""
from __future__ import annotations

from flask import Flask, current_app, g, make_response, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

from wizard.store import drafts

# Seconds a client is told to wait before trying again, when the database or the PDF maker is busy or away.
RETRY_AFTER_SECONDS = 30


def setup_errors(app: Flask) -> None:
    app.register_error_handler(404, not_found)
    app.register_error_handler(CSRFError, csrf_failed)
    app.register_error_handler(413, too_large)
    app.register_error_handler(HTTPException, other_http_error)
    app.register_error_handler(500, unexpected)
    for database_fault in (OperationalError, InterfaceError, PoolTimeout):
        app.register_error_handler(database_fault, database_unavailable)


def not_found(error):
    return render_template("errors/404.html", start_url=url_for("wizard.start")), 404


def csrf_failed(error):
    # The token is missing or wrong: the session expired, or the page was too old. What was just sent is not
    # kept; the page says truthfully whether this browser still holds answers, and else leads to the links.
    try:
        kept = bool(drafts.get_answers())
    except (OperationalError, InterfaceError, PoolTimeout):
        return database_unavailable(error)
    return _page("errors/csrf.html", 400, back=kept, kept=kept, words=current_app.extensions["rules"].messages["links"],
                 again_url=url_for("links.again"))


def too_large(error):
    return _page("errors/too_large.html", 413, back=True)


def other_http_error(error: HTTPException):
    return _page("errors/unavailable.html", error.code or 500)


def unexpected(error):
    contacts = current_app.extensions["rules"].programme.contacts
    return _page("errors/unexpected.html", 500, contact=next((c.email for c in contacts if c.email), ""),
                 sent=request.method == "POST")


def database_unavailable(error):
    """The database does not answer: say so, and never that what was just sent is kept (it is not)."""
    current_app.logger.error("Base de données injoignable (%s) : %s", type(error).__name__, error)
    # The page itself must not read the database again (the save panel's state, the manager logged in): see
    # database_fault().
    g.database_fault = True
    return unavailable_for_now("errors/database_unavailable.html", sent=request.method == "POST")


def database_fault() -> bool:
    """Whether this request's database failed: then the pages' context reads nothing more from it."""
    return g.get("database_fault", False)


def unavailable_for_now(template: str, **context):
    """A 503 page with Retry-After: something the page needs is away or busy for a while."""
    response = make_response(_page(template, 503, back=True, **context))
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _page(template: str, status: int, back: bool = False, **context):
    """`back` offers the step the form was on (a GET of the same address), besides the start page; an
    `action_url` given offers that page instead."""
    action = context.pop("action_url", None) or (request.path if back and request.path.startswith("/etapes/") else None)
    return render_template(template, status=status, start_url=url_for("wizard.start"), action_url=action,
                           **context), status
