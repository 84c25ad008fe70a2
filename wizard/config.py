"""Configuration from the environment, in one place, with safe defaults for the embedded run."""
from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from wizard.paths import INSTANCE_DIR, RULES_DIR


class UnsafeConfiguration(RuntimeError):
    pass


def from_environment(environ=os.environ) -> dict:
    """Flask settings read from environment variables.

    EIG_EMBEDDED=1 is the single-machine run of the README (plain HTTP on localhost): it may do without
    SECRET_KEY and Secure cookies. Anything else is treated as production.
    """
    embedded = environ.get("EIG_EMBEDDED") == "1"
    return {
        "SECRET_KEY": environ.get("SECRET_KEY"),
        "EMBEDDED": embedded,
        "RULES_DIR": Path(environ.get("EIG_RULES_DIR", RULES_DIR)),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": not embedded,
        "SESSION_REFRESH_EACH_REQUEST": False,  # the cookie is sent back only when the session changes
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=int(environ.get("EIG_SESSION_HOURS", "4"))),
        "MAX_CONTENT_LENGTH": int(environ.get("EIG_MAX_REQUEST_BYTES", 256 * 1024)),
        "HSTS": environ.get("EIG_HSTS", "0" if embedded else "1") == "1",
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
        # SQLite in the instance folder for the embedded run; PostgreSQL when several app processes share one database.
        "DATABASE_URL": environ.get("DATABASE_URL") or f"sqlite:///{INSTANCE_DIR / 'eig-wizard.sqlite3'}",
        "RETENTION_DAYS": int(environ.get("EIG_RETENTION_DAYS", "365")),
        # Reverse proxies in front of the app whose X-Forwarded-For / -Proto / -Host are trusted (0: none).
        "PROXIES": int(environ.get("EIG_PROXIES", "0")),
        # beta.gouv.fr's public API, which `eig-wizard beta sync` copies, and how long it waits for an answer.
        "BETA_API": environ.get("EIG_BETA_API", "https://beta.gouv.fr/api/v2.7"),
        "BETA_TIMEOUT": float(environ.get("EIG_BETA_TIMEOUT", "30")),
    }


def check_safe(config: dict, debug: bool) -> None:
    """Refuse to start in production without a real secret key."""
    if config.get("TESTING") or debug:
        return
    if not config.get("SECRET_KEY"):
        if config.get("EMBEDDED"):
            return
        raise UnsafeConfiguration(
            "SECRET_KEY n'est pas défini : l'application refuse de démarrer en production sans clé secrète. "
            "Définissez SECRET_KEY (au moins 32 caractères aléatoires), ou EIG_EMBEDDED=1 pour un usage local.")
    if len(config["SECRET_KEY"]) < 32:
        raise UnsafeConfiguration("SECRET_KEY est trop courte : au moins 32 caractères aléatoires sont attendus.")
