"""Every request body over MAX_CONTENT_LENGTH is refused with 413, chunked ones included.

A body with a Content-Length over the limit is refused by Flask before it is read. A chunked body has none:
Werkzeug then reads it up to the limit and silently drops the rest, so a form would be cut and the answers
after the cut lost without a word. Here such a body is read up to one byte past the limit (never more is held)
and given the length read, so that Flask refuses it the same way, with the same page.
"""
from __future__ import annotations

from io import BytesIO

from flask import Flask


def setup_body_limit(app: Flask) -> None:
    app.wsgi_app = _ChunkedBodyLimit(app.wsgi_app, app)


class _ChunkedBodyLimit:
    def __init__(self, wsgi_app, app: Flask):
        self.wsgi_app, self.app = wsgi_app, app

    def __call__(self, environ, start_response):
        limit = self.app.config.get("MAX_CONTENT_LENGTH")
        if limit is not None and not environ.get("CONTENT_LENGTH") and \
                "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
            body = _read_up_to(environ["wsgi.input"], limit + 1)
            # Now a plain body of known length: Werkzeug ignores any Content-Length while the request says chunked.
            environ["wsgi.input"] = BytesIO(body)
            environ["CONTENT_LENGTH"] = str(len(body))
            del environ["HTTP_TRANSFER_ENCODING"]
        return self.wsgi_app(environ, start_response)


def _read_up_to(stream, size: int) -> bytes:
    """Read until `size` bytes or the end: a server's dechunking stream may hand out one chunk per read."""
    parts, missing = [], size
    while missing > 0 and (part := stream.read(missing)):
        parts.append(part)
        missing -= len(part)
    return b"".join(parts)
