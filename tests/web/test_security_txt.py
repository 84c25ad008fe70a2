"""/.well-known/security.txt as RFC 9116 asks (issue 25, point 4): served as UTF-8 plain text, one `Field: value`
per line, a Contact that is a URI, exactly one Expires in the Internet date format and less than a year ahead, a
Canonical that is the file's own public address."""
import re
from datetime import UTC, datetime, timedelta

from checked_app import OPERATOR_CONFIG, OPERATOR_ENV, make_app

FIELD = re.compile(r"^([A-Za-z0-9-]+): (\S.*)$")
DETAILS = OPERATOR_CONFIG


def test_security_txt_parses_as_rfc_9116_asks():
    app = make_app(**DETAILS, PUBLIC_URL="https://eig.exemple.gouv.fr")
    response = app.test_client().get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    text = response.get_data(as_text=True)
    assert text.endswith("\n") and "\r" not in text
    fields = [FIELD.match(line).groups() for line in text.splitlines() if line and not line.startswith("#")]
    names = [name.lower() for name, _ in fields]
    values = dict((name.lower(), value) for name, value in fields)
    assert names.count("expires") == 1 and names.count("contact") >= 1
    assert re.match(r"^(mailto:|https://)", values["contact"]) and values["contact"] == OPERATOR_ENV["EIG_SECURITY_CONTACT"]
    expires = datetime.strptime(values["expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert datetime.now(UTC) < expires < datetime.now(UTC) + timedelta(days=367)
    assert expires.date().isoformat() == OPERATOR_ENV["EIG_SECURITY_EXPIRES"]
    assert values["canonical"] == "https://eig.exemple.gouv.fr/.well-known/security.txt"
    assert values["preferred-languages"] == "fr, en"


def test_without_a_security_contact_there_is_no_security_txt(client):
    assert client.get("/.well-known/security.txt").status_code == 404
