"""A web address as people paste it, brought to the form a question's pattern asks for, when it plainly means it.

One place for the web form, the answers files (both through the engine's read_answers) and the lookups of
beta.gouv.fr's records (wizard/rules/beta.py): « HTTP://Beta.gouv.fr/startups/Mon-Produit/ » is
« https://beta.gouv.fr/startups/mon-produit.html ». What cannot be brought to the pattern is left for the
question's message to refuse, which says the form expected.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

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
    return urlunsplit((scheme, parts.netloc.lower(), parts.path.rstrip("/"), parts.query, parts.fragment))


def fitted(address: str, pattern: re.Pattern | None) -> str:
    """The tidied address; when the pattern refuses it, the first form the agent plainly meant that it accepts:
    the path in lower case, then « .html » added (a product page of beta.gouv.fr is /startups/{id}.html, its id
    in lower case). The tidied address when no form fits, for the pattern's message to refuse."""
    tidy = tidied(address)
    if pattern is None or pattern.match(tidy):
        return tidy
    parts = urlsplit(tidy)
    lower = urlunsplit(parts._replace(path=parts.path.lower())) if parts.netloc else tidy
    page = parts.netloc and not parts.query and not parts.fragment
    candidates = (lower, *((tidy + ".html", lower + ".html") if page else ()))
    return next((candidate for candidate in candidates if pattern.match(candidate)), tidy)
