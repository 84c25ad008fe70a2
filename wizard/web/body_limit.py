"""Every request body over MAX_CONTENT_LENGTH is refused with 413, chunked ones included, and the connection
stays usable for the next request.

A body with a Content-Length over the limit is refused by Flask before it is read. A chunked body has none:
Werkzeug then reads it up to the limit and silently drops the rest, so a form would be cut and the answers
after the cut lost without a word. Here such a body is read up to one byte past the limit (never more is held)
and given the length read, so that Flask refuses it the same way, with the same page.

The rest of a refused body is read and thrown away (up to DRAIN_BYTES, for DRAIN_SECONDS at most): left on the
socket, it made gunicorn drop the connection after a 413 that said `Connection: keep-alive`, so the client's
next request got no answer. A body too long or too slow to drain gets `Connection: close` instead (which
gunicorn replaces by its own header, then closes the connection as that one says).
"""
from __future__ import annotations

import time
from io import BytesIO

from flask import Flask

DRAIN_BYTES = 16 * 1024 * 1024
DRAIN_SECONDS = 5.0
_PIECE = 64 * 1024


def setup_body_limit(app: Flask) -> None:
    app.wsgi_app = _BodyLimit(app.wsgi_app, app)


class _BodyLimit:
    def __init__(self, wsgi_app, app: Flask):
        self.wsgi_app, self.app = wsgi_app, app

    def __call__(self, environ, start_response):
        limit = self.app.config.get("MAX_CONTENT_LENGTH")
        if limit is None:
            return self.wsgi_app(environ, start_response)
        stream, drained = environ["wsgi.input"], True
        if not environ.get("CONTENT_LENGTH") and "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
            body = _read_up_to(stream, limit + 1)
            if len(body) > limit:
                drained = _drain(stream, DRAIN_BYTES, known=False)
            # Now a plain body of known length: Werkzeug ignores any Content-Length while the request says chunked.
            environ["wsgi.input"] = BytesIO(body)
            environ["CONTENT_LENGTH"] = str(len(body))
            del environ["HTTP_TRANSFER_ENCODING"]
        elif (length := _length(environ)) > limit:
            drained = length <= DRAIN_BYTES and _drain(stream, length, known=True)
            environ["wsgi.input"] = BytesIO()  # Flask refuses the request by its Content-Length, unread
        if drained:
            return self.wsgi_app(environ, start_response)

        def closing(status, headers, exc_info=None):
            return start_response(status, [*headers, ("Connection", "close")], exc_info)
        return self.wsgi_app(environ, closing)


def _length(environ) -> int:
    try:
        return int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _read_up_to(stream, size: int) -> bytes:
    """Read until `size` bytes or the end: a server's dechunking stream may hand out one chunk per read."""
    parts, missing = [], size
    while missing > 0 and (part := stream.read(missing)):
        parts.append(part)
        missing -= len(part)
    return b"".join(parts)


def _drain(stream, size: int, known: bool) -> bool:
    """Read and forget the body's rest for DRAIN_SECONDS at most; whether its end was reached. A known length is
    read exactly (one byte more would wait for the client's next request); else `size` bounds the reading."""
    deadline, left = time.monotonic() + DRAIN_SECONDS, size
    while time.monotonic() < deadline:
        if known and left == 0:
            return True
        part = stream.read(min(_PIECE, left if known else left + 1))
        if not part:  # the end of a chunked body, or a client gone
            return True
        left -= len(part)
        if left < 0:
            return False
    return False
