"""How a message leaves: to the SMTP server of EIG_SMTP_URL (always over TLS: STARTTLS on smtp://, TLS from the
first byte on smtps://, with the credentials of the URL), or, without it (the embedded run), as a `.eml` file in
instance/outbox/ that a person can open."""
from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

DEFAULT_PORTS = {"smtp": 587, "smtps": 465}


class SendFailed(Exception):
    """The message was not accepted (server down, slow, refusing, TLS or login refused): it stays in the outbox."""


@dataclass(frozen=True)
class Smtp:
    host: str
    port: int
    implicit_tls: bool
    username: str | None
    password: str | None
    timeout: float
    ca_file: str | None  # a certificate authority to trust besides the system's (a private relay's)

    def send(self, sender: str, recipient: str, raw: bytes) -> None:
        context = ssl.create_default_context(cafile=self.ca_file)
        try:
            if self.implicit_tls:
                connection = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=context)
            else:
                connection = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            with connection:
                if not self.implicit_tls:
                    connection.starttls(context=context)  # refused: SMTPNotSupportedError, nothing sent in clear
                if self.username:
                    connection.login(self.username, self.password or "")
                connection.sendmail(sender, [recipient], raw)
        except smtplib.SMTPRecipientsRefused as error:  # its text holds the address, which no record may keep
            code, reply = next(iter(error.recipients.values()))
            raise SendFailed(f"SMTPRecipientsRefused : {code} {reply.decode(errors='replace')}") from None
        except (OSError, smtplib.SMTPException) as error:  # ssl.SSLError and timeouts are OSErrors
            raise SendFailed(f"{type(error).__name__} : {error}") from None

    def where(self) -> str:
        return f"{self.host}:{self.port}"


@dataclass(frozen=True)
class Files:
    folder: Path

    def send(self, sender: str, recipient: str, raw: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        number = len(list(self.folder.glob("*.eml"))) + 1
        path = self.folder / f"{number:06d}.eml"
        while path.exists():
            number += 1
            path = self.folder / f"{number:06d}.eml"
        path.write_bytes(raw)

    def where(self) -> str:
        return str(self.folder)


def from_config(config) -> Smtp | Files:
    """The transport the configuration names; an unreadable EIG_SMTP_URL is refused at start (config.py)."""
    url = config.get("SMTP_URL")
    if not url:
        return Files(Path(config["OUTBOX_DIR"]))
    parts = urlsplit(url)
    return Smtp(host=parts.hostname or "", port=parts.port or DEFAULT_PORTS[parts.scheme],
                implicit_tls=parts.scheme == "smtps",
                username=unquote(parts.username) if parts.username else None,
                password=unquote(parts.password) if parts.password else None,
                timeout=float(config.get("SMTP_TIMEOUT", 10)), ca_file=config.get("SMTP_CA_FILE") or None)
