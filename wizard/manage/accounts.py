"""Managers' accounts: password hashes, login with a rate limit kept in the database, the login session."""
from __future__ import annotations

import functools
import hashlib
from datetime import timedelta

from flask import g, redirect, request, session, url_for
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from wizard.store import db
from wizard.store.models import LoginFailure, Manager, utcnow

MIN_PASSWORD_LENGTH = 12
# Failed logins allowed in the window, per account and per address (an office shares one address).
FAILURE_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_EMAIL = 5
MAX_FAILURES_PER_IP = 20


class TooManyFailures(Exception):
    """Too many failed logins recently: the login is refused without looking at the password."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def hash_password(password: str) -> str:
    return generate_password_hash(password)  # Werkzeug's scrypt, salted


def add_manager(db_session: Session, email: str, password: str) -> Manager:
    """Create an account; the caller checks that the email is free and the password long enough."""
    manager = Manager(email=normalise_email(email), password_hash=hash_password(password))
    db_session.add(manager)
    db_session.commit()
    return manager


def find_manager(db_session: Session, email: str) -> Manager | None:
    return db_session.scalar(select(Manager).where(Manager.email == normalise_email(email)))


def list_managers(db_session: Session) -> list[Manager]:
    return list(db_session.scalars(select(Manager).order_by(Manager.email)))


def remove_manager(db_session: Session, email: str) -> bool:
    removed = db_session.execute(delete(Manager).where(Manager.email == normalise_email(email))).rowcount
    db_session.commit()
    return removed == 1


@functools.cache
def _decoy_hash() -> str:
    return hash_password("mot de passe factice")


def authenticate(db_session: Session, email: str, password: str, ip: str) -> Manager | None:
    """The manager with this email and password, or None (and the failure is counted).

    Raise TooManyFailures when the account or the address failed too often in the window. An unknown email
    costs the same hashing time as a wrong password, so timing does not tell which accounts exist.
    """
    email = normalise_email(email)
    since = utcnow() - FAILURE_WINDOW
    if _failures(db_session, LoginFailure.email == email, since) >= MAX_FAILURES_PER_EMAIL or \
            _failures(db_session, LoginFailure.ip == ip, since) >= MAX_FAILURES_PER_IP:
        raise TooManyFailures()
    manager = find_manager(db_session, email)
    if manager is not None and check_password_hash(manager.password_hash, password):
        db_session.execute(delete(LoginFailure).where(LoginFailure.email == email))
        db_session.commit()
        return manager
    if manager is None:
        check_password_hash(_decoy_hash(), password)
    db_session.execute(delete(LoginFailure).where(LoginFailure.at < since))  # keep the table small
    db_session.add(LoginFailure(email=email[:254], ip=ip[:45]))
    db_session.commit()
    return None


def _failures(db_session: Session, condition, since) -> int:
    return db_session.scalar(select(func.count()).select_from(LoginFailure)
                             .where(condition, LoginFailure.at >= since))


# --- The login session -------------------------------------------------------------------------------------

def _fingerprint(manager: Manager) -> str:
    """Changes with the password: a new password ends the sessions opened with the old one."""
    return hashlib.sha256(manager.password_hash.encode()).hexdigest()[:16]


def log_in(manager: Manager) -> None:
    """Start a new session: nothing from before the login survives (no session fixation)."""
    session.clear()
    session["manager_id"] = manager.id
    session["manager_key"] = _fingerprint(manager)


def log_out() -> None:
    session.clear()


def current_manager() -> Manager | None:
    """The logged-in manager; None when not logged in, or when the account was removed or its password changed."""
    if "manager" not in g:
        manager = None
        if "manager_id" in session:
            manager = db.session().get(Manager, session["manager_id"])
            if manager is not None and session.get("manager_key") != _fingerprint(manager):
                manager = None
        g.manager = manager
    return g.manager


def safe_next(target: str | None, default: str) -> str:
    """Where to go after login: only a page of the managers' area, never another site."""
    if target and target.startswith("/gestion") and "//" not in target and "\\" not in target:
        return target
    return default


def login_required(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if current_manager() is None:
            return redirect(url_for("manage.login", suivant=request.full_path.rstrip("?")))
        return view(*args, **kwargs)
    return wrapped
