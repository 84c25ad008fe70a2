"""One presentation of the result: the result page, the printable report, the PDF and `eig-wizard assess` say the
same, from the one view (wizard/report/result_view.py); today, with the call closed, none offers or prepares a
deposit, and the PDF's first page says the call is closed."""
from __future__ import annotations

import io
import json
import re
from datetime import date

import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from answers import ELIGIBLE, TO_CONFIRM
from checked_app import make_app
from web.journey import walk
from pages import text
from wizard.cli.commands import main

CLOSED = date(2026, 12, 7)  # two years after the 7th call closed
OPEN = date(2024, 6, 15)
DEPOSIT_WORDS = ("Déposez", "Avant de déposer", "Préparez pendant ce temps")


def _outputs(answers, today: date, tmp_path, monkeypatch) -> dict[str, str]:
    """The text of each output for `answers`, on `today`: the page, the printable report, the PDF (its first page
    apart), the JSON and the table of `eig-wizard assess`."""
    client = make_app(TODAY=today).test_client()
    assert walk(client, answers).headers["Location"] == "/verification"
    pdf = PdfReader(io.BytesIO(client.get("/rapport.pdf").data))
    path = tmp_path / "reponses.yaml"
    path.write_text(yaml.safe_dump(answers, allow_unicode=True))
    monkeypatch.setenv("EIG_TODAY", today.isoformat())
    cli = {fmt: CliRunner().invoke(main, ["assess", str(path), "--format", fmt]).stdout for fmt in ("json", "table")}
    return {"page": text(client.get("/resultat").get_data(as_text=True)),
            "report": text(client.get("/rapport").get_data(as_text=True)),
            "pdf_first_page": " ".join(pdf.pages[0].extract_text().split()),
            "pdf": " ".join(" ".join(page.extract_text() for page in pdf.pages).split()),
            "json": cli["json"], "table": cli["table"]}


@pytest.mark.parametrize("answers", [ELIGIBLE, TO_CONFIRM], ids=["eligible", "to_confirm"])
def test_with_the_call_closed_no_output_offers_or_prepares_a_deposit(answers, tmp_path, monkeypatch):
    outputs = _outputs(answers, CLOSED, tmp_path, monkeypatch)
    for name, output in outputs.items():
        for words in DEPOSIT_WORDS:
            assert words not in output, f"{name} : « {words} »"
    result = json.loads(outputs["json"])
    assert result["dossier_url"] is None and result["call"]["phase"] == "closed"
    assert "demarches-simplifiees.fr" not in " ".join(result["next_steps"])
    assert "clos depuis le 31 décembre 2024" in outputs["pdf_first_page"]
    assert "clos depuis le 31 décembre 2024" in outputs["table"]


def _steps_in(output: str, steps: list[str]) -> list[str]:
    """The next steps found in an output's text, in the order it gives them."""
    flat = [" ".join(step.split()) for step in steps]
    found = sorted((output.find(step), step) for step in flat if step in output)
    return [step for _, step in found]


@pytest.mark.parametrize("answers", [ELIGIBLE, TO_CONFIRM], ids=["eligible", "to_confirm"])
def test_while_the_call_is_open_every_output_gives_the_same_next_steps_in_the_same_order(answers, tmp_path, monkeypatch):
    outputs = _outputs(answers, OPEN, tmp_path, monkeypatch)
    steps = json.loads(outputs["json"])["next_steps"]
    assert any(step.startswith("Déposez votre dossier") for step in steps)
    # Typography aside (no-break spaces are collapsed by the text extraction as by `text`).
    normalised = [re.sub(r"\s+", " ", step.replace("\u202f", " ").replace("\xa0", " ")) for step in steps]
    for name in ("page", "report", "pdf"):
        output = re.sub(r"\s+", " ", outputs[name].replace("\u202f", " ").replace("\xa0", " "))
        assert _steps_in(output, normalised) == normalised, name
