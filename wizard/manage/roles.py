"""What each account's role allows, checked on every route of /gestion and in its pages: `lecture` reads the list
and the details without the agents' addresses; `gestion` also triages and exports; `administration` also runs
the accounts (from the command line, `eig-wizard user`)."""
from __future__ import annotations

import functools

from flask import current_app, render_template, url_for

from wizard.manage import accounts
from wizard.store.models import ROLES, Manager

READ, MANAGE, ADMINISTER = ROLES


def may(manager: Manager | None, role: str) -> bool:
    """Whether the account's role is `role` or above it."""
    return manager is not None and manager.role in ROLES and ROLES.index(manager.role) >= ROLES.index(role)


def required(role: str):
    """The route for an account of `role` or above; the others get a French 403 page that says why."""
    def decorate(view):
        @accounts.login_required
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            if not may(accounts.current_manager(), role):
                words = current_app.extensions["rules"].messages["roles"]
                return render_template("errors/error.html", title=words["forbidden_title"], status=403,
                                       message=words["forbidden"].format(role=words[role]),
                                       action_url=url_for("manage.index"), start_url=url_for("wizard.start")), 403
            return view(*args, **kwargs)
        return wrapped
    return decorate


def context() -> dict:
    manager = accounts.current_manager()
    return {"may_manage": may(manager, MANAGE)}
