"""Errors sent to Sentry when SENTRY_DSN is set (off otherwise), with nothing personal in them.

What could identify an agent or their project never leaves: the SDK is told to collect no personal data, no
request body and no local variables, and `scrub` goes over each event before it is sent, whatever a later SDK
version collects: the request keeps its method and its path (resume tokens masked), nothing of its body, cookies,
query or headers but the user agent; no user, no extra data, no frame variables; exceptions keep their type and
stack trace but not their message, which may quote what an agent typed (a database error quotes its parameters);
e-mail addresses and tokens masked in every text that remains (log messages, breadcrumbs).
"""
from __future__ import annotations

import re
from importlib.metadata import version
from typing import Any

import sentry_sdk
from flask import Flask
from sentry_sdk.integrations.flask import FlaskIntegration

from wizard.web.token_masking import mask_tokens

EMAIL = re.compile(r"[^\s@<>\"'(),;:]+@[^\s@<>\"'(),;:]+\.[^\s@<>\"'(),;:]+")
MASKED_EMAIL = "[adresse masquée]"
MASKED_MESSAGE = "[message masqué]"
KEPT_HEADERS = {"user-agent"}


def setup(app: Flask) -> None:
    dsn = app.config.get("SENTRY_DSN")
    if not dsn:
        return
    sentry_sdk.init(dsn=dsn, integrations=[FlaskIntegration()], environment=app.config["SENTRY_ENVIRONMENT"],
                    release=app.config.get("SENTRY_RELEASE") or f"eig-wizard@{version('eig-wizard')}",
                    send_default_pii=False, include_local_variables=False, max_request_body_size="never",
                    traces_sample_rate=0, before_send=scrub, before_breadcrumb=_scrub_breadcrumb)


def scrub(event: dict[str, Any], hint: Any = None) -> dict[str, Any]:
    """The event with nothing personal left in it."""
    request = event.get("request") or {}
    headers = request.get("headers") or {}
    event["request"] = {"method": request.get("method"), "url": _mask(request.get("url") or ""),
                        "headers": {key: value for key, value in headers.items() if key.lower() in KEPT_HEADERS}}
    for key in ("user", "extra", "server_name", "_meta"):
        event.pop(key, None)
    for exception in (event.get("exception") or {}).get("values") or []:
        exception["value"] = MASKED_MESSAGE
        for frame in (exception.get("stacktrace") or {}).get("frames") or []:
            frame.pop("vars", None)
    return _masked(event)


def _scrub_breadcrumb(crumb: dict[str, Any], hint: Any = None) -> dict[str, Any]:
    return _masked(crumb)


def _masked(value: Any) -> Any:
    """Every text in a structure, with its e-mail addresses and resume tokens masked."""
    if isinstance(value, str):
        return _mask(value)
    if isinstance(value, dict):
        return {key: _masked(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_masked(item) for item in value]
    return value


def _mask(text: str) -> str:
    return EMAIL.sub(MASKED_EMAIL, mask_tokens(text))
