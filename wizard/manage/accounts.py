"""Managers' accounts: addresses and passwords checked, hashed; login with growing delays; the login session,
kept server-side (wizard.store.manager_sessions), so that logout, a removed account or a new password ends it."""
from __future__ import annotations

import functools
import unicodedata

import email_validator
from flask import current_app, g, redirect, request, session, url_for
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash
from zxcvbn import zxcvbn

from wizard.core import characters
from wizard.manage import throttle
from wizard.store import db, manager_sessions
from wizard.store.models import ROLE_DEFAULT, Assessment, Manager

MIN_PASSWORD_LENGTH = 12
# zxcvbn's scale of 0 to 4: 3 is "safely unguessable" (about 10^10 guesses), the least we accept.
MIN_PASSWORD_SCORE = 3
# zxcvbn's lists are English: the French passwords met most often, and the service's own words, count as known.
FRENCH_WORDS = ("motdepasse", "azerty", "bonjour", "soleil", "doudou", "chouchou", "loulou", "marseille", "paris",
                "france", "dinum", "beta", "gouv", "eig", "gestion", "entrepreneur", "interet", "general")
SESSION_KEY = "gestion"  # the key of the login session, in the signed cookie
# Why zxcvbn found a password weak, by the kind of its weakest part (zxcvbn says it in English only).
WEAKNESS = {
    "repeat": "il répète les mêmes caractères ou le même motif (comme « aaaa » ou « abcabc »)",
    "sequence": "il contient une suite de caractères (comme « abcd » ou « 1234 »)",
    "spatial": "il suit les touches du clavier (comme « azerty »)",
    "dictionary": "il est fait de mots ou de mots de passe courants, ou de votre adresse",
    "date": "il contient une date",
    "regex": "il contient une année ou un motif courant",
    "bruteforce": "il est trop court ou trop simple",
}


class TooManyFailures(Exception):
    """Too many failed logins recently: this try must wait `seconds` before its password is looked at."""

    def __init__(self, seconds: int):
        super().__init__(seconds)
        self.seconds = seconds


# A spreadsheet runs a cell starting with one of these as a formula: no account's address may (the list shows them).
_FORMULA_STARTS = ("=", "+", "-", "@")


def normalise_email(email: str) -> str:
    """The one form of an address, under which its account is stored, found and throttled: NFKC (a fullwidth
    « ａlice » is « alice », a decomposed « é » the composed one), case folded, the domain in IDNA's ASCII form
    (« bêta.gouv.fr » is « xn--bta-fma.gouv.fr »). One person, one account, however the address is typed."""
    text = unicodedata.normalize("NFKC", email).strip().casefold()
    try:
        checked = email_validator.validate_email(text, check_deliverability=False)
    except email_validator.EmailNotValidError:
        return text  # not an address: found nowhere, refused by email_problem where an account would be made
    return f"{checked.local_part}@{checked.ascii_domain}"


def email_problem(email: str) -> str | None:
    """Why `email` is not an e-mail address an account may have, in French; None when it is one."""
    text = normalise_email(email)
    try:
        email_validator.validate_email(text, check_deliverability=False)
    except email_validator.EmailNotValidError:
        return "une adresse électronique est attendue, de la forme prenom.nom@exemple.gouv.fr."
    if text.startswith(_FORMULA_STARTS):
        return "une adresse ne peut pas commencer par =, +, - ou @ (un tableur la prendrait pour une formule)."
    return None


def password_problem(password: str, email: str = "") -> str | None:
    """Why `password` is too weak, in French; None when zxcvbn deems it hard enough to guess."""
    if characters.has_forbidden(password):
        return "le mot de passe contient un caractère de contrôle."
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"le mot de passe doit compter au moins {MIN_PASSWORD_LENGTH} caractères."
    estimate = zxcvbn(password[:100], user_inputs=[email, *email.replace("@", ".").split("."), *FRENCH_WORDS])
    if estimate["score"] >= MIN_PASSWORD_SCORE:
        return None
    weakest = min(estimate["sequence"], key=lambda part: part.get("guesses", 0) / max(len(part["token"]), 1))
    reason = WEAKNESS.get(weakest["pattern"], WEAKNESS["bruteforce"])
    return (f"ce mot de passe se devine trop facilement : {reason}. Choisissez-en un plus long et moins prévisible, "
            "par exemple quatre mots sans rapport entre eux.")


