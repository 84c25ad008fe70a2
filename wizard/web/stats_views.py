"""The public statistics page, /stats, and its data, /stats.json: the same figures (report/stats.py), computed at
most once every CACHE_SECONDS per process, so that a visit costs a dictionary read."""
from __future__ import annotations

import threading
import time

from flask import Blueprint, current_app, render_template

from wizard.core import words
from wizard.report.stats import statistics
from wizard.store import db, stats as stored

bp = Blueprint("stats", __name__)
CACHE_SECONDS = 600
_lock = threading.Lock()


def current_statistics() -> dict:
    cache = current_app.extensions.setdefault("stats_cache", {})
    with _lock:  # one computation at a time; the others wait for it, then read it
        if cache.get("until", 0) < time.monotonic():
            rules = current_app.extensions["rules"]
            cache["figures"] = statistics(stored.facts(db.session()), rules.programme)
            cache["until"] = time.monotonic() + CACHE_SECONDS
        return cache["figures"]


@bp.get("/stats")
def page():
    figures, rules = current_statistics(), current_app.extensions["rules"]
    top = max([month["count"] or 0 for month in figures["months"]] or [0])
    call = {"opens": words.french_date(rules.programme.call.opens), "closes": words.french_date(rules.programme.call.closes)}
    return render_template("site/stats.html", stats=figures, top=top, call=call, cache_minutes=CACHE_SECONDS // 60,
                           words=rules.messages["stats"], statuses=rules.messages["statuses_short"]), {"Cache-Control": f"public, max-age={CACHE_SECONDS}"}


@bp.get("/stats.json")
def data():
    return current_statistics(), {"Cache-Control": f"public, max-age={CACHE_SECONDS}",
                                  "Access-Control-Allow-Origin": "*"}
