"""The EIG eligibility wizard: a Flask application factory that calls small setup steps one by one."""
from __future__ import annotations

import secrets
from pathlib import Path

from flask import Flask

from wizard import config as configuration
from wizard import dsfr
from wizard.rules import Rules, RulesError, load_rules

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__, template_folder=str(ROOT / "templates"), static_folder=str(ROOT / "static"),
                instance_path=str(ROOT / "instance"))
    setup_config(app, config or {})
    setup_rules(app)
    dsfr.register(app)
    setup_health(app)
    return app


def setup_config(app: Flask, overrides: dict) -> None:
    app.config.update(configuration.from_environment())
    app.config.update(overrides)
    configuration.check_safe(app.config, app.debug)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _embedded_secret_key(Path(app.instance_path))


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


def setup_health(app: Flask) -> None:
    @app.get("/healthz")
    def healthz():
        return {"status": "ok", "rules_version": rules_of(app).version}
