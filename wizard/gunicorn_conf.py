"""gunicorn's settings for production, read by the README's command:

    gunicorn -c python:wizard.gunicorn_conf 'wizard:create_app()'

- The app is loaded once, in the master, before any worker starts (preload): broken rules stop the server at
  once with their file:line messages, instead of workers failing to boot in a loop while the port hangs.
- Workers, their class and threads come from the environment (EIG_WORKERS, EIG_WORKER_CLASS, EIG_THREADS).
  Threads let a process keep serving pages while one of them makes a PDF (bounded per process, see
  wizard/web/report_views.py).
- The access log never holds a resume token: /reprendre/<token> is masked in every field, Referer included.
"""
from __future__ import annotations

import os

from gunicorn.glogging import Logger

from wizard.config import number
from wizard.web.body_limit import DRAIN_BYTES
from wizard.web.token_masking import HideTokens, mask_tokens

bind = os.environ.get("EIG_BIND", "127.0.0.1:8000")
workers = number(os.environ, "EIG_WORKERS", 4, 1, 64, "processus")
worker_class = os.environ.get("EIG_WORKER_CLASS", "gthread")
threads = number(os.environ, "EIG_THREADS", 4, 1, 64, "fils par processus")
preload_app = True
# A request running longer than this is stuck: its worker is replaced. A PDF takes under 2 s.
timeout = number(os.environ, "EIG_WORKER_TIMEOUT", 30, 5, 3600, "secondes")
graceful_timeout = 30
keepalive = 5
control_socket_disable = True  # no runtime control here; several servers on one machine would share its socket
# Request line and header sizes: gunicorn's defaults, said here so that nobody raises them unknowingly.
limit_request_line = 4094
limit_request_fields = 100
accesslog = os.environ.get("EIG_ACCESS_LOG", "-")
errorlog = os.environ.get("EIG_ERROR_LOG", "-")
access_log_format = '%(h)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'


class MaskedTokensLogger(Logger):
    """gunicorn's logger, with the resume tokens masked in the access log and in the error log."""

    def setup(self, cfg):
        super().setup(cfg)
        if not any(isinstance(f, HideTokens) for f in self.error_log.filters):
            self.error_log.addFilter(HideTokens())

    def atoms(self, resp, req, environ, request_time):
        return {key: mask_tokens(value) if isinstance(value, str) else value
                for key, value in super().atoms(resp, req, environ, request_time).items()}


logger_class = MaskedTokensLogger


def pre_request(worker, req):
    """A body announced longer than the app drains after refusing it (wizard/web/body_limit.py) will be left on
    the socket, and the connection closed: its answer must say `Connection: close`, which gunicorn writes only
    when the request asks for it (it drops the app's own Connection header)."""
    worker.log.debug("%s %s", req.method, req.path)
    length = next((value for name, value in req.headers if name == "CONTENT-LENGTH"), "0")
    if length.isdigit() and int(length) > DRAIN_BYTES:
        req.headers.insert(0, ("CONNECTION", "close"))  # the first Connection header is the one gunicorn reads


def post_fork(server, worker):
    """Each worker opens its own database connections: none may be shared with the master across the fork."""
    app = server.app.wsgi()
    app.extensions["db_engine"].dispose(close=False)