# Werkzeug's scrypt at its own cost, salted. The tests take a cheaper cost (tests/conftest.py), as Django advises for
# test runs: a stored hash names its parameters, so checking it follows whatever cost made it.
PASSWORD_HASH_METHOD = "scrypt"


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=PASSWORD_HASH_METHOD)


def add_manager(db_session: Session, email: str, password: str | None, role: str = ROLE_DEFAULT,
                name: str | None = None) -> Manager:
    """Create an account; the caller checks the address, that it is free, and the password's strength. Without a
    password, the account signs in with ProConnect only (an empty hash, which no password matches)."""
    manager = Manager(email=normalise_email(email), password_hash=hash_password(password) if password else "",
                      role=role, name=name)
    db_session.add(manager)
    db_session.commit()
    return manager


def find_manager(db_session: Session, email: str) -> Manager | None:
    return db_session.scalar(select(Manager).where(Manager.email == normalise_email(email)))


def list_managers(db_session: Session) -> list[Manager]:
    return list(db_session.scalars(select(Manager).order_by(Manager.email)))


def remove_manager(db_session: Session, email: str) -> bool:
    """Delete the account and end its sessions."""
    manager = find_manager(db_session, email)
    if manager is None:
        return False
    manager_sessions.end_all(db_session, manager.id)
    db_session.execute(update(Assessment).where(Assessment.assigned_to == manager.id).values(assigned_to=None))
    db_session.execute(delete(Manager).where(Manager.id == manager.id))
    db_session.commit()
    return True


def set_password(db_session: Session, email: str, password: str) -> int | None:
    """Give the account a new password and end its open sessions (how many); None when there is no such account."""
    manager = find_manager(db_session, email)
    if manager is None:
        return None
    db_session.execute(update(Manager).where(Manager.id == manager.id).values(password_hash=hash_password(password)))
    db_session.commit()
    return manager_sessions.end_all(db_session, manager.id)


@functools.cache
def _decoy_hash() -> str:
    return hash_password("mot de passe factice")


def authenticate(db_session: Session, email: str, password: str, ip: str) -> Manager | None:
    """The manager with this email and password, or None (and the failure is counted).

    Raise TooManyFailures while recent failures impose a wait (see wizard.manage.throttle). An unknown email
    costs the same hashing time as a wrong password, so timing does not tell which accounts exist.
    """
    email = normalise_email(email)
    attempt = throttle.record_try(db_session, email, ip)
    wait = throttle.seconds_to_wait(db_session, attempt)
    if wait:
        throttle.forget_try(db_session, attempt)
        raise TooManyFailures(wait)
    manager = find_manager(db_session, email)
    if manager is not None and manager.password_hash and check_password_hash(manager.password_hash, password):
        throttle.forget_failures(db_session, email, ip)
        return manager
    if manager is None or not manager.password_hash:
        check_password_hash(_decoy_hash(), password)
    throttle.keep_failure(db_session, attempt)
    return None


# --- The login session -------------------------------------------------------------------------------------

def log_in(manager: Manager) -> None:
    """Start a new session: nothing from before the login survives (no session fixation)."""
    log_out()
    session[SESSION_KEY] = manager_sessions.open_session(db.session(), manager)


def log_out() -> None:
    key = session.get(SESSION_KEY)
    if isinstance(key, str):
        manager_sessions.close(db.session(), key)
    session.clear()


def current_manager() -> Manager | None:
    """The logged-in manager; None when not logged in, or when the session was ended or went idle too long."""
    if "manager" not in g:
        key = session.get(SESSION_KEY)
        g.manager = manager_sessions.find_manager(
            db.session(), key, current_app.config["MANAGER_IDLE_TIMEOUT"],
            current_app.permanent_session_lifetime) if isinstance(key, str) else None
    return g.manager


def safe_next(target: str | None, default: str) -> str:
    """Where to go after login: only a page of the managers' area, never another site nor a header of its own."""
    if target and target.startswith("/gestion") and "//" not in target and "\\" not in target and target.isprintable():
        return target
    return default


def login_required(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if current_manager() is None:
            return redirect(url_for("manage.login", suivant=request.full_path.rstrip("?")))
        return view(*args, **kwargs)
    return wrapped
