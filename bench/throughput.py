"""Load the wizard's pages under gunicorn (2 workers) with wrk, beside a page that renders the same DSFR layout with
an empty main, on the same server, in the same run.

Prints requests per second and the 95th percentile latency of the start page, a step page, the check-answers page
and the result page, each with its throughput's ratio to the empty layout's; and, for reference, the FAQ page (the
same layout, no answers read). Targets: every wizard page's p95 ≤ 10 ms at its load, and its throughput ≥ 50 % of
the empty layout's. (The bare template the first version compared with measured the framework's floor, not what a
page costs beyond its layout.)

On a shared machine the load drifts by ±15 % within a minute: each page is loaded between two loads of the empty
layout and compared with their mean, in several rounds, and the figures printed are the medians of the rounds
(with the lowest and highest ratio beside them).

With --before CHECKOUT (another checkout of the project, installed, e.g. a worktree of main), its server runs beside
this one and is measured in the same rounds, so that each pair compares on the same load.

Run: .venv/bin/python bench/throughput.py [--before ../main] [--seconds 3] [--rounds 3]   (needs wrk)
Loopback only (127.0.0.1); each load lasts a fixed, bounded time, then the servers are stopped.
"""
from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 2
CONNECTIONS = 4
REPORT_LUA = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %f %f %d\\n", summary.requests / (summary.duration / 1e6),
                         latency:percentile(95) / 1000, summary.errors.status + summary.errors.connect))
