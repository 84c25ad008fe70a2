"""Configuration from the environment, in one place, with safe defaults for the embedded run."""
from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from zxcvbn import zxcvbn

from wizard.paths import INSTANCE_DIR, RULES_DIR

# The embedded run's address (make run); production must say its own in EIG_PUBLIC_URL.
EMBEDDED_PUBLIC_URL = "http://127.0.0.1:5000"
# A secret key must resist about 10^28 guesses (some 93 bits) by zxcvbn's estimate: 32 random hexadecimal
# characters do, 32 times the same character or a repeated phrase do not.
MIN_SECRET_KEY_LENGTH = 32
MIN_SECRET_KEY_GUESSES_LOG10 = 28
# The session cookie's name in production: the browser keeps a `__Host-` cookie only if it is Secure, set for
# the whole site and for this host alone, so no sibling domain can plant or overwrite it.
HOST_COOKIE_NAME = "__Host-session"
BETA_SITE = "https://beta.gouv.fr"


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
        "SESSION_COOKIE_NAME": "session" if embedded else HOST_COOKIE_NAME,
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
        # New assessments one client address may save in an hour (EIG_PROXIES says which address is the client's).
        "SAVES_PER_HOUR": int(environ.get("EIG_SAVES_PER_HOUR", "60")),
        # beta.gouv.fr's two documents, which `eig-wizard beta sync` copies, and how long it waits for them.
        **beta_documents(environ),
        "BETA_CONNECT_TIMEOUT": float(environ.get("EIG_BETA_CONNECT_TIMEOUT", "10")),
        "BETA_TIMEOUT": float(environ.get("EIG_BETA_TIMEOUT", "30")),
        "BETA_DEADLINE": float(environ.get("EIG_BETA_DEADLINE", "300")),
        # PDFs one process makes at a time; the requests past it get a 503 with Retry-After.
        "PDF_CONCURRENCY": int(environ.get("EIG_PDF_CONCURRENCY", "1")),
        # Who publishes the site, directs its publication and hosts it (legal notice), and whom to ask about
        # personal data: set them for each deployment; the host has no default, the page then says so.
        "PUBLISHER": environ.get("EIG_PUBLISHER", "Direction interministérielle du numérique (DINUM), 20 avenue de Ségur, 75007 Paris"),
        "PUBLICATION_DIRECTOR": environ.get("EIG_PUBLICATION_DIRECTOR", "La directrice ou le directeur interministériel du numérique"),
        "HOST": environ.get("EIG_HOST", ""),
        "DPO_CONTACT": environ.get("EIG_DPO_CONTACT", ""),
        # The day the call's calendar is compared with (AAAA-MM-JJ); unset: today in Paris.
        "TODAY": _day(environ.get("EIG_TODAY")),
        # The address people reach the service at: absolute links (the resume link, the PDF's) start with it,
        # never with the request's Host header.
        "PUBLIC_URL": environ.get("EIG_PUBLIC_URL") or (EMBEDDED_PUBLIC_URL if embedded else None),
        # A manager's session ends after this long without a page of /gestion (and at the latest after
        # PERMANENT_SESSION_LIFETIME).
        "MANAGER_IDLE_TIMEOUT": timedelta(minutes=int(environ.get("EIG_MANAGER_IDLE_MINUTES", "30"))),
        **proconnect(environ),
    }


# ProConnect's levels of assurance (acr) a manager may sign in with: a password with the organisation's link
# moderated at least (eidas1), or better; eidas0 (declared identity or link) is refused.
PROCONNECT_ACR = "eidas1 eidas1-mfa eidas2 eidas3"


def proconnect(environ) -> dict:
    """ProConnect (OpenID Connect), on when its issuer is set: the issuer's discovery document gives the rest.
    Without the three variables, the managers sign in with the local accounts only."""
    issuer = (environ.get("EIG_PROCONNECT_ISSUER") or "").strip().rstrip("/")
    settings = {"PROCONNECT_ISSUER": issuer,
                "PROCONNECT_CLIENT_ID": environ.get("EIG_PROCONNECT_CLIENT_ID", ""),
                "PROCONNECT_CLIENT_SECRET": environ.get("EIG_PROCONNECT_CLIENT_SECRET", ""),
                "PROCONNECT_ACR": tuple(environ.get("EIG_PROCONNECT_ACR", PROCONNECT_ACR).split()),
                # Domains whose agents may enter /gestion without being on the managers' list (read-only role).
                "PROCONNECT_DOMAINS": tuple(domain.strip().lower().lstrip("@") for domain in
                                            environ.get("EIG_PROCONNECT_DOMAINS", "").split(",") if domain.strip())}
    if issuer:
        parts = urlsplit(issuer)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
            raise UnsafeConfiguration(f"EIG_PROCONNECT_ISSUER doit être l'adresse de l'émetteur ProConnect, par "
                                      f"exemple https://proconnect.gouv.fr/api/v2, pas « {issuer} ».")
        if not settings["PROCONNECT_CLIENT_ID"] or not settings["PROCONNECT_CLIENT_SECRET"]:
            raise UnsafeConfiguration("EIG_PROCONNECT_ISSUER est définie : EIG_PROCONNECT_CLIENT_ID et "
                                      "EIG_PROCONNECT_CLIENT_SECRET, que ProConnect donne à l'inscription du "
                                      "service, doivent l'être aussi.")
    return settings


