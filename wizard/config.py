"""Configuration from the environment, in one place, with safe defaults for the embedded run."""
from __future__ import annotations

import os
from datetime import UTC, date, datetime, time, timedelta
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


# What the operator of an installation states on the public pages, by setting: (variable, what it is). Each one is
# required in production, where a placeholder would make the page's statement false.
OPERATOR_DETAILS = {
    "HOST": ("EIG_HOST", "l'hébergeur du service (nom, adresse, téléphone), pour les mentions légales et les sous-traitants"),
    "DPO_CONTACT": ("EIG_DPO_CONTACT", "le contact du ou de la déléguée à la protection des données"),
    "SECURITY_CONTACT": ("EIG_SECURITY_CONTACT", "l'adresse où signaler une faille (mailto:… ou https://…), "
                                                 "pour /.well-known/security.txt"),
    "SECURITY_EXPIRES": ("EIG_SECURITY_EXPIRES", "la date (AAAA-MM-JJ) jusqu'à laquelle /.well-known/security.txt est "
                                                 "valable, à moins d'un an"),
    "ACCESSIBILITY_PLAN_URL": ("EIG_ACCESSIBILITY_PLAN_URL", "l'adresse du schéma pluriannuel de mise en accessibilité"),
    "ACCESSIBILITY_PLAN_YEARS": ("EIG_ACCESSIBILITY_PLAN_YEARS", "les années du schéma pluriannuel (par exemple 2025-2027)"),
    "ACCESSIBILITY_ACTION_PLAN_URL": ("EIG_ACCESSIBILITY_ACTION_PLAN_URL", "l'adresse du plan d'action de l'année"),
    "ACCESSIBILITY_ACTION_PLAN_YEAR": ("EIG_ACCESSIBILITY_ACTION_PLAN_YEAR", "l'année de ce plan d'action (par exemple 2026)"),
}
# Required only with what it describes: the error tracker once SENTRY_DSN is set (the e-mail sender is
# EIG_SMTP_PROVIDER's, else the SMTP server's host: wizard/web/saved_views.py).
OPTIONAL_DETAILS = {
    "ERROR_TRACKER": ("EIG_ERROR_TRACKER", "qui opère le suivi des erreurs (SENTRY_DSN) : nom et pays d'hébergement, "
                                           "sous-traitant des données personnelles"),
}


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
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=number(environ, "EIG_SESSION_HOURS", 4, 1, 24 * 30, "heures")),
        "MAX_CONTENT_LENGTH": number(environ, "EIG_MAX_REQUEST_BYTES", 256 * 1024, 16 * 1024, 2**30, "octets"),
        "HSTS": environ.get("EIG_HSTS", "0" if embedded else "1") == "1",
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
        # SQLite in the instance folder for the embedded run; PostgreSQL when several app processes share one database.
        "DATABASE_URL": environ.get("DATABASE_URL") or f"sqlite:///{INSTANCE_DIR / 'eig-wizard.sqlite3'}",
        "RETENTION_DAYS": number(environ, "EIG_RETENTION_DAYS", 365, 1, 100 * 366, "jours"),
        # Reverse proxies in front of the app whose X-Forwarded-For / -Proto / -Host are trusted (0: none).
        "PROXIES": number(environ, "EIG_PROXIES", 0, 0, 10, "proxys"),
        # New assessments one client address may save in an hour (EIG_PROXIES says which address is the client's).
        "SAVES_PER_HOUR": number(environ, "EIG_SAVES_PER_HOUR", 60, 1, 10**6, "enregistrements"),
        # beta.gouv.fr's two documents, which `eig-wizard beta sync` copies, and how long it waits for them.
        **beta_documents(environ),
        "BETA_CONNECT_TIMEOUT": number(environ, "EIG_BETA_CONNECT_TIMEOUT", 10.0, 0.1, 600, "secondes", float),
        "BETA_TIMEOUT": number(environ, "EIG_BETA_TIMEOUT", 30.0, 0.1, 600, "secondes", float),
        "BETA_DEADLINE": number(environ, "EIG_BETA_DEADLINE", 300.0, 1, 24 * 3600, "secondes", float),
        # PDFs one process makes at a time; the requests past it get a 503 with Retry-After.
        "PDF_CONCURRENCY": number(environ, "EIG_PDF_CONCURRENCY", 1, 1, 64, "PDF"),
        # Who publishes the site, directs its publication and hosts it (legal notice), and whom to ask about
        # personal data: set them for each deployment; the host has no default, the page then says so.
        "PUBLISHER": environ.get("EIG_PUBLISHER", "Direction interministérielle du numérique (DINUM), 20 avenue de Ségur, 75007 Paris"),
        "PUBLICATION_DIRECTOR": environ.get("EIG_PUBLICATION_DIRECTOR", "La directrice ou le directeur interministériel du numérique"),
        **{key: environ.get(name, "").strip() for key, (name, _) in {**OPERATOR_DETAILS, **OPTIONAL_DETAILS}.items()},
        # Error tracking (wizard/web/error_tracking.py): off without a DSN.
        "SENTRY_DSN": environ.get("SENTRY_DSN", "").strip(),
        "SENTRY_ENVIRONMENT": environ.get("SENTRY_ENVIRONMENT") or ("local" if embedded else "production"),
        "SENTRY_RELEASE": environ.get("SENTRY_RELEASE", ""),
        # The day the call's calendar is compared with (AAAA-MM-JJ); unset: today in Paris.
        "TODAY": _day(environ.get("EIG_TODAY")),
        # The address people reach the service at: absolute links (the resume link, the PDF's) start with it,
        # never with the request's Host header.
        "PUBLIC_URL": environ.get("EIG_PUBLIC_URL") or (EMBEDDED_PUBLIC_URL if embedded else None),
        # A manager's session ends after this long without a page of /gestion (and at the latest after
        # PERMANENT_SESSION_LIFETIME).
        "MANAGER_IDLE_TIMEOUT": timedelta(minutes=number(environ, "EIG_MANAGER_IDLE_MINUTES", 30, 1, 24 * 60, "minutes")),
        **mail_settings(environ),
        **proconnect(environ),
    }


