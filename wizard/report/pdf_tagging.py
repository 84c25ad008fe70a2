"""What WeasyPrint's (70) tagged PDF leaves out, added to the PDF it made: PDF/UA-1 asks for both.

- The text of the page-margin boxes (our footer and page numbers) is marked content with an id that WeasyPrint
  links nowhere in the structure tree ("Artifact is PDF 2.0 only", says its code). A reader would meet "Page 1
  sur 2" amid the text, and a checker content out of the tree: it is marked as an artifact here, which a screen
  reader skips, and its entries in the parent tree emptied.
- Header cells have no Scope: a column header (in a THead) gets Column, a row's or a row group's header Row.
"""
from __future__ import annotations

from io import BytesIO

import pikepdf


def complete_tags(document: bytes) -> bytes:
    pdf = pikepdf.open(BytesIO(document))
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return document
    linked = _linked_elements(pdf, root)
    _margins_as_artifacts(pdf, root, linked)
    output = BytesIO()
    pdf.save(output)
    return output.getvalue()


def _margins_as_artifacts(pdf: pikepdf.Pdf, root: pikepdf.Dictionary, linked: set[tuple[int, int]]) -> None:
    numbers = root.ParentTree.Nums
    for index, page in enumerate(pdf.pages):
        by_id = numbers[2 * index + 1]  # the page's marked-content ids to their structure elements
        unlinked = {mcid for mcid, element in enumerate(by_id) if element.objgen not in linked}
        if not unlinked:
            continue
        instructions = []
        for operands, operator in pikepdf.parse_content_stream(page):
            if (str(operator) == "BDC" and isinstance(operands[1], pikepdf.Dictionary)
                    and int(operands[1].get("/MCID", -1)) in unlinked):
                operands, operator = [pikepdf.Name.Artifact], pikepdf.Operator("BMC")
            instructions.append((operands, operator))
        page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))
        for mcid in unlinked:
            by_id[mcid] = None


def _linked_elements(pdf: pikepdf.Pdf, root: pikepdf.Dictionary) -> set[tuple[int, int]]:
    """The structure elements reachable from the root, by object number; header cells get their Scope on the way."""
    linked: set[tuple[int, int]] = set()
    pending = list(root.K) if isinstance(root.K, pikepdf.Array) else [root.K]
    while pending:
        element = pending.pop()
        if not isinstance(element, pikepdf.Dictionary) or element.objgen in linked:
            continue
        linked.add(element.objgen)
        if element.get("/S") == "/TH":
            _set_scope(pdf, element)
        kids = element.get("/K")
        pending.extend(kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else [])
    return linked


def _set_scope(pdf: pikepdf.Pdf, cell: pikepdf.Dictionary) -> None:
    row = cell.get("/P")
    group = row.get("/P") if isinstance(row, pikepdf.Dictionary) else None
    scope = pikepdf.Name.Column if group is not None and group.get("/S") == "/THead" else pikepdf.Name.Row
    attributes = cell.get("/A")
    if not isinstance(attributes, pikepdf.Dictionary):
        attributes = pikepdf.Dictionary(O=pikepdf.Name.Table)
        cell.A = attributes
    attributes.Scope = scope
