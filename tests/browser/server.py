"""Run any WSGI app on a free local port for browser tests."""

import threading
from contextlib import contextmanager

from werkzeug.serving import make_server


@contextmanager
def serve_wsgi(app):
    """Serve `app` on 127.0.0.1 in a background thread; yield its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
