"""Load the wizard's pages as a phone on a slow network does (Lighthouse 12, its mobile profile: 150 ms round trips,
1.6 Mbit/s, CPU slowed 4×), beside a bare HTML page served on loopback in the same run.

Prints, for each page (start, a step, check, result, FAQ, managers' list): Lighthouse's performance score, first and
largest contentful paint (FCP, LCP), the bytes of a first visit, and the ratio of its LCP to the bare page's; then
how many static files a repeat visit requests. Targets: performance ≥ 0.95, LCP ≤ 1.5 × the bare page's, a first
visit ≤ 150 KiB, no static file requested again.

With --before CHECKOUT (another checkout of the project, installed with `make install`, e.g. a worktree of main),
its pages are measured in the same run, each beside this checkout's, so that the pairs compare on the same load
(the machine is shared: absolute figures drift, ratios to the same run's bare page hold).

Run: .venv/bin/python bench/pageload.py [--before ../main] [--pages accueil,faq]
Runs Lighthouse 12.2.3 through npx (fetched at the first run) on Debian's Chromium (CHROME_PATH=/usr/bin/chromium).
Loopback only (127.0.0.1); every server is stopped at the end.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import requests

from throughput import answered_session, free_port, wait_until_up

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# Fetched by npx at its first run, not installed with the project: the tests do without it.
LIGHTHOUSE = ["npx", "--yes", "lighthouse@12.2.3"]
PAGES = {"accueil": "/", "étape": "/etapes/administration", "vérification": "/verification", "résultat": "/resultat",
         "FAQ": "/faq", "gestion (liste)": "/gestion/"}
MANAGER = ("banc@beta.gouv.fr", "mot-de-passe-du-banc-d-essai")
BARE_PAGE = ("<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
             "content=\"width=device-width, initial-scale=1\"><title>Page nue</title></head><body><h1>Page nue</h1>"
             "<p>Une page sans feuille de style, sans script ni police : ce que le réseau permet au mieux.</p>"
             "</body></html>").encode()
TARGETS = {"performance": 0.95, "lcp_ratio": 1.5, "kib": 150}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="une autre extraction du projet, mesurée dans le même passage")
    parser.add_argument("--pages", help=f"pages à mesurer, parmi : {', '.join(PAGES)} (défaut : toutes)")
    options = parser.parse_args()
    pages = {name: PAGES[name] for name in options.pages.split(",")} if options.pages else PAGES
    checkouts = {"après": ROOT} | ({"avant": options.before.resolve()} if options.before else {})

    with bare_server() as bare_url, running(checkouts) as servers:
        bare = lighthouse(bare_url, {})
        figures = {(name, side): lighthouse(server.base + path, server.headers_for(path))
                   for name, path in pages.items() for side, server in servers.items()}
        repeats = {side: repeat_visit_requests(server, pages) for side, server in servers.items()}

    print("Lighthouse 12.2.3, profil mobile (150 ms, 1,6 Mbit/s, CPU ÷4, simulé), 127.0.0.1, un passage")
    print(f"page nue : performance {bare['performance']:.2f}, FCP {bare['fcp']:.0f} ms, LCP {bare['lcp']:.0f} ms, "
          f"{bare['kib']:.1f} Kio")
    print(f"{'page':<17} {'côté':<6} {'perf.':>5} {'FCP (ms)':>9} {'LCP (ms)':>9} {'Kio':>7} {'LCP / nue':>10}")
    missed = []
    for name in pages:
        for side in servers:
            row = figures[name, side]
            ratio = row["lcp"] / bare["lcp"]
            print(f"{name:<17} {side:<6} {row['performance']:>5.2f} {row['fcp']:>9.0f} {row['lcp']:>9.0f} "
                  f"{row['kib']:>7.1f} {ratio:>9.2f}×")
            if side == "après":
                missed += [f"{name} : performance {row['performance']:.2f}"] * (row["performance"] < TARGETS["performance"])
                missed += [f"{name} : LCP {ratio:.2f}× la page nue"] * (ratio > TARGETS["lcp_ratio"])
                missed += [f"{name} : {row['kib']:.0f} Kio"] * (row["kib"] > TARGETS["kib"])
    for side, count in repeats.items():
        print(f"visite suivante ({side}) : {count} requête(s) de fichiers statiques sur {len(pages)} pages")
    missed += [f"visite suivante : {repeats['après']} requête(s) de fichiers statiques"] * (repeats["après"] > 0)
    print("objectifs : performance ≥ 0,95, LCP ≤ 1,5 × la page nue, première visite ≤ 150 Kio, aucun fichier "
          "statique redemandé —", "atteints" if not missed else "NON ATTEINTS : " + " ; ".join(missed))
    return 1 if missed else 0


def lighthouse(url: str, headers: dict[str, str]) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="eig-lighthouse-") as folder:
        extra = Path(folder) / "headers.json"
        extra.write_text(json.dumps(headers))
        report = Path(folder) / "report.json"
        command = [*LIGHTHOUSE, url, "--quiet", "--output=json", f"--output-path={report}",
                   "--only-categories=performance", f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
                   f"--extra-headers={extra}"]
        subprocess.run(command, check=True, timeout=300, env={**os.environ, "CHROME_PATH": CHROMIUM},
                       capture_output=True)
        result = json.loads(report.read_text())
    audits = result["audits"]
    return {"performance": result["categories"]["performance"]["score"],
            "fcp": audits["first-contentful-paint"]["numericValue"],
            "lcp": audits["largest-contentful-paint"]["numericValue"],
            "kib": audits["total-byte-weight"]["numericValue"] / 1024}


class Server:
    """One checkout's app under `flask run` (as `make run` starts it), on a database of its own."""

    def __init__(self, checkout: Path, workdir: Path) -> None:
        self.checkout, self.port = checkout, free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.environment = {**os.environ, "SECRET_KEY": secrets.token_hex(32), "EIG_EMBEDDED": "1",
                            "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}"}
        bin_dir = checkout / ".venv" / "bin"
        subprocess.run([bin_dir / "eig-wizard", "db", "upgrade"], env=self.environment, cwd=checkout, check=True,
                       capture_output=True)
        subprocess.run([bin_dir / "eig-wizard", "user", "add", MANAGER[0]], env=self.environment, cwd=checkout,
                       input=f"{MANAGER[1]}\n{MANAGER[1]}\n", text=True, check=True, capture_output=True)
        self.process = subprocess.Popen([bin_dir / "flask", "--app", "wizard", "run", "--port", str(self.port)],
                                        env=self.environment, cwd=checkout, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        wait_until_up(self.base, seconds=120)
        self.agent_cookie = answered_session(self.base)
        self.manager_cookie = logged_in_manager(self.base)

    def headers_for(self, path: str) -> dict[str, str]:
        cookie = self.manager_cookie if path.startswith("/gestion") else self.agent_cookie
        return {"Cookie": f"session={cookie}"}

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


@contextmanager
def running(checkouts: dict[str, Path]):
    servers: dict[str, Server] = {}
    with tempfile.TemporaryDirectory(prefix="eig-pageload-") as folder:
        try:
            for side, checkout in checkouts.items():
                workdir = Path(folder) / side
                workdir.mkdir()
                servers[side] = Server(checkout, workdir)
            yield servers
        finally:
            for server in servers.values():
                server.stop()


def logged_in_manager(base: str) -> str:
    """Log in to /gestion through its form; return the session cookie (carried by hand, as answered_session does)."""
    url = base + "/gestion/connexion"
    page = requests.get(url, allow_redirects=False, timeout=30)
    cookie = re.match(r"session=([^;]*)", page.headers["Set-Cookie"]).group(1)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.text).group(1)
    response = requests.post(url, data={"csrf_token": token, "email": MANAGER[0], "password": MANAGER[1]},
                             headers={"Cookie": f"session={cookie}"}, allow_redirects=False, timeout=30)
    if response.status_code != 303:
        raise SystemExit(f"la connexion à /gestion est refusée ({response.status_code})")
    return re.match(r"session=([^;]*)", response.headers["Set-Cookie"]).group(1)


