"""beta.gouv.fr's API as tests meet it: the snapshot of ../shared/data/beta-gouv-api/ served over HTTP on 127.0.0.1,
by a real server in a thread, with paths that fail the ways the real one can.

Each path prefix is one way: /ok/ serves the snapshot, the others break startups.json (organisations.json is served
as it is, unless the prefix names it)."""
from __future__ import annotations

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


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # the tests' output stays readable
        pass

    def do_GET(self):
        _, way, name = (self.path.split("/", 2) + ["", ""])[:3]
        body = (SNAPSHOT_DIR / name).read_bytes() if name in ("startups.json", "organisations.json") else None
        if body is None:
            return self._send(404, b"introuvable")
        target = "organisations.json" if way.endswith("-organisations") else "startups.json"
        way = way.removesuffix("-organisations") if name == target else "ok"
        if way == "ok":
            return self._send(200, body)
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

    def _send(self, status: int, body: bytes, length: int | None = None):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)
        if length is not None:
            self.close_connection = True

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
