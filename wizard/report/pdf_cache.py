"""Rendered PDFs kept on disk for a while, so that the same report asked again (a second click, a reload) is sent at
once instead of being laid out again.

A PDF is kept under the hash of what it is made from: the report's HTML document (the answers, the result, the
rules version, the day) and the stylesheets. Nothing of the answers stays in memory after the request, and no file
name says anything of them. Bounded in number of files, and kept no longer than a draft lives without activity: a
PDF must not outlive the answers it shows.

The cache is an optimisation only: a folder that cannot be read or written (a file in its place, a full disk, a
read-only mount) costs the time of laying the PDF out again, never the PDF. Such a failure is logged once, when
the cache stops working, and again only after it has worked in between; a half-written file is removed.
"""
from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import time
from pathlib import Path

LIMIT = 200  # files, about 25 MB of typical reports
KEEP_SECONDS = 4 * 3600  # by default; the app gives a draft's lifetime (PERMANENT_SESSION_LIFETIME, wizard/config.py)
log = logging.getLogger(__name__)


class PdfCache:
    def __init__(self, folder: Path, limit: int = LIMIT, keep_seconds: int = KEEP_SECONDS) -> None:
        self.folder, self.limit, self.keep_seconds = Path(folder), limit, keep_seconds
        self._failing = False

    @staticmethod
    def key(*sources: str | bytes) -> str:
        digest = hashlib.sha256()
        for source in sources:
            digest.update(hashlib.sha256(source.encode() if isinstance(source, str) else source).digest())
        return digest.hexdigest()

    def get(self, key: str) -> bytes | None:
        path = self.folder / f"{key}.pdf"
        try:
            if time.time() - path.stat().st_mtime > self.keep_seconds:
                return None
            return self._worked(path.read_bytes())
        except FileNotFoundError:
            return None
        except OSError as error:
            return self._failed(error)

    def put(self, key: str, document: bytes) -> None:
        """Keep a PDF (written whole, then renamed: another process never reads half a file), then forget the
        oldest beyond the limit and those past their time."""
        temporary = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".part")
            with os.fdopen(handle, "wb") as written:
                written.write(document)
            os.replace(temporary, self.folder / f"{key}.pdf")
            self._prune()
            self._worked(None)
        except OSError as error:
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)
            self._failed(error)

    def _worked(self, value):
        self._failing = False
        return value

    def _failed(self, error: OSError) -> None:
        if not self._failing:
            self._failing = True
            log.warning("Le cache des PDF (%s) ne fonctionne pas, les PDF sont refaits à chaque demande : %s",
                        self.folder, error)

    def _prune(self) -> None:
        kept = []
        for path in self.folder.glob("*.pdf"):
            try:
                kept.append((path.stat().st_mtime, path))
            except FileNotFoundError:  # removed meanwhile by another process
                continue
        kept.sort(reverse=True)
        now = time.time()
        for rank, (modified, path) in enumerate(kept):
            if rank >= self.limit or now - modified > self.keep_seconds:
                path.unlink(missing_ok=True)