def repeat_visit_requests(server: Server, pages: dict[str, str]) -> int:
    """Visit each page, then each again: count the static files fetched over the network (not from the browser's
    cache) on the second visit."""
    from playwright.sync_api import sync_playwright

    fetched = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for cookie, paths in ((server.agent_cookie, [p for p in pages.values() if not p.startswith("/gestion")]),
                              (server.manager_cookie, [p for p in pages.values() if p.startswith("/gestion")])):
            if not paths:
                continue
            context = browser.new_context()
            context.add_cookies([{"name": "session", "value": cookie, "url": server.base}])
            page = context.new_page()
            for path in paths:  # the first visit fills the cache
                page.goto(server.base + path, wait_until="networkidle")
            network, cached = context.new_cdp_session(page), set()
            network.send("Network.enable")
            network.on("Network.requestServedFromCache", lambda event, cached=cached: cached.add(event["requestId"]))
            network.on("Network.responseReceived", lambda event, cached=cached: fetched.append(event["response"]["url"])
                       if "/static/" in event["response"]["url"] and event["requestId"] not in cached
                       and not event["response"].get("fromDiskCache") else None)
            for path in paths:
                page.goto(server.base + path, wait_until="networkidle")
            context.close()
        browser.close()
    return len(fetched)


@contextmanager
def bare_server():
    class BarePage(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(BARE_PAGE)))
            self.end_headers()
            self.wfile.write(BARE_PAGE)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), BarePage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    sys.exit(main())
