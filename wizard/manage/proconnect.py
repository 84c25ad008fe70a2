"""ProConnect, the State agents' identity federation, as ProConnect's partner documentation draws the OpenID
Connect authorization code flow (Authlib does the protocol): `state` and `nonce` of 43 characters, checked; the
ID token verified (signature against the provider's keys, issuer, audience, expiry, nonce) and its `acr` checked
here against what was asked; the userinfo read as a signed JWT and verified the same way; logout at the
provider's end_session_endpoint. Off when EIG_PROCONNECT_ISSUER is unset (wizard/config.py)."""
from __future__ import annotations

import json
import secrets

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.base_client.errors import MismatchingStateError
from authlib.integrations.flask_client import OAuth
from flask import Flask, current_app
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from wizard.manage.admission import Identity

SCOPES = "openid email given_name usual_name uid siret organization_label"
TIMEOUT_SECONDS = 10
# ProConnect asks for at least 32 characters: 32 random bytes make 43 URL-safe ones.
RANDOM_BYTES = 32


class Refused(Exception):
    """The sign-in is refused; its words are proconnect.refused_<reason> in rules/messages.yaml."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def setup(app: Flask) -> None:
    """Register the client when ProConnect is configured; the discovery document is read at the first sign-in."""
    if not app.config.get("PROCONNECT_ISSUER"):
        return
    oauth = OAuth(app)
    app.extensions["proconnect"] = oauth.register(
        "proconnect",
        client_id=app.config["PROCONNECT_CLIENT_ID"], client_secret=app.config["PROCONNECT_CLIENT_SECRET"],
        server_metadata_url=app.config["PROCONNECT_ISSUER"] + "/.well-known/openid-configuration",
        # ProConnect's token endpoint takes the client's secret in the body.
        client_kwargs={"scope": SCOPES, "token_endpoint_auth_method": "client_secret_post",
                       "default_timeout": TIMEOUT_SECONDS})


def enabled() -> bool:
    return "proconnect" in current_app.extensions


def _client():
    return current_app.extensions["proconnect"]


def _acr_claims() -> str:
    """The levels of assurance asked for, as the `claims` parameter (essential: the provider must meet one)."""
    values = list(current_app.config["PROCONNECT_ACR"])
    return json.dumps({"id_token": {"acr": {"essential": True, "values": values}}}, separators=(",", ":"))


def start(redirect_uri: str):
    """The redirect to the provider's authorization endpoint; Authlib keeps state and nonce in the session."""
    try:
        return _client().authorize_redirect(redirect_uri, state=secrets.token_urlsafe(RANDOM_BYTES),
                                            nonce=secrets.token_urlsafe(RANDOM_BYTES), claims=_acr_claims())
    except (requests.RequestException, ValueError, AuthlibBaseError) as error:
        raise Refused("unreachable") from error


def finish() -> tuple[Identity, str]:
    """The identity the provider vouches for, and the ID token (for logout); Refused for anything not right."""
    client = _client()
    try:
        token = client.authorize_access_token()
    except MismatchingStateError as error:
        raise Refused("state") from error
    except requests.RequestException as error:
        raise Refused("unreachable") from error
    except JoseError as error:
        raise Refused("id_token") from error
    except AuthlibBaseError as error:
        # The provider's own refusal on the way back (access_denied…), or the code refused at the token endpoint
        # (replayed, expired): the provider said no.
        raise Refused("provider") from error
    claims = token.get("userinfo")
    if not claims:
        raise Refused("id_token")
    if claims.get("acr") not in current_app.config["PROCONNECT_ACR"]:
        raise Refused("acr")
    info = _userinfo(client, token, claims["sub"])
    email = info.get("email")
    if not isinstance(email, str) or "@" not in email:
        raise Refused("userinfo")
    name = " ".join(part for part in (info.get("given_name"), info.get("usual_name")) if isinstance(part, str))
    return Identity(sub=claims["sub"], email=email, name=name or None), token["id_token"]


def _userinfo(client, token: dict, sub: str) -> dict:
    """The userinfo, a JWT signed with the provider's keys, for the ID token's person; Refused otherwise."""
    metadata = client.load_server_metadata()
    try:
        response = client.get(metadata["userinfo_endpoint"], token=token)
    except (requests.RequestException, AuthlibBaseError, KeyError) as error:
        raise Refused("unreachable") from error
    if response.status_code != 200 or response.headers.get("Content-Type", "").split(";")[0] != "application/jwt":
        raise Refused("userinfo")
    algorithms = metadata.get("userinfo_signing_alg_values_supported") or ["RS256", "ES256"]
    try:
        keys = KeySet.import_key_set(client.fetch_jwk_set())
        decoded = jwt.decode(response.text.strip(), keys, algorithms=[alg for alg in algorithms if alg != "none"])
        jwt.JWTClaimsRegistry(iss={"essential": True, "value": metadata["issuer"]},
                              aud={"essential": True, "value": current_app.config["PROCONNECT_CLIENT_ID"]},
                              sub={"essential": True, "value": sub}).validate(decoded.claims)
    except (JoseError, ValueError) as error:
        raise Refused("userinfo") from error
    return decoded.claims


def logout_redirect(id_token: str, post_logout_redirect_uri: str):
    """The redirect to the provider's end_session_endpoint; its `state` is kept in the (new) session."""
    try:
        return _client().logout_redirect(post_logout_redirect_uri=post_logout_redirect_uri, id_token_hint=id_token,
                                         state=secrets.token_urlsafe(RANDOM_BYTES))
    except (requests.RequestException, ValueError, AuthlibBaseError, RuntimeError):
        return None  # the provider cannot be reached: the local session is ended all the same


def logout_returned() -> bool:
    """Whether the provider sent back the state this browser was given at logout."""
    try:
        _client().validate_logout_response()
    except AuthlibBaseError:
        return False
    return True
