"""The pages a French public site owes (footer): accessibility statement, legal notice, site map.

The personal data page is the saved assessments' own (saved_views.personal_data). Who publishes, who directs
the publication, who hosts and whom to ask about personal data come from the configuration (wizard/config.py).
"""
from __future__ import annotations

from flask import Blueprint, current_app, render_template

bp = Blueprint("site", __name__)


def site_config() -> dict:
    config = current_app.config
    return {key: config[key] for key in ("PUBLISHER", "PUBLICATION_DIRECTOR", "HOST", "DPO_CONTACT")}


def _contacts():
    return current_app.extensions["rules"].programme.contacts


@bp.get("/accessibilite")
def accessibility():
    return render_template("site/accessibility.html", site=site_config(), contacts=_contacts())


@bp.get("/mentions-legales")
def legal_notice():
    return render_template("site/legal_notice.html", site=site_config())


@bp.get("/plan-du-site")
def site_map():
    return render_template("site/site_map.html")
