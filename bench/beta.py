"""beta.gouv.fr's records: the time of `eig-wizard beta sync` of the snapshot served on 127.0.0.1 (target < 10 s),
and the product search over the copy (target p95 < 20 ms), with the ratio to reading one product by its id.

Run: .venv/bin/python bench/beta.py   (needs ../shared/data/beta-gouv-api/ beside the repository)
"""
from __future__ import annotations

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
from wizard.store import beta as beta_store
from wizard.store.db import make_engine

SNAPSHOT = ROOT.parent / "shared" / "data" / "beta-gouv-api"
QUERIES = ["dossier", "DossierFacile", "climat", "impact.co2", "écologie", "nos gestes", "1 eleve", "france",
           "https://beta.gouv.fr/startups/datapass.html", "zzz", "a", "santé", "emploi", "aides", "justice"]
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
    with migrated_database("sqlite") as url:
        run(url, server)


def run(url: str, server: ThreadingHTTPServer) -> None:
    os.environ.update(DATABASE_URL=url, EIG_BETA_API=f"http://127.0.0.1:{server.server_address[1]}")
    for label in ("première synchronisation", "seconde synchronisation (rien ne change)"):
        start = time.perf_counter()
        result = CliRunner().invoke(cli, ["beta", "sync"])
        assert result.exit_code == 0, result.output
        print(f"{label} : {time.perf_counter() - start:.2f} s (cible < 10 s)")
    server.shutdown()
    with Session(make_engine(url)) as session:
        searches = [s for query in QUERIES for s in timed(lambda: beta_store.search(session, query), ROUNDS)]
        lookups = timed(lambda: beta_store.find_product(session, "dossierfacile"), ROUNDS * len(QUERIES))
    print(f"recherche : p95 {1000 * p95(searches):.2f} ms sur {len(searches)} recherches (cible < 20 ms) ; "
          f"lecture d'un produit par son identifiant : p95 {1000 * p95(lookups):.2f} ms ; "
          f"rapport {p95(searches) / p95(lookups):.1f}")


if __name__ == "__main__":
    main()