def number(environ, name: str, default: int | float, low: int | float, high: int | float, unit: str,
           kind: type = int) -> int | float:
    """A numeric setting, checked at start against its range: 0 hours of session, -1 bytes or 0 PDFs at a time
    would start the app and break it later, far from their cause. Unset or empty: the default."""
    text = (environ.get(name) or "").strip()
    if not text:
        return default
    try:
        value = kind(text)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:  # NaN is never within
        whole = "un nombre entier" if kind is int else "un nombre"
        raise UnsafeConfiguration(f"{name} doit être {whole} de {low} à {high} ({unit}), pas « {_printable(text)} ».")
    return value


def _printable(text: str) -> str:
    """A value quoted in a message without the terminal acting on it (an escape sequence is written out)."""
    return text if text.isprintable() else text.encode("unicode_escape").decode("ascii")


def mail_settings(environ) -> dict:
    """E-mail (wizard/mail/): the SMTP server, or none (the embedded run: .eml files in instance/outbox/); who sends
    and who gets the answers; the Observatoire's « Je donne mon avis » address, when the service has one."""
    url = environ.get("EIG_SMTP_URL") or ""
    if url and (urlsplit(url).scheme not in ("smtp", "smtps") or not urlsplit(url).hostname):
        raise UnsafeConfiguration(f"EIG_SMTP_URL doit être de la forme smtp://utilisateur:mot-de-passe@hôte:587 "
                                  f"(STARTTLS) ou smtps://…@hôte:465 (TLS), pas « {urlsplit(url).scheme}://… ».")
    sender = environ.get("EIG_MAIL_FROM", "Programme EIG <eig@beta.gouv.fr>")
    return {"SMTP_URL": url, "SMTP_CA_FILE": environ.get("EIG_SMTP_CA_FILE", ""),
            "SMTP_TIMEOUT": number(environ, "EIG_SMTP_TIMEOUT", 10.0, 1, 300, "secondes", float),
            # Who sends the e-mail for the service (the SMTP provider, a sub-processor), said on /donnees-personnelles.
            "SMTP_PROVIDER": environ.get("EIG_SMTP_PROVIDER", ""),
            "MAIL_FROM": sender, "MAIL_REPLY_TO": environ.get("EIG_MAIL_REPLY_TO", sender),
            "OUTBOX_DIR": environ.get("EIG_OUTBOX_DIR") or str(INSTANCE_DIR / "outbox"),
            "MONAVIS_URL": environ.get("EIG_MONAVIS_URL", "")}


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
        _check_operator_details(config)


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


def _check_operator_details(config: dict) -> None:
    """Each detail the public pages state must be the operator's, not a placeholder."""
    required = {**OPERATOR_DETAILS, **({"ERROR_TRACKER": OPTIONAL_DETAILS["ERROR_TRACKER"]} if config.get("SENTRY_DSN") else {})}
    for key, (name, what) in required.items():
        if not config.get(key):
            raise UnsafeConfiguration(f"{name} n'est pas défini : en production, l'application refuse de démarrer sans "
                                      f"{what}, que les pages publiques affichent.")
    security_expires(config)


def security_expires(config: dict) -> datetime | None:
    """The end of EIG_SECURITY_EXPIRES's day, in UTC (RFC 9116 wants it less than a year ahead, and not past)."""
    text = config.get("SECURITY_EXPIRES")
    if not text:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise UnsafeConfiguration(f"EIG_SECURITY_EXPIRES doit être une date de la forme AAAA-MM-JJ, pas « {text} ».") from None
    if not date.today() <= day <= date.today() + timedelta(days=366):
        raise UnsafeConfiguration(f"EIG_SECURITY_EXPIRES ({text}) doit être une date entre aujourd'hui et dans un an : "
                                  "/.well-known/security.txt ne serait pas valable (RFC 9116).")
    return datetime.combine(day, time(23, 59, 59), tzinfo=UTC)
