"""Security headers (through flask-talisman) and CSRF protection on every form.

The policy allows nothing from elsewhere: the DSFR's files are served by the app itself. No page has an inline
style, and one inline script only, JS_FLAG below, allowed by its hash (the tests check all three), so the CSP needs
neither `unsafe-inline` nor a nonce.
"""
from __future__ import annotations

import base64
import hashlib

from flask import Flask
from flask_talisman import Talisman
from flask_wtf.csrf import CSRFProtect

from wizard.config import proconnect_origin

# Run in the <head>, before the first paint, where the DSFR's script will run (a browser with modules): it marks
# the page so that static/css/app.css folds what that script folds (the filters, the passed reasons, the mobile
# menu) from the start. Marked only when the DSFR's script runs, the page painted them open, then jumped (Lighthouse:
# a layout shift of 0.73 on the managers' list). Without JavaScript, nothing is marked and everything stays open.
JS_FLAG = "if('noModule'in HTMLScriptElement.prototype)document.documentElement.setAttribute('data-eig-js','')"
JS_FLAG_HASH = "'sha256-" + base64.b64encode(hashlib.sha256(JS_FLAG.encode()).digest()).decode() + "'"

CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "img-src": "'self' data:",  # the DSFR's CSS draws some icons as data: URIs
    "style-src": "'self'",
    "script-src": f"'self' {JS_FLAG_HASH}",
    "font-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
REFERRER_POLICY = "strict-origin-when-cross-origin"
PERMISSIONS_POLICY = {"geolocation": "()", "camera": "()", "microphone": "()"}


def content_security_policy(config: dict) -> dict[str, str]:
    """The policy; with ProConnect on, its forms (the sign-in and sign-out buttons post here, then are redirected
    to the provider, which the browser checks against form-action) may go to the provider's address, and only it."""
    origin = proconnect_origin(config)
    if origin is None:
        return CONTENT_SECURITY_POLICY
    return {**CONTENT_SECURITY_POLICY, "form-action": f"'self' {origin}"}


def setup_security(app: Flask) -> None:
    Talisman(
        app,
        # TLS ends at the reverse proxy in production; the embedded run is plain HTTP on localhost.
        force_https=False,
        strict_transport_security=app.config["HSTS"],  # sent only on requests made over HTTPS
        strict_transport_security_max_age=365 * 24 * 3600,
        frame_options="DENY",
        content_security_policy=content_security_policy(app.config),
        referrer_policy=REFERRER_POLICY,
        permissions_policy=PERMISSIONS_POLICY,
        session_cookie_secure=app.config["SESSION_COOKIE_SECURE"],
        session_cookie_http_only=True,
        session_cookie_samesite="Lax",
    )
    CSRFProtect(app)


def static_file_headers(config: dict) -> dict[str, str]:
    """The same headers on the static files, which WhiteNoise serves before Flask (and Talisman) see the request."""
    policy = content_security_policy(config)
    return {"Content-Security-Policy": "; ".join(f"{name} {value}" for name, value in policy.items()),
            "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": REFERRER_POLICY,
            "Permissions-Policy": ", ".join(f"{name}={value}" for name, value in PERMISSIONS_POLICY.items())}
