"""`eig-wizard beta`: keep a copy of beta.gouv.fr's public records (sync), read one product from it (show), and
check answers files against it (the --verify of assess and import)."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, NoReturn
from collections.abc import Mapping

import click
from sqlalchemy.orm import Session

from wizard import config as configuration
from wizard.rules import ids
from wizard.core import facts
from wizard.rules.beta import BetaRules, load_beta_rules
from wizard.rules.loading import RulesError
from wizard.rules.model import Rules
from wizard.store import beta as beta_store
from wizard.cli.terminal import printable
from wizard.store.beta_download import DownloadError, Downloaded, Limits, download
from wizard.store.beta_shape import ShapeError, parse_json, read_organisations, read_products

DOCUMENTS = ("startups.json", "organisations.json")
VERIFY_HELP = ("Vérifie chaque évaluation sur la copie de beta.gouv.fr (eig-wizard beta sync) par « beta_page_url » : "
               "la publication et la phase enregistrées décident, les écarts avec les réponses sont signalés.")


def load_beta_or_exit(rules: Rules, rules_dir: Path) -> BetaRules:
    try:
        return load_beta_rules(rules, rules_dir)
    except RulesError as error:
        for problem in error.problems:
            click.echo(f"ERREUR {problem}", err=True)
        sys.exit(1)


@click.group()
def beta() -> None:
    """Copie locale des fiches produits et des organisations de beta.gouv.fr."""


MAX_SKIPPED_SHOWN = 20  # lines about skipped records; the count says the rest


@beta.command()
@click.option("--force", is_flag=True, help="Remplace la copie même si elle perd plus de la moitié de ses fiches.")
@click.pass_obj
def sync(rules_dir: Path, force: bool) -> None:
    """Télécharge les fiches de beta.gouv.fr (EIG_BETA_STARTUPS_URL, EIG_BETA_ORGANISATIONS_URL) et remplace la
    copie locale : à lancer chaque jour.

    Un téléchargement ou un document illisible ne change rien à la copie en place ; une fiche illisible est
    écartée et comptée."""
    from wizard.cli.context import load_or_exit, open_database_or_exit
    rules = load_or_exit(rules_dir)
    beta_rules = load_beta_or_exit(rules, rules_dir)
    settings = configuration.from_environment()
    limits = Limits.starting_now(settings["BETA_CONNECT_TIMEOUT"], settings["BETA_TIMEOUT"], settings["BETA_DEADLINE"])
    try:
        startups = _download(settings["BETA_STARTUPS_URL"], limits)
        organisations = _download(settings["BETA_ORGANISATIONS_URL"], limits)
        products = read_products(parse_json(startups.body, DOCUMENTS[0]))
        bodies = read_organisations(parse_json(organisations.body, DOCUMENTS[1]))
    except (DownloadError, ShapeError) as error:
        _abandon(str(error))
    skipped = products.skipped + bodies.skipped
    for reason in skipped[:MAX_SKIPPED_SHOWN]:
        click.echo(f"AVERTISSEMENT fiche écartée : {printable(reason)}.", err=True)
    if len(skipped) > MAX_SKIPPED_SHOWN:
        click.echo(f"AVERTISSEMENT … et {len(skipped) - MAX_SKIPPED_SHOWN} autre(s) fiche(s) écartée(s).", err=True)
    with open_database_or_exit() as session, \
            click.progressbar(length=len(products.records), label="Enregistrement des produits", file=sys.stderr) as bar:
        def progress(count: int) -> None:
            if limits.remaining() <= 0:  # the transaction is rolled back: the copy stays whole
                raise DownloadError(limits.late_message("Enregistrement de la copie"))
            bar.update(count - bar.pos)
        try:
            outcome = beta_store.replace_copy(session, products.records, bodies.records,
                                              _source(startups.url, organisations.url), beta_rules.page_url,
                                              progress=progress, force=force)
        except DownloadError as error:
            _abandon(str(error))
        except beta_store.CopyWouldShrink as shrink:
            _abandon(_shrink_message(shrink))
    what = "copie remplacée" if outcome.changed else "copie déjà à jour, rien n'a changé"
    click.echo(f"{outcome.products} produit(s) et {outcome.organisations} organisation(s) de beta.gouv.fr : {what}"
               f"{f' ; {len(skipped)} fiche(s) illisible(s) écartée(s)' if skipped else ''}.")


def _shrink_message(shrink: beta_store.CopyWouldShrink) -> str:
    (products, organisations), (kept_products, kept_organisations) = shrink.fetched, shrink.kept
    received = f"{products} produit(s) et {organisations} organisation(s) reçus"
    if not products and not kept_products:
        return f"{received} : aucun produit lisible, la copie n'est pas faite (--force pour la faire vide)."
    return (f"la copie perdrait plus de la moitié de ses fiches : {received}, contre {kept_products} et "
            f"{kept_organisations} dans la copie en place ; relancez avec --force si beta.gouv.fr en a vraiment perdu "
            "autant.")


def _abandon(reason: str) -> NoReturn:
    click.echo(f"ERREUR {printable(reason)}", err=True)
    click.echo("Synchronisation abandonnée : la copie locale reste telle qu'elle était.", err=True)
    sys.exit(1)


def _source(startups: str, organisations: str) -> str:
    """Where the copy came from, after redirects: the folder when both documents sit in one."""
    folder = startups.removesuffix(f"/{DOCUMENTS[0]}")
    return folder if organisations == f"{folder}/{DOCUMENTS[1]}" else f"{startups} {organisations}"


def _download(url: str, limits: Limits) -> Downloaded:
    """The document at `url`, with a progress bar on the error output."""
    bar = None

    def progress(done: int, total: int | None) -> None:
        nonlocal bar
        if bar is None:
            bar = click.progressbar(length=total or 0, label=f"Téléchargement de {url}", file=sys.stderr).__enter__()
        bar.update(done - bar.pos)

    try:
        document = download(url, limits, progress=progress)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    click.echo(f"{printable(document.url)} : {len(document.body) // 1024} Ko reçus.", err=True)
    return document


@beta.command()
@click.argument("product")
@click.pass_obj
def show(rules_dir: Path, product: str) -> None:
    """Affiche en JSON la fiche du produit PRODUCT (son identifiant ou l'adresse de sa fiche) dans la copie locale."""
    from wizard.cli.context import load_or_exit, open_database_or_exit
    rules = load_or_exit(rules_dir)
    beta_rules = load_beta_or_exit(rules, rules_dir)
    product_id = beta_rules.product_id(product) or product.strip()
    with open_database_or_exit() as session:
        copy_missing = beta_store.sync_stamp(session) is None
        record = beta_store.find_product(session, product_id)
    if copy_missing:
        click.echo("Aucune copie des fiches de beta.gouv.fr : lancez d'abord « eig-wizard beta sync ».", err=True)
        sys.exit(1)
    if record is None:
        click.echo(f"Produit inconnu de beta.gouv.fr : « {printable(product_id)} » (copie locale).", err=True)
        sys.exit(1)
    click.echo(json.dumps(facts.product_view(rules, beta_rules, record), ensure_ascii=False, indent=2))


class Verifier:
    """Answers files checked against the copy: a product found by its page address gives its recorded answers."""

    def __init__(self, session: Session, rules: Rules, beta_rules: BetaRules):
        self.session, self.rules, self.beta = session, rules, beta_rules
        stamp = beta_store.sync_stamp(session)
        self.copy_at = stamp.synced_at if stamp is not None else None
        if stamp is None:
            click.echo("Aucune copie des fiches de beta.gouv.fr : lancez d'abord « eig-wizard beta sync ».", err=True)
            sys.exit(1)

    def __call__(self, answers: Mapping[str, Any], source: str) -> tuple[Mapping[str, Any], tuple[dict, ...]]:
        """The answers with the recorded ones in place, and the facts; as they were when the product is unknown, with
        the fact of an address declared, not verified."""
        url = answers.get(ids.BETA_PAGE_URL) if isinstance(answers, Mapping) else None
        product_id = self.beta.product_id(url) if isinstance(url, str) else None
        record = beta_store.find_product(self.session, product_id) if product_id else None
        if record is None:
            if url:
                click.echo(f"AVERTISSEMENT {printable(source)} : la fiche « {printable(url)} » est absente de la copie de beta.gouv.fr : "
                           "les réponses déclarées sont gardées.", err=True)
                return facts.apply_record(self.rules, self.beta, answers, None, self.copy_at)
            return answers, ()
        return facts.apply_record(self.rules, self.beta, answers, record)
