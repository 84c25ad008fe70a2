"""Download one of beta.gouv.fr's JSON documents, bounded in time and size; every failure becomes a French message."""
from __future__ import annotations

import http.client
import socket
import urllib.error
import urllib.request
from typing import Callable

MAX_BYTES = 20 * 1024 * 1024
CHUNK = 64 * 1024


class DownloadError(Exception):
    """Why a document could not be had, in French."""


def download(url: str, timeout: float, max_bytes: int = MAX_BYTES,
             progress: Callable[[int, int | None], None] = lambda done, total: None) -> bytes:
    """The body at `url`; `progress(bytes read, bytes announced or None)` is called as it arrives."""
    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": "eig-wizard"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            announced = response.headers.get("Content-Length")
            total = int(announced) if announced and announced.isdigit() else None
            if total is not None and total > max_bytes:
                raise DownloadError(_too_big(url, max_bytes))
            return _read(response, url, total, max_bytes, progress)
    except urllib.error.HTTPError as error:
        raise DownloadError(f"{url} : le serveur a répondu par une erreur HTTP {error.code} ({error.reason}).") from None
    except (TimeoutError, socket.timeout):
        raise DownloadError(f"{url} : pas de réponse en {timeout:g} s.") from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, (TimeoutError, socket.timeout)):
            raise DownloadError(f"{url} : pas de réponse en {timeout:g} s.") from None
        raise DownloadError(f"{url} : serveur injoignable (pas de réseau ?) : {error.reason}.") from None
    except http.client.IncompleteRead as error:
        raise DownloadError(f"{url} : réponse tronquée ({len(error.partial)} octets reçus sur "
                            f"{len(error.partial) + (error.expected or 0)}).") from None
    except (http.client.HTTPException, OSError) as error:
        raise DownloadError(f"{url} : la connexion a échoué ({error}).") from None


def _read(response, url: str, total: int | None, max_bytes: int, progress) -> bytes:
    chunks, size = [], 0
    while chunk := response.read(CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise DownloadError(_too_big(url, max_bytes))
        chunks.append(chunk)
        progress(size, total)
    if total is not None and size < total:  # the connection closed before the announced length
        raise DownloadError(f"{url} : réponse tronquée ({size} octets reçus sur {total}).")
    return b"".join(chunks)


def _too_big(url: str, max_bytes: int) -> str:
    return f"{url} : le document dépasse {max_bytes // (1024 * 1024)} Mo, il n'est pas lu."