def proconnect_origin(config: dict) -> str | None:
    """The provider's address (scheme, host, port), where its pages are; None when ProConnect is off."""
    parts = urlsplit(config.get("PROCONNECT_ISSUER") or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else None


def beta_documents(environ) -> dict:
    """Where `beta sync` reads each document. The live site serves them at two versions of its API (there is no
    v2.7 organisations.json); EIG_BETA_API names one folder that holds both (a mirror, the tests' snapshot), and
    EIG_BETA_SITE moves the site's origin as a whole (a test server laid out as the site is)."""
    site = environ.get("EIG_BETA_SITE", BETA_SITE).rstrip("/")
    folder = (environ.get("EIG_BETA_API") or "").rstrip("/")
    startups = f"{folder}/startups.json" if folder else f"{site}/api/v2.7/startups.json"
    organisations = f"{folder}/organisations.json" if folder else f"{site}/api/v2.6/organisations.json"
    return {"BETA_STARTUPS_URL": environ.get("EIG_BETA_STARTUPS_URL") or startups,
            "BETA_ORGANISATIONS_URL": environ.get("EIG_BETA_ORGANISATIONS_URL") or organisations}


def _day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UnsafeConfiguration(f"EIG_TODAY doit être une date de la forme AAAA-MM-JJ, pas « {text} ».") from None


def public_url(config: dict) -> str:
    """The service's public address without a trailing slash (the embedded one when none is configured)."""
    return (config.get("PUBLIC_URL") or EMBEDDED_PUBLIC_URL).rstrip("/")


def cookie_settings(config: dict) -> None:
    """A cookie sent without Secure (the tests' live servers on plain HTTP) cannot carry the `__Host-` prefix."""
    if not config["SESSION_COOKIE_SECURE"] and config["SESSION_COOKIE_NAME"].startswith("__Host-"):
        config["SESSION_COOKIE_NAME"] = "session"


def check_safe(config: dict, debug: bool) -> None:
    """Refuse to start in production without a real secret key and a public address."""
    if config.get("TESTING") or debug:
        return
    if not config.get("SECRET_KEY"):
        if config.get("EMBEDDED"):
            return
        raise UnsafeConfiguration(
            "SECRET_KEY n'est pas défini : l'application refuse de démarrer en production sans clé secrète. "
            "Définissez SECRET_KEY (au moins 32 caractères aléatoires), ou EIG_EMBEDDED=1 pour un usage local.")
    _check_secret_key(config["SECRET_KEY"])
    if not config.get("EMBEDDED"):
        _check_public_url(config.get("PUBLIC_URL"))


_MAKE_A_KEY = "Générez-en une avec : python3 -c 'import secrets; print(secrets.token_hex(32))'."


def _check_secret_key(key: str) -> None:
    if len(key) < MIN_SECRET_KEY_LENGTH:
        raise UnsafeConfiguration(f"SECRET_KEY est trop courte : au moins {MIN_SECRET_KEY_LENGTH} caractères "
                                  f"aléatoires sont attendus. {_MAKE_A_KEY}")
    # zxcvbn's estimate is slow on long texts and a key's first 100 characters tell enough.
    if zxcvbn(key[:100])["guesses_log10"] < MIN_SECRET_KEY_GUESSES_LOG10:
        raise UnsafeConfiguration("SECRET_KEY est trop prévisible (caractères répétés, suite, mots courants) : "
                                  f"ce doit être une suite de caractères tirés au hasard. {_MAKE_A_KEY}")


def _check_public_url(url: str | None) -> None:
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/") or parts.query \
            or parts.fragment:
        raise UnsafeConfiguration(
            "EIG_PUBLIC_URL n'est pas définie ou n'est pas une adresse : en production, l'application a besoin de "
            "l'adresse publique du service, sans chemin (par exemple https://eig.numerique.gouv.fr), pour les liens "
            "qu'elle donne, qu'elle ne prend jamais dans la requête.")
