"""The EIG eligibility wizard: a Flask application factory that calls small setup steps one by one."""
from __future__ import annotations

import secrets
from pathlib import Path

from flask import Flask, request, session
from werkzeug.middleware.proxy_fix import ProxyFix

from wizard import config as configuration
from wizard import fragments
from wizard.core import words
from wizard.manage import proconnect
from wizard.manage import views as manage_views
from wizard.report.pdf_cache import PdfCache
from wizard.paths import INSTANCE_DIR, TEMPLATES_DIR
from wizard.rules.loading import RulesError, load_rules
from wizard.rules.model import Rules
from wizard.rules.typography import FrenchSpacing
from wizard.store import db
from wizard.web import (beta_records, beta_views, dsfr, error_tracking, feedback, link_views, pdf_download, report_views,
                        saved_views, shared_views, site_pages, stats_views)
from wizard.web.body_limit import setup_body_limit
from wizard.web.errors import RETRY_AFTER_SECONDS, setup_errors
from wizard.web.fixed_urls import fixed_url
from wizard.web.forms import StepForms
from wizard.web.security import setup_security, static_file_headers
from wizard.web.wizard_views import bp, today

PROXY_WARNING = ("Les requêtes portent un en-tête X-Forwarded-For alors que EIG_PROXIES vaut 0 : l'application "
                 "est derrière un proxy dont elle ne lit pas les en-têtes, et tous les clients y partagent l'adresse "
                 "du proxy (la limite des connexions aussi). Indiquez le nombre de proxys dans EIG_PROXIES.")


def create_app(config: dict | None = None) -> Flask:
    # No static folder of Flask's: WhiteNoise serves the files built at install (wizard/web/dsfr.py).
    app = Flask(__name__, template_folder=str(TEMPLATES_DIR), static_folder=None, instance_path=str(INSTANCE_DIR))
    setup_config(app, config or {})
    error_tracking.setup(app)
    setup_proxy(app)
    setup_body_limit(app)
    setup_rules(app)
    setup_security(app)
    dsfr.register(app, headers=static_file_headers(app.config))
    setup_words(app)
    setup_wizard(app)
    setup_report(app)
    setup_persistence(app)
    setup_beta(app)
    setup_errors(app)
    setup_health(app)
    return app


def setup_config(app: Flask, overrides: dict) -> None:
    app.config.update(configuration.from_environment())
    app.config.update(overrides)
    configuration.cookie_settings(app.config)
    configuration.check_safe(app.config, app.debug)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _embedded_secret_key(Path(app.instance_path))


def setup_proxy(app: Flask) -> None:
    """Behind a reverse proxy, the client's address (login rate limit) and scheme (HSTS) come from its headers."""
    proxies = app.config.get("PROXIES", 0)
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
        return
    warned = []

    @app.before_request
    def warn_of_an_unknown_proxy():
        # Told once per process, at its first proxied request: every client then shares the proxy's address,
        # which the login throttling counts as one.
        if not warned and "X-Forwarded-For" in request.headers:
            warned.append(True)
            app.logger.warning(PROXY_WARNING)


def _embedded_secret_key(instance: Path) -> str:
    """The embedded run keeps one random key in the instance folder, so sessions survive a restart."""
    instance.mkdir(parents=True, exist_ok=True)
    path = instance / "secret_key"
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_hex(32))
    return path.read_text().strip()


def setup_rules(app: Flask) -> None:
    """Load and check the rules once, at start: a broken rule file stops the app with its problems."""
    try:
        app.extensions["rules"] = load_rules(app.config["RULES_DIR"])
    except RulesError as error:
        raise SystemExit(f"Règles invalides, l'application ne démarre pas :\n{error}") from None


def rules_of(app: Flask) -> Rules:
    return app.extensions["rules"]


