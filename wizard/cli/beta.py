"""`eig-wizard beta`: keep a copy of beta.gouv.fr's public records (sync), read one product from it (show), and
check answers files against it (the --verify of assess and import)."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Mapping

import click
from sqlalchemy.orm import Session

from wizard import config as configuration
from wizard.rules import ids
from wizard.core import facts
from wizard.rules.beta import BetaRules, load_beta_rules
from wizard.rules.loading import RulesError
from wizard.rules.model import Rules
from wizard.store import beta as beta_store
from wizard.store.beta_download import DownloadError, download
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


@beta.command()
@click.pass_obj
def sync(rules_dir: Path) -> None:
    """Télécharge les fiches de beta.gouv.fr (EIG_BETA_API) et remplace la copie locale : à lancer chaque jour.

    Un téléchargement qui échoue ne change rien à la copie en place."""
    from wizard.cli.context import load_or_exit, open_database_or_exit
    rules = load_or_exit(rules_dir)
    beta_rules = load_beta_or_exit(rules, rules_dir)
    settings = configuration.from_environment()
    base = settings["BETA_API"].rstrip("/")
    try:
        startups, organisations = (parse_json(_download(f"{base}/{name}", settings["BETA_TIMEOUT"]), name)
                                   for name in DOCUMENTS)
        products, bodies = read_products(startups), read_organisations(organisations)
    except (DownloadError, ShapeError) as error:
        click.echo(f"ERREUR {error}", err=True)
        click.echo("Synchronisation abandonnée : la copie locale reste telle qu'elle était.", err=True)
        sys.exit(1)
    with open_database_or_exit() as session, \
            click.progressbar(length=len(products), label="Enregistrement des produits", file=sys.stderr) as bar:
        outcome = beta_store.replace_copy(session, products, bodies, base, beta_rules.page_url,
                                          progress=lambda count: bar.update(count - bar.pos))
    what = "copie remplacée" if outcome.changed else "copie déjà à jour, rien n'a changé"
    click.echo(f"{outcome.products} produit(s) et {outcome.organisations} organisation(s) de beta.gouv.fr : {what}.")


def _download(url: str, timeout: float) -> bytes:
    """The document at `url`, with a progress bar on the error output."""
    bar = None

    def progress(done: int, total: int | None) -> None:
        nonlocal bar
        if bar is None:
            bar = click.progressbar(length=total or 0, label=f"Téléchargement de {url}", file=sys.stderr).__enter__()
        bar.update(done - bar.pos)

    try:
        body = download(url, timeout, progress=progress)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    click.echo(f"{url} : {len(body) // 1024} Ko reçus.", err=True)
    return body


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
        click.echo(f"Produit inconnu de beta.gouv.fr : « {product_id} » (copie locale).", err=True)
        sys.exit(1)
    click.echo(json.dumps(facts.product_view(rules, beta_rules, record), ensure_ascii=False, indent=2))


class Verifier:
    """Answers files checked against the copy: a product found by its page address gives its recorded answers."""

    def __init__(self, session: Session, rules: Rules, beta_rules: BetaRules):
        self.session, self.rules, self.beta = session, rules, beta_rules
        if beta_store.sync_stamp(session) is None:
            click.echo("Aucune copie des fiches de beta.gouv.fr : lancez d'abord « eig-wizard beta sync ».", err=True)
            sys.exit(1)

    def __call__(self, answers: Mapping[str, Any], source: str) -> tuple[Mapping[str, Any], tuple[dict, ...]]:
        """The answers with the recorded ones in place, and the facts; as they were when the product is unknown."""
        url = answers.get(ids.BETA_PAGE_URL) if isinstance(answers, Mapping) else None
        product_id = self.beta.product_id(url) if isinstance(url, str) else None
        record = beta_store.find_product(self.session, product_id) if product_id else None
        if record is None:
            if url:
                click.echo(f"AVERTISSEMENT {source} : la fiche « {url} » est absente de la copie de beta.gouv.fr : "
                           "les réponses déclarées sont gardées.", err=True)
            return answers, ()
        return facts.apply_record(self.rules, self.beta, answers, record)
