"""The page's running footer as an artifact in the tagged PDF, which a screen reader skips.

WeasyPrint (70) marks the text of the page-margin boxes (our footer and page numbers) as content with an id,
then links it nowhere in the structure tree ("Artifact is PDF 2.0 only", says its code; PDF/UA-1 allows it).
A reader would then meet "Page 1 sur 2" in the middle of the text, and a checker flag content out of the tree.
Here that content is marked as an artifact, and its entries in the parent tree emptied.
"""
from __future__ import annotations

from io import BytesIO

import pikepdf


def margins_as_artifacts(document: bytes) -> bytes:
    pdf = pikepdf.open(BytesIO(document))
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return document
    linked = _linked_elements(root)
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
    output = BytesIO()
    pdf.save(output)
    return output.getvalue()


def _linked_elements(root: pikepdf.Dictionary) -> set[tuple[int, int]]:
    """The structure elements reachable from the root, by object number."""
    linked: set[tuple[int, int]] = set()
    pending = list(root.K) if isinstance(root.K, pikepdf.Array) else [root.K]
    while pending:
        element = pending.pop()
        if not isinstance(element, pikepdf.Dictionary) or element.objgen in linked:
            continue
        linked.add(element.objgen)
        kids = element.get("/K")
        pending.extend(kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else [])
    return linked
