"""The request after a 413 gets its answer (issue 26, weak 6). Under the README's gunicorn, a body over the limit
used to be answered 413 with `Connection: keep-alive`, then the connection was dropped: the client's next
request on it got no answer. Now the refused body is drained and the connection serves the next request; a body
too long to drain is answered `Connection: close`, and closed."""
import http.client
from urllib.parse import urlsplit

import pytest

from store.gunicorn_load import gunicorn_env, serve_gunicorn
from wizard.store import schema
from wizard.web.body_limit import DRAIN_BYTES

LIMIT = 256 * 1024  # EIG_MAX_REQUEST_BYTES's default
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gunicorn-413")
    url = f"sqlite:///{folder / 'eig.sqlite3'}"
    schema.upgrade(url)
    with serve_gunicorn(folder, gunicorn_env(url, EIG_WORKERS="1")) as running:
        yield running


def _connection(server) -> http.client.HTTPConnection:
    address = urlsplit(server.base_url)
    return http.client.HTTPConnection(address.hostname, address.port, timeout=30)


@pytest.mark.parametrize("size, chunked", [(LIMIT + 1, False), (3 * 1024 * 1024, False), (LIMIT + 1, True),
                                           (3 * 1024 * 1024, True)])
def test_the_request_after_a_413_on_the_same_connection_gets_its_answer(server, size, chunked):
    connection = _connection(server)
    body = b"administration_name=" + b"x" * size
    if chunked:
        pieces = (body[start:start + 65536] for start in range(0, len(body), 65536))
        connection.request("POST", "/etapes/administration", body=pieces, encode_chunked=True, headers=FORM)
    else:
        connection.request("POST", "/etapes/administration", body=body, headers=FORM)
    refused = connection.getresponse()
    assert refused.status == 413 and "Votre envoi est trop volumineux" in refused.read().decode()
    assert refused.getheader("Connection") == "keep-alive"
    socket = connection.sock
    connection.request("GET", "/healthz")
    after = connection.getresponse()
    assert after.status == 200 and after.read().startswith(b'{"')
    assert connection.sock is socket  # answered on the same connection, not a new one
    connection.close()


def test_a_body_too_long_to_drain_is_answered_connection_close(server):
    connection = _connection(server)
    connection.putrequest("POST", "/etapes/administration")
    connection.putheader("Content-Type", FORM["Content-Type"])
    connection.putheader("Content-Length", str(DRAIN_BYTES + 1))
    connection.endheaders(b"administration_name=" + b"x" * 65536)  # and the rest never sent
    refused = connection.getresponse()
    assert refused.status == 413 and refused.getheader("Connection") == "close"
    refused.read()
    connection.close()
