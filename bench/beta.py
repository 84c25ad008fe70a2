"""beta.gouv.fr's records: the time of `eig-wizard beta sync` of the snapshot served on 127.0.0.1 (target < 10 s),
and the product search over the copy (target p95 < 20 ms), with the ratio to reading one product by its id; then
the same search (counting every match, ranking the first page) over a generated copy of 60,000 products (the
snapshot's records, each repeated under other ids and names, with their sponsors), against the search without the
index (every text of the copy read each time), measured in the same run.

Run: .venv/bin/python bench/beta.py [--products 60000]   (needs ../shared/data/beta-gouv-api/ beside the repository)
"""
from __future__ import annotations

import argparse
import dataclasses
import functools
import os
import statistics
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

from click.testing import CliRunner
from sqlalchemy.orm import Session

from datasets import migrated_database
from wizard.cli.commands import main as cli
from wizard.paths import ROOT
from wizard.rules.beta import load_beta_rules
from wizard.rules.loading import load_rules
from wizard.store import beta as beta_store
from wizard.store.assessments import fold
from wizard.store.beta_search import query_words
from wizard.store.beta_shape import parse_json, read_organisations, read_products
from wizard.store.db import make_engine

SNAPSHOT = ROOT.parent / "shared" / "data" / "beta-gouv-api"
QUERIES = ["dossier", "DossierFacile", "climat", "impact.co2", "écologie", "nos gestes", "1 eleve", "france",
           "https://beta.gouv.fr/startups/datapass.html", "zzz", "a", "santé", "emploi", "aides", "justice",
           "ADEME", "mon", "https://dossierfacile.logement.gouv.fr", "www.beta.gouv.fr/startups/datapass.html?utm_source=x#equipe",
           "ministère"]
ROUNDS = 40


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def timed(call, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return samples


def main() -> None:
    if not (SNAPSHOT / "startups.json").is_file():
        raise SystemExit(f"instantané absent : {SNAPSHOT}")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(SNAPSHOT)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=60_000, help="size of the generated copy")
    size = parser.parse_args().products
    with migrated_database("sqlite") as url:
        run(url, server)
    with migrated_database("sqlite") as url:
        at_scale(url, size)


def run(url: str, server: ThreadingHTTPServer) -> None:
    os.environ.update(DATABASE_URL=url, EIG_BETA_API=f"http://127.0.0.1:{server.server_address[1]}")
    for label in ("première synchronisation", "seconde synchronisation (rien ne change)"):
        start = time.perf_counter()
        result = CliRunner().invoke(cli, ["beta", "sync"])
        assert result.exit_code == 0, result.output
        print(f"{label} : {time.perf_counter() - start:.2f} s (cible < 10 s)")
    server.shutdown()
    with Session(make_engine(url)) as session:
        searches = [s for query in QUERIES for s in timed(lambda query=query: beta_store.search(session, query), ROUNDS)]
        lookups = timed(lambda: beta_store.find_product(session, "dossierfacile"), ROUNDS * len(QUERIES))
    print(f"recherche : p95 {1000 * p95(searches):.2f} ms sur {len(searches)} recherches (cible < 20 ms) ; "
          f"lecture d'un produit par son identifiant : p95 {1000 * p95(lookups):.2f} ms ; "
          f"rapport {p95(searches) / p95(lookups):.1f}")


# The regions and words the generated names take after the snapshot's names: searches then meet many near twins.
VARIANTS = ["Bretagne", "Occitanie", "Grand Est", "Normandie", "Hauts-de-France", "Île-de-France", "Corse",
            "Guyane", "Mayotte", "La Réunion", "Pays de la Loire", "Centre", "Bourgogne", "Auvergne", "Provence"]


def generated_copy(size: int):
    products = read_products(parse_json((SNAPSHOT / "startups.json").read_bytes(), "startups.json")).records
    organisations = read_organisations(parse_json((SNAPSHOT / "organisations.json").read_bytes(),
                                                  "organisations.json")).records
    copies = [dataclasses.replace(product, id=f"{product.id}-{n}", name=f"{product.name} {VARIANTS[n % len(VARIANTS)]} {n}")
              for n in range(size // len(products) + 1) for product in products]
    return tuple(copies[:size]), organisations


def scan(rows: list[tuple[str, str, str]], query: str, limit: int = beta_store.SEARCH_LIMIT) -> tuple[list[int], int]:
    """The search without the index: every product's texts (name; with id and addresses; with sponsors) read for
    every word of every query, ranked as the index ranks."""
    words = query_words(fold(query) or "")
    phrase = " ".join(words)

    def rank(name: str, main: str) -> int:
        return 0 if name.startswith(phrase) else 1 if all(w in name for w in words) else 2 if all(w in main for w in words) else 3
    found = [(rank(name, main), n) for n, (name, main, full) in enumerate(rows) if all(w in full for w in words)]
    return [n for _, n in sorted(found)[:limit]], len(found)


def at_scale(url: str, size: int) -> None:
    products, organisations = generated_copy(size)
    engine = make_engine(url)
    with Session(engine) as session:
        start = time.perf_counter()
        beta_store.replace_copy(session, products, organisations, "généré", load_beta_rules(load_rules()).page_url)
        print(f"copie générée de {len(products)} produits enregistrée en {time.perf_counter() - start:.1f} s")
        start = time.perf_counter()
        beta_store.search(session, "dossier")
        print(f"lecture de la copie et construction de l'index (une fois par copie et par processus) : "
              f"{time.perf_counter() - start:.1f} s")
        indexed = [s for query in QUERIES for s in timed(lambda query=query: beta_store.search_page(session, query), ROUNDS)]
        catalogue = beta_store._catalogues[session.get_bind().url.render_as_string(hide_password=False)]
        rows = list(zip(*catalogue.index.texts, strict=True))
        scanned = [s for query in QUERIES for s in timed(lambda query=query: scan(rows, query), ROUNDS // 4)]

        def same(query: str) -> bool:
            found, (positions, total) = beta_store.search_page(session, query), scan(rows, query)
            return [r.id for r in found.records] == [catalogue.records[n].id for n in positions] and found.total == total
        differ = [query for query in QUERIES if not same(query)]
    engine.dispose()
    print(f"recherche sur {len(products)} produits : p95 {1000 * p95(indexed):.2f} ms avec l'index (cible < 20 ms), "
          f"{1000 * p95(scanned):.2f} ms en lisant toute la copie ; rapport {p95(scanned) / p95(indexed):.0f} ; "
          f"résultats identiques pour {len(QUERIES) - len(differ)} requêtes sur {len(QUERIES)} {differ or ''}")


if __name__ == "__main__":
    main()
