"""Load the wizard's pages under gunicorn (2 workers) with wrk, beside a bare Flask route of the same server.

Prints requests per second and the 95th percentile latency of a step page, the check-answers page, the
result page and the bare page (a trivial Jinja template), each with its ratio to the bare page; and, for
reference, the FAQ page (the same DSFR layout, no answers read). Target: every wizard page at least 50 % of
the bare page's throughput.

On a shared machine the load drifts by ±15 % within a minute: each page is loaded between two loads of the bare
page and compared with their mean, in several rounds, and the figures printed are the medians of the rounds
(with the lowest and highest ratio beside them).

Run: .venv/bin/python bench/throughput.py [--seconds 3] [--rounds 5]   (needs wrk: apt-get install -y wrk)
Loopback only (127.0.0.1); each load lasts a fixed, bounded time, then the server is stopped.
"""
from __future__ import annotations

import sys
from pathlib import Path

# This file is named like the standard library's `http`, which Flask imports: keep its folder off the path.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent]

import argparse  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import secrets  # noqa: E402
import shutil  # noqa: E402
import socket  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

import requests  # noqa: E402

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
PAGES = [("étape (produit)", "/etapes/produit"), ("vérification", "/verification"), ("résultat", "/resultat")]
# For reference, not part of the target: a page with the same DSFR layout that reads no answers (the FAQ).
REFERENCE = ("FAQ (gabarit seul)", "/faq")


def bench_app():
    """The wizard, plus the bare route the figures are compared with."""
    from flask import render_template

    from wizard import create_app

    app = create_app()
    trivial = app.jinja_env.from_string("<!doctype html><title>{{ title }}</title><p>{{ title }}</p>")

    @app.get("/nu")
    def bare():
        return render_template(trivial, title="Page nue")  # compiled once, as the wizard's templates are

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=3, help="durée de chaque mesure (défaut : 3 s)")
    parser.add_argument("--rounds", type=int, default=5, help="nombre de tours (défaut : 5)")
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.serve:
        serve(options.serve)
        return 0
    if not shutil.which("wrk"):
        raise SystemExit("wrk est introuvable : apt-get install -y wrk")

    workdir = Path(tempfile.mkdtemp(prefix="eig-bench-"))
    database = f"sqlite:///{workdir / 'bench.sqlite3'}"
    environment = {**os.environ, "SECRET_KEY": secrets.token_hex(32), "EIG_EMBEDDED": "1", "DATABASE_URL": database}
    subprocess.run([sys.executable, "-m", "wizard", "db", "upgrade"], env=environment, cwd=ROOT, check=True,
                   capture_output=True)
    script = workdir / "report.lua"
    script.write_text(REPORT_LUA)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, __file__, "--serve", str(port)], env=environment, cwd=ROOT)
    try:
        wait_until_up(base)
        cookie = answered_session(base)
        for _, path in [*PAGES, ("nu", "/nu")]:  # warm up: templates compiled, connections opened
            load(base + path, cookie, 1, script)
        rounds = [measure_round(base, cookie, options.seconds, script) for _ in range(options.rounds)]
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"gunicorn {WORKERS} workers, wrk {CONNECTIONS} connexions, {options.rounds} tours de {options.seconds} s "
          "par page, 127.0.0.1 ; médianes des tours")
    print(f"{'page':<18} {'req/s':>9} {'p95 (ms)':>9} {'/ page nue':>11} {'(min – max)':>14}")
    bares = [figures for one_round in rounds for figures in one_round["nu"]]
    print(f"{'page nue':<18} {statistics.median(rps for rps, _, _ in bares):>9.0f} "
          f"{statistics.median(p95 for _, p95, _ in bares):>9.1f} {'100 %':>11}")
    below = False
    for name, _ in [*PAGES, REFERENCE]:
        loads = [one_round[name] for one_round in rounds]
        ratios = [one_round["ratios"][name] for one_round in rounds]
        ratio, errors = statistics.median(ratios), sum(e for _, _, e in loads)
        is_reference = name == REFERENCE[0]
        below |= not is_reference and (ratio < 0.5 or errors > 0)
        flag = (f"  ({errors} erreurs)" if errors else "") + ("  (référence, hors objectif)" if is_reference else "")
        print(f"{name:<18} {statistics.median(rps for rps, _, _ in loads):>9.0f} "
              f"{statistics.median(p95 for _, p95, _ in loads):>9.1f} {ratio:>10.0%} "
              f"{f'({min(ratios):.0%} – {max(ratios):.0%})':>15}{flag}")
    print("objectif : chaque page du parcours à au moins 50 % de la page nue —", "NON ATTEINT" if below else "atteint")
    return 1 if below else 0


def measure_round(base: str, cookie: str, seconds: int, script: Path) -> dict:
    """Each page loaded between two loads of the bare page; its ratio is to the mean of those two."""
    bare = [load(base + "/nu", cookie, seconds, script)]
    figures: dict = {"nu": bare, "ratios": {}}
    for name, path in [*PAGES, REFERENCE]:
        figures[name] = load(base + path, cookie, seconds, script)
        bare.append(load(base + "/nu", cookie, seconds, script))
        figures["ratios"][name] = figures[name][0] / ((bare[-2][0] + bare[-1][0]) / 2)
    return figures

if __name__ == "__main__":
    sys.exit(main())
