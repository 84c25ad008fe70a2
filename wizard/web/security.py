"""Security headers (through flask-talisman) and CSRF protection on every form.

The policy allows nothing from elsewhere: the DSFR's files are served by the app itself, and no page has
an inline script or style (the tests check both), so the CSP needs neither `unsafe-inline` nor a nonce.
"""
from __future__ import annotations

from flask import Flask
from flask_talisman import Talisman
from flask_wtf.csrf import CSRFProtect

CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "img-src": "'self' data:",  # the DSFR's CSS draws some icons as data: URIs
    "style-src": "'self'",
    "script-src": "'self'",
    "font-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
REFERRER_POLICY = "strict-origin-when-cross-origin"
PERMISSIONS_POLICY = {"geolocation": "()", "camera": "()", "microphone": "()"}


def setup_security(app: Flask) -> None:
    Talisman(
        app,
        # TLS ends at the reverse proxy in production; the embedded run is plain HTTP on localhost.
        force_https=False,
        strict_transport_security=app.config["HSTS"],  # sent only on requests made over HTTPS
        strict_transport_security_max_age=365 * 24 * 3600,
        frame_options="DENY",
        content_security_policy=CONTENT_SECURITY_POLICY,
        referrer_policy=REFERRER_POLICY,
        permissions_policy=PERMISSIONS_POLICY,
        session_cookie_secure=app.config["SESSION_COOKIE_SECURE"],
        session_cookie_http_only=True,
        session_cookie_samesite="Lax",
    )
    CSRFProtect(app)


def static_file_headers() -> dict[str, str]:
    """The same headers on the static files, which WhiteNoise serves before Flask (and Talisman) see the request."""
    return {"Content-Security-Policy": "; ".join(f"{name} {value}" for name, value in CONTENT_SECURITY_POLICY.items()),
            "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": REFERRER_POLICY,
            "Permissions-Policy": ", ".join(f"{name}={value}" for name, value in PERMISSIONS_POLICY.items())}
