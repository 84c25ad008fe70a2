"""URLs that never change while the app runs (static files, the layout's links): built once, not on every page.

A page's layout links to a dozen of them, and building a URL takes the router a few microseconds each time.
They depend only on the endpoint, its values and where the app is mounted (the script root).
"""
from __future__ import annotations

from flask import Flask, current_app, request, url_for

# Far more than the app's fixed URLs at one mount point; beyond it (a proxy passing on many script roots), a URL
# is built, not kept.
LIMIT = 1_000


def fixed_url(endpoint: str, **values: str) -> str:
    cache: dict = current_app.extensions["fixed_urls"]
    key = (request.script_root, endpoint, *values.items())  # unsorted: a call site passes its values in one order
    url = cache.get(key)
    if url is None:
        url = url_for(endpoint, **values)
        if len(cache) < LIMIT:
            cache[key] = url
    return url


def register(app: Flask) -> None:
    """Add the `fixed_url(endpoint, **values)` template global; use it only for URLs of a fixed set."""
    app.extensions["fixed_urls"] = {}
    app.add_template_global(fixed_url)
