"""`eig-wizard mail send`: send the outbox's messages that are due (to schedule every minute, as a safety net for
those the web process could not send after its response)."""
from __future__ import annotations

import sys

import click

from wizard import config as configuration
from wizard.cli.context import open_database_or_exit
from wizard.mail import outbox as mail
from wizard.store import outbox


@click.group(name="mail")
def mail_group() -> None:
    """Courriels : la boîte d'envoi (EIG_SMTP_URL, sinon des fichiers .eml dans instance/outbox/)."""


@mail_group.command()
def send() -> None:
    """Envoie les courriels en attente dont l'heure est venue ; sort avec le code 1 si un envoi échoue (le
    message est gardé et réessayé plus tard)."""
    config = configuration.from_environment()
    with open_database_or_exit() as db:
        report = mail.send_due(db, config, limit=10_000)
        left = outbox.waiting(db)
    click.echo(f"{report.sent} courriel(s) envoyé(s) ({mail.where(config)}), {report.failed} échec(s), "
               f"{left} en attente.")
    for error in report.errors[:20]:
        click.echo(f"ÉCHEC {error}", err=True)
    if report.failed:
        sys.exit(1)
