"""`eig-wizard user`: the managers' accounts (add, new password, remove, list)."""
from __future__ import annotations

import sys

import click

from wizard.cli.context import open_database_or_exit
from wizard.core import characters
from wizard.manage import accounts
from wizard.store.models import ROLE_DEFAULT, ROLES

ROLE_OPTION = click.option("--role", type=click.Choice(ROLES), default=ROLE_DEFAULT, show_default=True,
                           help="lecture : la liste et les fiches, sans les adresses des agents ; gestion : aussi la "
                                "suite donnée et les exports ; administration : aussi les comptes.")


@click.group()
def user() -> None:
    """Comptes des responsables de portefeuille (espace /gestion)."""


def _address(email: str) -> str:
    """EMAIL, refused unless it is an e-mail address (no formula, no control character can become an account)."""
    problem = accounts.email_problem(email)
    if problem:
        raise click.BadParameter(problem, param_hint="EMAIL")
    return email


def _ask_password(email: str) -> str:
    """A strong password, asked twice without showing it; a weak one is refused with why, and asked again."""
    def strong_enough(password: str) -> str:
        problem = accounts.password_problem(password, email)
        if problem:
            raise click.UsageError(problem)
        return password
    return click.prompt("Mot de passe", hide_input=True, confirmation_prompt="Confirmez le mot de passe",
                        value_proc=strong_enough)


def _shown(email: str) -> str:
    return characters.shown(accounts.normalise_email(email))


@user.command(name="add")
@click.argument("email")
@ROLE_OPTION
@click.option("--proconnect", is_flag=True,
              help="Sans mot de passe : le compte se connecte avec ProConnect seulement.")
def user_add(email: str, role: str, proconnect: bool) -> None:
    """Crée le compte EMAIL ; le mot de passe est demandé deux fois, sans s'afficher (sauf avec --proconnect)."""
    _address(email)
    with open_database_or_exit() as db_session:
        if accounts.find_manager(db_session, email) is not None:
            click.echo(f"Un compte existe déjà pour {accounts.normalise_email(email)}.", err=True)
            sys.exit(1)
        password = None if proconnect else _ask_password(email)
        manager = accounts.add_manager(db_session, email, password, role=role)
    click.echo(f"Compte créé pour {manager.email} (rôle {manager.role}"
               f"{', connexion avec ProConnect' if proconnect else ''}).")


@user.command(name="role")
@click.argument("email")
@click.argument("role", type=click.Choice(ROLES))
def user_role(email: str, role: str) -> None:
    """Donne le rôle ROLE au compte EMAIL."""
    with open_database_or_exit() as db_session:
        manager = accounts.find_manager(db_session, email)
        if manager is None:
            click.echo(f"Aucun compte pour {_shown(email)}.", err=True)
            sys.exit(1)
        manager.role = role
        db_session.commit()
    click.echo(f"Rôle de {accounts.normalise_email(email)} : {role}.")


@user.command(name="password")
@click.argument("email")
def user_password(email: str) -> None:
    """Donne un nouveau mot de passe au compte EMAIL ; ses sessions ouvertes prennent fin."""
    with open_database_or_exit() as db_session:
        if accounts.find_manager(db_session, email) is None:
            click.echo(f"Aucun compte pour {_shown(email)}.", err=True)
            sys.exit(1)
        ended = accounts.set_password(db_session, email, _ask_password(email))
    click.echo(f"Mot de passe de {accounts.normalise_email(email)} changé ; {ended} session(s) ouverte(s) fermée(s).")


@user.command(name="remove")
@click.argument("email")
def user_remove(email: str) -> None:
    """Supprime le compte EMAIL ; ses sessions ouvertes prennent fin."""
    with open_database_or_exit() as db_session:
        if not accounts.remove_manager(db_session, email):
            click.echo(f"Aucun compte pour {_shown(email)}.", err=True)
            sys.exit(1)
    click.echo(f"Compte de {accounts.normalise_email(email)} supprimé.")


@user.command(name="list")
def user_list() -> None:
    """Liste les comptes."""
    with open_database_or_exit() as db_session:
        for manager in accounts.list_managers(db_session):
            login = "ProConnect" if manager.proconnect_sub or not manager.password_hash else "mot de passe"
            click.echo(f"{manager.email}\t{manager.role}\t{login}\tcréé le {manager.created_at:%d/%m/%Y}")