def setup_wizard(app: Flask) -> None:
    app.extensions["step_forms"] = StepForms(rules_of(app))
    fragments.install(app.jinja_env)  # the pages keep the markup that depends on the rules only
    app.register_blueprint(bp)
    app.register_blueprint(site_pages.bp)

    @app.before_request
    def sessions_expire():
        # A session ends PERMANENT_SESSION_LIFETIME after it was last written, even if the browser stays
        # open. Marked once, when it holds something: an empty session sets no cookie, and the requests
        # that change nothing (static files above all) send none back (SESSION_REFRESH_EACH_REQUEST off).
        if session and not session.permanent:
            session.permanent = True

    # The DSFR footer's links, in its order (their words: rules/messages.yaml, layout).
    footer = (("site_map", "site.site_map"), ("accessibility", "site.accessibility"),
              ("legal_notice", "site.legal_notice"), ("personal_data", "saved.personal_data"), ("terms", "site.terms"),
              ("stats", "stats.page"))

    @app.context_processor
    def call_state():
        # Where the call stands today, said once at the top of every public page; the FAQ page unlinks the dossier.
        programme = app.extensions["rules"].programme
        phase = programme.call.on(today())
        return {"call_notice": phase.summary, "call_texts": dict(phase.texts), "call_unlinked": phase.unlinked,
                "sources_differ": {key: note.text for key, note in programme.sources_differ.items()},
                "reglement": {"label": programme.reglement[0], "file": programme.reglement[1]}}

    @app.context_processor
    def layout_links():
        words = app.extensions["rules"].messages["layout"]
        faq = {"label": words["faq"], "href": fixed_url("wizard.faq")}
        return {"home_url": fixed_url("wizard.start"), "header_links": [{**faq, "icon": "fr-icon-question-line"}],
                "footer_links": [{"label": words[key], "href": fixed_url(endpoint)} for key, endpoint in footer] + [faq]}


def setup_words(app: Flask) -> None:
    """The one vocabulary (wizard/core/words.py), for the templates: numbers, dates, the badges' kinds; and French
    punctuation spacing in the templates' own text (the rules' texts get it as they load)."""
    app.jinja_env.add_extension(FrenchSpacing)
    for name in ("percent", "decimal", "local_time", "whole"):
        app.add_template_filter(getattr(words, name), name)
    # The text fields' limits and counters (templates/macros/forms.html, whose macros are imported without context).
    app.add_template_global(rules_of(app).messages["counter"], "counter_words")
    # The managers' badges show statuses as the result does.
    app.add_template_global(words.STATUS_KINDS, "status_kinds")
    app.add_template_global(words.TRIAGE_KINDS, "triage_kinds")


def setup_report(app: Flask) -> None:
    """The summary report of the current answers: printable page and PDF (kept a while for the same report, in the
    instance folder, no longer than a draft lives)."""
    lifetime = int(app.config["PERMANENT_SESSION_LIFETIME"].total_seconds())
    folder = app.config.get("PDF_CACHE_DIR") or Path(app.instance_path) / "pdf"
    app.extensions["pdf_cache"] = PdfCache(Path(folder), keep_seconds=lifetime)
    pdf_download.setup(app)
    app.register_blueprint(report_views.bp)


def setup_persistence(app: Flask) -> None:
    """Saved assessments: the database, the agent's save and resume pages, the links by e-mail and the read-only
    one, the managers' area (/gestion)."""
    db.init_app(app)
    app.register_blueprint(saved_views.bp)
    app.register_blueprint(link_views.bp)
    app.register_blueprint(shared_views.bp)
    feedback.register(app)
    app.register_blueprint(manage_views.bp)
    proconnect.setup(app)
    app.register_blueprint(stats_views.bp)


def setup_beta(app: Flask) -> None:
    """beta.gouv.fr's records, when a copy is there: the product found first, its facts in the result."""
    beta_records.setup(app)
    app.register_blueprint(beta_views.bp)


def setup_health(app: Flask) -> None:
    """/healthz answers 200 only when the app can serve: rules loaded and the database answering."""
    @app.get("/healthz")
    def healthz():
        reason = db.unreachable_reason()
        if reason:
            return ({"status": "indisponible", "rules_version": rules_of(app).version, "database": reason}, 503,
                    {"Retry-After": str(RETRY_AFTER_SECONDS), "Cache-Control": "no-store"})
        return {"status": "ok", "rules_version": rules_of(app).version}, {"Cache-Control": "no-store"}