end
"""
ANSWERS = {
    "administration_type": "operateur_etat", "beta_page_published": "oui", "phase": "construction",
    "beta_page_url": "https://beta.gouv.fr/startups/exemple.html", "mission_case": "lancer_produit",
    "investigation_probleme_qualifie": "oui", "investigation_besoin_valide": "oui",
    "investigation_strategie_esquissee": "en_cours", "profils": ["directeur_produit"],
    "probleme_avere": "2", "probleme_majeur": "3", "probleme_actionnable": "1", "approche_produit": "2",
    "sponsoring": "0", "autonomie_ressources": "2", "politiques_prioritaires": "3", "feuille_de_route": "2",
    "ambition_entrepreneuriale": "3",
}
PAGES = [("accueil", "/"), ("étape (produit)", "/etapes/produit"), ("vérification", "/verification"),
         ("résultat", "/resultat")]
# For reference, not part of the target: a page with the same DSFR layout that reads no answers (the FAQ).
REFERENCE = ("FAQ (référence)", "/faq")
LAYOUT = ("gabarit vide", "/gabarit-vide")
TARGETS = {"p95_ms": 10, "ratio": 0.5}


def bench_app():
    """The wizard, plus the page the figures are compared with: its layout, an empty main."""
    from flask import render_template

    from wizard import create_app

    app = create_app()
    empty = app.jinja_env.from_string('{% extends "base.html" %}{% block title %}Gabarit vide{% endblock %}')

    @app.get(LAYOUT[1])
    def empty_layout():
        return render_template(empty)  # compiled once, as the wizard's templates are

    return app


def serve(port: int) -> None:
    """Run gunicorn in this process (the master forks the workers)."""
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):
        def load_config(self):
            for key, value in {"bind": f"127.0.0.1:{port}", "workers": WORKERS, "accesslog": None,
                               "errorlog": "-", "loglevel": "warning"}.items():
                self.cfg.set(key, value)

        def load(self):
            return bench_app()

    Server().run()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(base: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if requests.get(base + "/healthz", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            time.sleep(0.2)
    raise SystemExit("le serveur n'a pas démarré")


def answered_session(base: str) -> str:
    """Walk the wizard once through its forms; return the session cookie that holds the answers.

    The cookie is carried by hand: the standard cookie jar mishandles host-only cookies on a bare IP."""
    cookie, url = "", base + "/etapes/administration"
    for _ in range(12):
        page = requests.get(url, headers={"Cookie": f"session={cookie}"}, allow_redirects=False)
        cookie = _session_cookie(page) or cookie
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.text).group(1)
        response = requests.post(url, data={"csrf_token": token, **ANSWERS}, allow_redirects=False,
                                 headers={"Cookie": f"session={cookie}"})
        cookie = _session_cookie(response) or cookie
        if response.status_code != 303:
            raise SystemExit(f"{url} : le formulaire est refusé ({response.status_code})")
        url = base + response.headers["Location"].split("#")[0]
        if "/etapes/" not in url:
            break
    if requests.get(base + "/resultat", headers={"Cookie": f"session={cookie}"}, allow_redirects=False).status_code != 200:
        raise SystemExit("le résultat n'est pas atteint")
    return cookie


def _session_cookie(response) -> str | None:
    match = re.match(r"session=([^;]*)", response.headers.get("Set-Cookie", ""))
    return match.group(1) if match else None


def load(url: str, cookie: str, seconds: int, script: Path) -> tuple[float, float, int]:
    command = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "-s", str(script), "-H", f"Cookie: session={cookie}", url]
    output = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 30).stdout
    rps, p95, errors = re.search(r"RESULT (\S+) (\S+) (\d+)", output).groups()
    return float(rps), float(p95), int(errors)


class Server:
    """One checkout's app under gunicorn, on a database of its own, with an agent's session walked through."""

    def __init__(self, checkout: Path, workdir: Path) -> None:
        python = checkout / ".venv" / "bin" / "python"
        environment = {**os.environ, "SECRET_KEY": secrets.token_hex(32), "EIG_EMBEDDED": "1",
                       "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}"}
        subprocess.run([python, "-m", "wizard", "db", "upgrade"], env=environment, cwd=checkout, check=True,
                       capture_output=True)
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen([python, __file__, "--serve", str(port)], env=environment, cwd=checkout)
        wait_until_up(self.base)
        self.cookie = answered_session(self.base)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="une autre extraction du projet, mesurée dans les mêmes tours")
    parser.add_argument("--seconds", type=int, default=3, help="durée de chaque mesure (défaut : 3 s)")
    parser.add_argument("--rounds", type=int, default=3, help="nombre de tours (défaut : 3)")
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.serve:
        serve(options.serve)
        return 0
    if not shutil.which("wrk"):
        raise SystemExit("wrk est introuvable : apt-get install -y wrk")

    checkouts = {"après": ROOT} | ({"avant": options.before.resolve()} if options.before else {})
    workdir = Path(tempfile.mkdtemp(prefix="eig-bench-"))
    script = workdir / "report.lua"
    script.write_text(REPORT_LUA)
    servers: dict[str, Server] = {}
    try:
        for side, checkout in checkouts.items():
            (workdir / side).mkdir()
            servers[side] = Server(checkout, workdir / side)
        for server in servers.values():
            for _, path in [*PAGES, REFERENCE, LAYOUT]:  # warm up: templates compiled, connections opened
                load(server.base + path, server.cookie, 1, script)
        rounds = [{side: measure_round(server, options.seconds, script) for side, server in servers.items()}
                  for _ in range(options.rounds)]
    finally:
        for server in servers.values():
            server.stop()
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"gunicorn {WORKERS} workers, wrk {CONNECTIONS} connexions, {options.rounds} tours de {options.seconds} s "
          "par page, 127.0.0.1 ; médianes des tours")
    print(f"{'page':<18} {'côté':<6} {'req/s':>9} {'p95 (ms)':>9} {'/ gabarit':>10} {'(min – max)':>14}")
    missed = []
    for name, _ in [LAYOUT, *PAGES, REFERENCE]:
        for side in servers:
            loads = [one_round[side][name] for one_round in rounds]
            if name == LAYOUT[0]:  # loaded between each page and the next
                loads = [one for several in loads for one in several]
            rps, p95 = statistics.median(r for r, _, _ in loads), statistics.median(p for _, p, _ in loads)
            errors = sum(e for _, _, e in loads)
            if name == LAYOUT[0]:
                print(f"{name:<18} {side:<6} {rps:>9.0f} {p95:>9.1f} {'100 %':>10}")
                continue
            ratios = [one_round[side]["ratios"][name] for one_round in rounds]
            ratio = statistics.median(ratios)
            target = side == "après" and name != REFERENCE[0]
            if target and (ratio < TARGETS["ratio"] or p95 > TARGETS["p95_ms"] or errors):
                missed.append(f"{name} ({ratio:.0%}, p95 {p95:.1f} ms{f', {errors} erreurs' if errors else ''})")
            flag = (f"  ({errors} erreurs)" if errors else "") + ("  (hors objectif)" if name == REFERENCE[0] else "")
            print(f"{name:<18} {side:<6} {rps:>9.0f} {p95:>9.1f} {ratio:>9.0%} "
                  f"{f'({min(ratios):.0%} – {max(ratios):.0%})':>15}{flag}")
    print(f"objectifs : chaque page du parcours à p95 ≤ {TARGETS['p95_ms']} ms et à au moins 50 % du gabarit vide —",
          "NON ATTEINTS : " + ", ".join(missed) if missed else "atteints")
    return 1 if missed else 0


def measure_round(server: Server, seconds: int, script: Path) -> dict:
    """Each page loaded between two loads of the empty layout; its ratio is to the mean of those two."""
    layout = [load(server.base + LAYOUT[1], server.cookie, seconds, script)]
    figures: dict = {LAYOUT[0]: layout, "ratios": {}}
    for name, path in [*PAGES, REFERENCE]:
        figures[name] = load(server.base + path, server.cookie, seconds, script)
        layout.append(load(server.base + LAYOUT[1], server.cookie, seconds, script))
        figures["ratios"][name] = figures[name][0] / ((layout[-2][0] + layout[-1][0]) / 2)
    return figures


if __name__ == "__main__":
    sys.exit(main())
