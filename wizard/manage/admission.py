"""Who may enter /gestion with a ProConnect identity: an account found by ProConnect's `sub`, else by its e-mail
on the managers' list, else a new read-only account when the address's domain is allowed. Anyone else: nothing
is created."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from wizard.manage.accounts import add_manager, find_manager, normalise_email
from wizard.store.models import Manager

# An account opened by an allowed domain reads only: more is given by `eig-wizard user role`.
DOMAIN_ROLE = "lecture"


@dataclass(frozen=True)
class Identity:
    """What ProConnect's verified userinfo says of the person."""
    sub: str
    email: str
    name: str | None


def admit(db_session: Session, identity: Identity, domains: tuple[str, ...]) -> Manager | None:
    """The account this identity enters, made or linked as needed; None when it may not enter."""
    manager = db_session.scalar(select(Manager).where(Manager.proconnect_sub == identity.sub))
    if manager is not None:
        return _refreshed(db_session, manager, identity)
    manager = find_manager(db_session, identity.email)
    if manager is not None:
        if manager.proconnect_sub is not None:
            return None  # the address is another ProConnect person's account: never taken over
        manager.proconnect_sub = identity.sub
        return _refreshed(db_session, manager, identity)
    if _domain(identity.email) in domains:
        manager = add_manager(db_session, identity.email, None, role=DOMAIN_ROLE, name=identity.name)
        manager.proconnect_sub = identity.sub
        db_session.commit()
        return manager
    return None


def _refreshed(db_session: Session, manager: Manager, identity: Identity) -> Manager:
    """The account with ProConnect's name, and its new address when no other account holds that one."""
    email = normalise_email(identity.email)
    if email != manager.email and find_manager(db_session, email) is None:
        manager.email = email
    manager.name = identity.name or manager.name
    db_session.commit()
    return manager


def _domain(email: str) -> str:
    return normalise_email(email).rpartition("@")[2]
