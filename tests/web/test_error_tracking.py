"""Errors reach Sentry when SENTRY_DSN is set, with nothing personal in them (issue 25, point 2): the app served over
real HTTP, the SDK's own transport posting its envelope to a local HTTP endpoint that keeps what it receives."""
import gzip
import json
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import brotli
import pytest
import sentry_sdk

from answers import OPERATOR
from browser.server import serve_wsgi
from checked_app import make_app
from store.test_concurrency import RESUME_LINK, Browser
from wizard.web import error_tracking
from wizard.store import drafts

SECRET_NAME = "Agence très secrète des essais"
EMAIL = "camille.martin@exemple.gouv.fr"
DECODERS = {"gzip": gzip.decompress, "br": brotli.decompress, "deflate": zlib.decompress, "": bytes}


class SentryEndpoint(ThreadingHTTPServer):
    """Sentry's ingestion endpoint as the SDK sees it: POST /api/<project>/envelope/, each envelope kept."""

    def __init__(self):
        self.envelopes: list[tuple[str, bytes]] = []
        self.received = threading.Event()
        super().__init__(("127.0.0.1", 0), _Handler)


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        body = DECODERS[self.headers.get("Content-Encoding", "")](body)
        self.server.envelopes.append((self.path, body))
        self.server.received.set()
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


def events_of(envelopes) -> list[dict]:
    """The error events in the envelopes: each is a header line, then an item header and its payload, per item."""
    events = []
    for _, body in envelopes:
        lines = body.split(b"\n")
        for header, payload in zip(lines[1::2], lines[2::2], strict=False):  # a last empty line has no pair
            if json.loads(header).get("type") == "event":
                events.append(json.loads(payload))
    return events


@pytest.fixture
def endpoint():
    server = SentryEndpoint()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def tracked_app(endpoint):
    dsn = f"http://clepublique@127.0.0.1:{endpoint.server_port}/42"
    app = make_app(SENTRY_DSN=dsn, SENTRY_ENVIRONMENT="essai", SENTRY_RELEASE="eig-wizard@essai",
                   SESSION_COOKIE_SECURE=False, SAVES_PER_HOUR=1000,
                   PROPAGATE_EXCEPTIONS=False)  # as in production: the 500 page, not the error raised to the server

    @app.post("/_panne")
    def broken_page():
        # A page with a bug, in the middle of an agent's answers: they are in its variables and in its message.
        answers = drafts.get_answers()
        raise RuntimeError(f"panne sur {answers['administration_name']} ({answers['dossier_contact_email']})")

    app.extensions["csrf"].exempt(broken_page)
    yield app
    sentry_sdk.get_client().close()
    sentry_sdk.get_global_scope().set_client(None)  # the other tests of this process send nothing


def test_an_error_in_a_page_sends_one_event_with_no_answer_token_email_or_cookie(tracked_app, endpoint):
    with serve_wsgi(tracked_app) as base_url:
        agent = Browser(base_url)
        agent.walk({**OPERATOR, "administration_name": SECRET_NAME, "dossier_contact_email": EMAIL})
        token = RESUME_LINK.search(agent.save().text).group(1)
        cookie = agent.http.cookies.get("session")
        response = agent.http.post(f"{base_url}/_panne?email={EMAIL}&jeton={token}",
                                   data={"administration_name": SECRET_NAME, "contact": EMAIL},
                                   headers={"Referer": f"{base_url}/reprendre/{token}", "Authorization": "Bearer " + token},
                                   timeout=30)
        assert response.status_code == 500
        sentry_sdk.flush(timeout=10)
    assert endpoint.received.wait(10)
    assert all(path == "/api/42/envelope/" for path, _ in endpoint.envelopes)
    events = events_of(endpoint.envelopes)
    assert len(events) == 1
    event = events[0]
    assert event["exception"]["values"][-1]["type"] == "RuntimeError"
    assert any(frame["function"] == "broken_page" for frame in event["exception"]["values"][-1]["stacktrace"]["frames"])
    assert event["environment"] == "essai" and event["release"] == "eig-wizard@essai"
    assert event["request"]["method"] == "POST" and event["request"]["url"].endswith("/_panne")
    sent = b"\n".join(body for _, body in endpoint.envelopes).decode()
    for personal in (SECRET_NAME, "très secrète", EMAIL, "camille.martin", token, cookie, "Cookie", "Referer",
                     "Authorization", "contact="):
        assert personal not in sent, personal


def test_scrub_masks_e_mail_addresses_and_tokens_in_log_messages_and_breadcrumbs():
    event = {"logentry": {"message": f"envoi à {EMAIL} depuis /reprendre/abcdefABCDEF0123"},
             "breadcrumbs": {"values": [{"message": f"courriel {EMAIL}", "data": {"to": EMAIL}}]},
             "user": {"email": EMAIL, "ip_address": "203.0.113.7"}, "extra": {"answers": {"x": SECRET_NAME}},
             "request": {"method": "GET", "url": "https://eig.exemple.fr/reprendre/abcdefABCDEF0123",
                         "cookies": {"session": "x"}, "data": {"a": SECRET_NAME}, "query_string": f"e={EMAIL}",
                         "headers": {"Cookie": "session=x", "User-Agent": "Firefox"}}}
    text = json.dumps(error_tracking.scrub(event), ensure_ascii=False)
    for personal in (EMAIL, "abcdefABCDEF0123", SECRET_NAME, "203.0.113.7", "session=x", "cookies"):
        assert personal not in text, personal
    assert "Firefox" in text and "/reprendre/[jeton masqué]" in text and error_tracking.MASKED_EMAIL in text


def test_without_a_dsn_nothing_is_set_up():
    app = make_app()
    assert not app.config["SENTRY_DSN"] and not sentry_sdk.get_client().is_active()
