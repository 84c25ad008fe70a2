"""A web address as people paste it, brought to the form a question's pattern asks for, when it plainly means it.

One place for the web form, the answers files (both through the engine's read_answers) and the lookups of
beta.gouv.fr's records (wizard/rules/beta.py): « HTTP://www.Beta.gouv.fr/startups/mon-produit/?utm_source=x#equipe »
is « https://beta.gouv.fr/startups/mon-produit.html ». What cannot be brought to the pattern is left for the
question's message to refuse, which says the form expected.
"""
from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote, urlsplit, urlunsplit

# An address typed without its scheme: it starts with a host name (beta.gouv.fr/…).
_WITHOUT_SCHEME = re.compile(r"[\w-]+(\.[\w-]+)+(/|$)")
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def tidied(address: str) -> str:
    """The address without what changes nothing to the page it names: spaces around it, capitals in its scheme
    and host, a slash at the end; with https for http (public sites serve their pages over https) and for a
    missing scheme."""
    text = address.strip()
    if not _SCHEME.match(text) and _WITHOUT_SCHEME.match(text):
        text = "https://" + text
    parts = urlsplit(text)
    if not _SCHEME.match(text) or not parts.netloc:
        return text
    scheme = "https" if parts.scheme.lower() in ("http", "https") else parts.scheme.lower()
    # A path copied from a browser's address bar is percent-encoded (« donn%C3%A9es »): read as the letters it
    # names, in their composed form.
    path = unicodedata.normalize("NFC", unquote(parts.path.rstrip("/")))
    return urlunsplit((scheme, parts.netloc.lower(), path, parts.query, parts.fragment))


def fitted(address: str, pattern: re.Pattern | None) -> str:
    """The tidied address; when the pattern refuses it, the first form the agent plainly meant that it accepts:
    without its query and fragment (« ?utm_source=… », « #equipe »), without « www. » before the host, with
    « .html » added (a product page of beta.gouv.fr is /startups/{id}.html). The id's letters are kept as written
    (beta.gouv.fr writes ids with accents and capitals: « données-et-territoires », « auxAJ »); the records are
    compared with it as the site's addresses are (wizard/store/beta.py, find_product). The tidied address when no
    form fits, for the pattern's message to refuse."""
    tidy = tidied(address)
    if pattern is None or pattern.match(tidy):
        return tidy
    parts = urlsplit(tidy)
    if not parts.netloc:
        return tidy
    bare = parts._replace(query="", fragment="")
    bare = bare._replace(path=bare.path.rstrip("/"))
    hosts = (bare, bare._replace(netloc=bare.netloc.removeprefix("www."))) if bare.netloc.startswith("www.") else (bare,)
    candidates = [urlunsplit(host) for host in hosts]
    candidates += [candidate + ".html" for candidate in candidates if not candidate.endswith(".html")]
    return next((candidate for candidate in candidates if pattern.match(candidate)), tidy)
