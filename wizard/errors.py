"""Error pages in French, each with a way forward; never a traceback."""
from __future__ import annotations

from flask import Flask, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException


def setup_errors(app: Flask) -> None:
    app.register_error_handler(404, not_found)
    app.register_error_handler(CSRFError, csrf_failed)
    app.register_error_handler(413, too_large)
    app.register_error_handler(HTTPException, other_http_error)
    app.register_error_handler(500, unexpected)


def not_found(error):
    return render_template("errors/404.html", start_url=url_for("wizard.start")), 404


def csrf_failed(error):
    # A POST whose token is missing or wrong: the session expired, or the page was too old. The answers
    # still in the session are kept; the way forward is the page itself, shown afresh.
    return _page(400, "Votre formulaire n’a pas pu être envoyé",
                 "Votre session a expiré, ou la page était trop ancienne : par sécurité, le formulaire n’a pas été pris en compte.",
                 "Les réponses déjà enregistrées sont conservées tant que votre session est active. "
                 "Revenez à la page pour la remplir à nouveau.", back=True)


def too_large(error):
    return _page(413, "Votre envoi est trop volumineux",
                 "Le formulaire envoyé dépasse la taille acceptée : il n’a pas été pris en compte.",
                 "Raccourcissez vos réponses, puis envoyez le formulaire à nouveau. "
                 "Les réponses déjà enregistrées sont conservées.", back=True)


def other_http_error(error: HTTPException):
    return _page(error.code or 500, "Cette page n’est pas disponible",
                 "La demande n’a pas pu aboutir sous cette forme.",
                 "Reprenez l’auto-évaluation depuis la page d’accueil : vos réponses sont conservées.")


def unexpected(error):
    return _page(500, "Erreur inattendue",
                 "Le service a rencontré un problème. Excusez-nous pour la gêne occasionnée.",
                 "Essayez de nouveau dans quelques instants ; vos réponses sont conservées. "
                 "Si le problème persiste, écrivez à l’équipe du programme.")


def _page(status: int, title: str, message: str, details: str, back: bool = False):
    """`back` offers the page the form was on (a GET of the same address), else the start page."""
    start = url_for("wizard.start")
    action = request.path if back and request.path.startswith("/etapes/") else None
    return render_template("errors/error.html", title=title, status=status, message=message, details=details,
                           start_url=start, action_url=action), status
