"""Absolute URLs (the resume link, the PDF's links) from the configured public address, EIG_PUBLIC_URL.

Never from the request's Host header: anyone can send `Host: evil.example`, and the agent would be handed a
resume link to that site.
"""
from __future__ import annotations

from flask import current_app, url_for

from wizard import config as configuration


def absolute_url_for(endpoint: str, **values) -> str:
    return configuration.public_url(current_app.config) + url_for(endpoint, **values)
