"""Download one of beta.gouv.fr's JSON documents within a deadline, a size and the configured site; every failure
becomes a French message.

http.client rather than urllib: each socket operation has its timeout, and a watchdog shuts the socket down at the
sync's deadline, so an upstream that trickles its headers or its body one byte at a time cannot hold the sync
(a per-read timeout never fires while bytes keep coming). Redirects are followed by hand, only within the origin
(scheme, host, port) of the configured address (docs/adr/012-beta-sync-and-search.md)."""
from __future__ import annotations

import http.client
import socket
import threading
import time
import urllib.request
from dataclasses import dataclass
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

MAX_BYTES = 20 * 1024 * 1024
CHUNK = 64 * 1024
MAX_REDIRECTS = 5
REDIRECTS = (301, 302, 303, 307, 308)
# What a JSON document may be served as; text/html (a maintenance page, a portal) is refused.
JSON_TYPES = ("application/json", "text/json", "text/plain")


class DownloadError(Exception):
    """Why a document could not be had, in French."""


@dataclass(frozen=True)
class Limits:
    connect_timeout: float  # seconds to open the connection
    read_timeout: float  # seconds any single read may wait
    deadline_seconds: float  # the whole sync's allowance, for the message
    deadline: float  # time.monotonic() by which the whole sync must be over
    max_bytes: int = MAX_BYTES

    @classmethod
    def starting_now(cls, connect_timeout: float, read_timeout: float, deadline_seconds: float) -> Limits:
        return cls(connect_timeout, read_timeout, deadline_seconds, time.monotonic() + deadline_seconds)

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def late_message(self, what: str) -> str:
        return (f"{what} : la synchronisation n'a pas abouti dans son délai de {self.deadline_seconds:g} s "
                "(EIG_BETA_DEADLINE).")


@dataclass(frozen=True)
class Downloaded:
    body: bytes
    url: str  # where it really came from, after the redirects followed


def download(url: str, limits: Limits,
             progress: Callable[[int, int | None], None] = lambda done, total: None) -> Downloaded:
    """The body at `url`; `progress(bytes read, bytes announced or None)` is called as it arrives."""
    site = _origin(url)
    for _ in range(MAX_REDIRECTS + 1):
        answer = _get(url, limits, progress)
        if isinstance(answer, Downloaded):
            return answer
        target = urljoin(url, answer)
        if _origin(target) != site:
            raise DownloadError(f"{url} : le serveur redirige vers {target}, hors du site {_shown(site)} : "
                                "la redirection n'est pas suivie.")
        url = target
    raise DownloadError(f"{url} : plus de {MAX_REDIRECTS} redirections, le document n'est pas lu.")


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    try:
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    except ValueError:
        port = -1
    return parts.scheme, (parts.hostname or "").lower(), port


def _shown(origin: tuple[str, str, int | None]) -> str:
    scheme, host, port = origin
    return f"{scheme}://{host}" + ("" if (scheme, port) in (("http", 80), ("https", 443)) else f":{port}")


def _get(url: str, limits: Limits, progress) -> Downloaded | str:
    """The document, or the address a redirect gives."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DownloadError(f"{url} : une adresse http:// ou https:// est attendue.")
    if limits.remaining() <= 0:
        raise DownloadError(limits.late_message(url))
    connection = _connection(parts, limits)
    watchdog = threading.Timer(limits.remaining(), _cut, (connection,))
    watchdog.daemon = True
    watchdog.start()
    try:
        return _exchange(connection, url, parts, limits, progress)
    except DownloadError:
        raise
    except Exception as error:  # whatever the socket did once the watchdog cut it, the deadline is the reason
        if limits.remaining() <= 0:
            raise DownloadError(limits.late_message(url)) from None
        raise DownloadError(_failure(url, error, limits)) from None
    finally:
        watchdog.cancel()
        connection.close()


def _connection(parts, limits: Limits) -> http.client.HTTPConnection:
    """A connection to the host, through the proxy the environment names (https_proxy, …) unless no_proxy says not."""
    kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    timeout = min(limits.connect_timeout, limits.remaining())
    proxy = urllib.request.getproxies().get(parts.scheme)
    if proxy and not urllib.request.proxy_bypass(parts.hostname):
        proxy_parts = urlsplit(proxy if "://" in proxy else f"http://{proxy}")
        connection = kind(proxy_parts.hostname, proxy_parts.port, timeout=timeout)
        connection.set_tunnel(parts.hostname, parts.port)
        return connection
    return kind(parts.hostname, parts.port, timeout=timeout)


def _cut(connection: http.client.HTTPConnection) -> None:
    """At the deadline: a read blocked on this socket returns at once."""
    sock = connection.sock
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _exchange(connection, url: str, parts, limits: Limits, progress) -> Downloaded | str:
    try:
        connection.connect()
    except TimeoutError:
        raise DownloadError(f"{url} : pas de connexion en {limits.connect_timeout:g} s.") from None
    except OSError as error:
        raise DownloadError(f"{url} : serveur injoignable (pas de réseau ?) : {error.strerror or error}.") from None
    connection.sock.settimeout(limits.read_timeout)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    connection.request("GET", target, headers={"Accept": "application/json", "User-Agent": "eig-wizard"})
    response = connection.getresponse()
    if response.status in REDIRECTS:
        location = response.getheader("Location")
        if not location:
            raise DownloadError(f"{url} : une redirection sans adresse (HTTP {response.status}).")
        return location
    if response.status != 200:
        raise DownloadError(f"{url} : le serveur a répondu par une erreur HTTP {response.status} ({response.reason}).")
    _check_type(url, response.getheader("Content-Type"))
    announced = response.getheader("Content-Length")
    total = int(announced) if announced and announced.isdigit() else None
    if total is not None and total > limits.max_bytes:
        raise DownloadError(_too_big(url, limits.max_bytes))
    return Downloaded(_read(response, url, total, limits, progress), url)


def _check_type(url: str, content_type: str | None) -> None:
    media = (content_type or "").split(";")[0].strip().lower()
    if media not in JSON_TYPES and not media.endswith("+json"):
        raise DownloadError(f"{url} : le serveur a envoyé un document de type « {media or 'non précisé'} », "
                            "pas du JSON : il n'est pas lu.")


def _read(response, url: str, total: int | None, limits: Limits, progress) -> bytes:
    chunks, size = [], 0
    while chunk := response.read1(CHUNK):  # what has come, never waiting for a full chunk
        size += len(chunk)
        if size > limits.max_bytes:
            raise DownloadError(_too_big(url, limits.max_bytes))
        chunks.append(chunk)
        progress(size, total)
        if limits.remaining() <= 0:
            raise DownloadError(limits.late_message(url))
    if limits.remaining() <= 0:  # the watchdog ended the read: what came is not the document
        raise DownloadError(limits.late_message(url))
    if total is not None and size < total:  # the connection closed before the announced length
        raise DownloadError(f"{url} : réponse tronquée ({size} octets reçus sur {total}).")
    return b"".join(chunks)


def _failure(url: str, error: Exception, limits: Limits) -> str:
    if isinstance(error, (TimeoutError, socket.timeout)):
        return f"{url} : pas de réponse en {limits.read_timeout:g} s."
    if isinstance(error, http.client.IncompleteRead):
        return (f"{url} : réponse tronquée ({len(error.partial)} octets reçus sur "
                f"{len(error.partial) + (error.expected or 0)}).")
    return f"{url} : la connexion a échoué ({error})."


def _too_big(url: str, max_bytes: int) -> str:
    return f"{url} : le document dépasse {max_bytes // (1024 * 1024)} Mo, il n'est pas lu."
