"""beta.gouv.fr's API as tests meet it: the snapshot of ../shared/data/beta-gouv-api/ served over HTTP on 127.0.0.1,
by a real server in a thread, with paths that fail the ways the real one can.

Each path prefix is one way: /ok/ serves the snapshot, the others break startups.json (organisations.json is served
as it is, unless the prefix names it). /api/v2.7/startups.json and /api/v2.6/organisations.json are the live site's
layout, for a sync with the default addresses and only the site's origin (EIG_BETA_SITE) moved here."""
from __future__ import annotations

import json
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from wizard.paths import ROOT

SNAPSHOT_DIR = ROOT.parent / "shared" / "data" / "beta-gouv-api"
SLOW_SECONDS = 3  # longer than the timeout the tests set (EIG_BETA_TIMEOUT)


def snapshot_or_skip() -> Path:
    if not (SNAPSHOT_DIR / "startups.json").is_file():
        pytest.skip(f"instantané de l'API beta.gouv.fr absent : {SNAPSHOT_DIR} (dossier shared/ à côté du dépôt)")
    return SNAPSHOT_DIR


SITE_LAYOUT = {"/api/v2.7/startups.json": "startups.json", "/api/v2.6/organisations.json": "organisations.json"}
TRICKLE_SECONDS = 0.2  # between two bytes of a trickling answer: far below the read timeout the tests set


def _edited(edit):
    """A way that serves startups.json with `edit(document)` applied; the placeholder "@@HUGE@@" becomes a
    5,000-digit integer (json.dumps refuses to write one)."""
    def serve(body: bytes) -> bytes:
        document = json.loads(body)
        edit(document)
        return json.dumps(document).replace('"@@HUGE@@"', "9" * 5000).encode()
    return serve


def _set(path: str, value):
    def edit(document):
        *parents, last = path.split(".")
        node = document["data"][0]
        for key in parents:
            node = node[key] if isinstance(node, dict) else node[int(key)]
        node[last if isinstance(node, dict) else int(last)] = value
    return _edited(edit)


def _terminal_twins(document):
    """Two records under one id that holds terminal control sequences (a title, a colour, a carriage return)."""
    hostile = "datapass\x1b]0;pirate\x07\x1b[31m\rrouge"
    document["data"][0]["id"] = document["data"][1]["id"] = hostile


# Documents meant to break the sync, startups.json each time (organisations.json as it is).
HOSTILE = {
    "quote-in-name": lambda body: body.replace(b'"name": "DataPass"', b'"name": "Data"Pass"', 1),
    "bad-record": _set("attributes", "illisible"),
    "deep": lambda body: b'{"data": [' + b"[" * 100_000 + b"]" * 100_000 + b"]}",
    "huge-integer": _set("attributes.name", "@@HUGE@@"),
    "lone-surrogate": _set("attributes.name", "Produit \ud800"),
    "long-id": _set("id", "x" * 201),
    "long-phase": _set("attributes.phases.0.name", "p" * 65),
    "long-start": _set("attributes.phases.0.start", "2" * 33),
    "nul": _set("attributes.name", "Produit\x00nul"),
    "terminal": _edited(_terminal_twins),
    "empty": lambda body: b"[]" if body.lstrip().startswith(b"[") else b'{"data": []}',  # either document
    "half": _edited(lambda document: document.update(data=document["data"][:300])),
}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # the tests' output stays readable
        pass

    def do_GET(self):
        if self.path in SITE_LAYOUT:  # the live site's addresses, each document at its own version
            return self._send(200, (SNAPSHOT_DIR / SITE_LAYOUT[self.path]).read_bytes())
        _, way, name = (self.path.split("/", 2) + ["", ""])[:3]
        body = (SNAPSHOT_DIR / name).read_bytes() if name in ("startups.json", "organisations.json") else None
        if body is None:
            return self._send(404, b"introuvable")
        target = "organisations.json" if way.endswith("-organisations") else "startups.json"
        way = way.removesuffix("-organisations") if name == target else "ok"
        if way == "ok":
            return self._send(200, body)
        if way in HOSTILE:
            return self._send(200, HOSTILE[way](body))
        if way == "html":  # the document itself, labelled as a web page
            return self._send(200, body, content_type="text/html; charset=utf-8")
        if way == "redirect-away":  # another host (the same server under another name): not to be followed
            port = self.server.server_address[1]
            return self._redirect(f"http://localhost:{port}/ok/{name}")
        if way == "redirect-within":
            return self._redirect(f"/ok/{name}")
        if way == "trickle":  # the headers, then one byte at a time, each well within the read timeout
            return self._trickle(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                 + f"Content-Length: {len(body)}\r\n\r\n".encode(), body)
        if way == "trickle-headers":  # the headers themselves, one byte at a time, for ever
            return self._trickle(b"", b"HTTP/1.1 200 OK\r\nX-Filler: " + b"a" * 1_000_000)
        if way == "http-error":
            return self._send(503, b"Service Unavailable")
        if way == "slow":
            time.sleep(SLOW_SECONDS)
            return self._send(200, body)
        if way == "invalid":
            return self._send(200, b"<html>Maintenance</html>")
        if way == "truncated":  # a whole answer whose JSON stops half-way
            return self._send(200, body[:len(body) // 2])
        if way == "cut":  # the connection closes before the announced length
            return self._send(200, body[:len(body) // 2], length=len(body))
        if way == "wrong-shape":
            return self._send(200, b'{"data": {"id": "pas-une-liste"}}' if name == "startups.json" else b'{"id": "x"}')
        if way == "huge":  # 21 MB, announced
            return self._send(200, b" " * (21 * 1024 * 1024))
        if way == "huge-unannounced":  # 21 MB, length not announced: only reading tells
            return self._stream(b" " * (21 * 1024 * 1024))
        return self._send(404, b"introuvable")

    def _send(self, status: int, body: bytes, length: int | None = None, content_type: str = "application/json"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)
        if length is not None:
            self.close_connection = True

    def _redirect(self, location: str):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _trickle(self, head: bytes, body: bytes):
        self.close_connection = True
        self.wfile.write(head)
        for start in range(len(body)):
            self.wfile.write(body[start:start + 1])
            self.wfile.flush()
            time.sleep(TRICKLE_SECONDS)

    def _stream(self, body: bytes):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        for start in range(0, len(body), 1 << 20):
            self.wfile.write(body[start:start + (1 << 20)])


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client that gave up (the timeout test) breaks the pipe: that is the point, not a failure


@contextmanager
def serving():
    """The base URL of a server of the snapshot (http://127.0.0.1:PORT); add /ok, /http-error, … for the API."""
    snapshot_or_skip()
    server = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def beta_api():
    with serving() as url:
        yield url


def copy_snapshot(url: str) -> None:
    """Put the snapshot in the database at `url` as `eig-wizard beta sync` does, without the download."""
    from sqlalchemy.orm import Session

    from wizard.rules.beta import load_beta_rules
    from wizard.rules.loading import load_rules
    from wizard.store import beta as beta_store
    from wizard.store.beta_shape import parse_json, read_organisations, read_products
    from wizard.store.db import make_engine

    folder = snapshot_or_skip()
    products = read_products(parse_json((folder / "startups.json").read_bytes(), "startups.json")).records
    organisations = read_organisations(parse_json((folder / "organisations.json").read_bytes(), "organisations.json")).records
    engine = make_engine(url)
    with Session(engine) as session:
        beta_store.replace_copy(session, products, organisations, "instantané", load_beta_rules(load_rules()).page_url)
    engine.dispose()
