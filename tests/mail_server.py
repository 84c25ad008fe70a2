"""A real SMTP server on loopback for the mail tests (aiosmtpd): STARTTLS required, with a certificate from a
test authority (trustme), a login required, and what it accepted kept for the test to read. It can be stopped
and started again on the same port, or made to refuse every message."""
from __future__ import annotations

import email
import email.policy
import ssl
from email.message import EmailMessage

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from ports import free_port

USER, PASSWORD = "eig-app", "mot de passe du relais"


class Handler:
    def __init__(self):
        self.received: list[EmailMessage] = []
        self.refuse = False

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse:
            return "550 5.7.1 Relais refusé pour ce destinataire"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 Message accepted for delivery"


def _authenticate(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == USER \
        and auth_data.password.decode() == PASSWORD
    return AuthResult(success=ok)


class MailServer:
    def __init__(self, tmp_path):
        authority = trustme.CA()
        certificate = authority.issue_cert("127.0.0.1", "localhost")
        self.ca_file = tmp_path / "ca.pem"
        authority.cert_pem.write_to_path(str(self.ca_file))
        self._tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        certificate.configure_cert(self._tls)
        self.handler = Handler()
        self.port = free_port()
        self._controller = None

    @property
    def url(self) -> str:
        return f"smtp://{USER}:{PASSWORD.replace(' ', '%20')}@127.0.0.1:{self.port}"

    def config(self) -> dict:
        return {"SMTP_URL": self.url, "SMTP_CA_FILE": str(self.ca_file), "SMTP_TIMEOUT": 5}

    def start(self) -> None:
        self._controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, tls_context=self._tls,
                                      require_starttls=True, auth_required=True, authenticator=_authenticate)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def received(self) -> list[EmailMessage]:
        return self.handler.received


@pytest.fixture
def mail_server(tmp_path):
    server = MailServer(tmp_path)
    server.start()
    yield server
    server.stop()
