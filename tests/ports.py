"""A free port on loopback, for the real peers the tests start (SMTP, the Nu checker, gunicorn)."""
import socket


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
