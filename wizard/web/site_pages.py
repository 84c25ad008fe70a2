"""The pages a French public site owes (footer): accessibility statement, legal notice, terms of use, site map, and
/.well-known/security.txt.

The personal data page is the saved assessments' own (saved_views.personal_data). Who publishes, who directs
the publication, who hosts and whom to ask about personal data come from the configuration (wizard/config.py).
"""
from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template

from wizard import config as configuration
from wizard.web.public_url import absolute_url_for

bp = Blueprint("site", __name__)


def site_config() -> dict:
    config = current_app.config
    return {key: config[key] for key in ("PUBLISHER", "PUBLICATION_DIRECTOR", *configuration.OPERATOR_DETAILS,
                                         *configuration.OPTIONAL_DETAILS, "SENTRY_DSN")}


def _contacts():
    return current_app.extensions["rules"].programme.contacts


@bp.get("/accessibilite")
def accessibility():
    return render_template("site/accessibility.html", site=site_config(), contacts=_contacts())


@bp.get("/mentions-legales")
def legal_notice():
    return render_template("site/legal_notice.html", site=site_config())


@bp.get("/cgu")
def terms():
    return render_template("site/terms.html", site=site_config(), contacts=_contacts(),
                           retention_days=current_app.config["RETENTION_DAYS"])


@bp.get("/plan-du-site")
def site_map():
    return render_template("site/site_map.html")


@bp.get("/.well-known/security.txt")
def security_txt():
    """RFC 9116: whom to tell of a flaw, until when this holds, in which languages; the file's own address."""
    contact = current_app.config["SECURITY_CONTACT"]
    if not contact:
        abort(404)  # the embedded run, with no operator: production does not start without one
    expires = configuration.security_expires(current_app.config)
    lines = [f"Contact: {contact}", f"Expires: {expires:%Y-%m-%dT%H:%M:%SZ}", "Preferred-Languages: fr, en",
             f"Canonical: {absolute_url_for('site.security_txt')}"]
    return "\n".join(lines) + "\n", {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=86400"}
