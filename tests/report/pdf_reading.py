"""Reading a PDF as a reader and an assistive technology would: its structure tree (pikepdf), each character's
size, place and marked content (pdfplumber)."""
from __future__ import annotations

import io
from collections.abc import Iterator

import pdfplumber
import pikepdf

MM = 72 / 25.4
# The page's margins (static/css/report-pdf.css: 11 mm top, 13 mm bottom): the text area between them.
TOP_MARGIN, BOTTOM_MARGIN = 11 * MM, 13 * MM


def structure_elements(document: bytes) -> list[dict]:
    """Every element of the structure tree, depth first: its type (without the slash), Alt and table Scope."""
    found: list[dict] = []

    def walk(node) -> None:
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            attributes = node.get("/A")
            scope = attributes.get("/Scope") if isinstance(attributes, pikepdf.Dictionary) else None
            found.append({"kind": str(node.S)[1:], "alt": str(node.get("/Alt", "")),
                          "scope": str(scope)[1:] if scope is not None else None})
            if "/K" in node:
                walk(node.K)

    with pikepdf.open(io.BytesIO(document)) as pdf:
        walk(pdf.Root.StructTreeRoot.K)
    return found


def characters(document: bytes) -> Iterator[tuple[int, dict]]:
    """(page index, character) for every character drawn, with its size, place and marked-content tag."""
    with pdfplumber.open(io.BytesIO(document)) as pdf:
        for index, page in enumerate(pdf.pages):
            for char in page.chars:
                yield index, char


def page_fills(document: bytes) -> list[float]:
    """How far down its text area each page's text goes (0 to 1), the footer (an artifact) left out."""
    with pdfplumber.open(io.BytesIO(document)) as pdf:
        area = [(page.height - TOP_MARGIN - BOTTOM_MARGIN) for page in pdf.pages]
        lowest = [max((char["bottom"] for char in page.chars if char.get("tag") != "Artifact"), default=TOP_MARGIN)
                  for page in pdf.pages]
    return [(bottom - TOP_MARGIN) / height for bottom, height in zip(lowest, area, strict=True)]
