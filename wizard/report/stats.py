"""The public statistics (beta.gouv.fr's « matrice impact »), from the saved assessments' facts (store/stats.py):
assessments per month, verdict shares, the causes that turn projects away most, the dossiers prepared while a call
was open. A count under MIN_COUNT is never shown, nor any figure it could be worked back from: in a group whose
counts add up to a shown total, a single hidden count is hidden with the next smallest (secondary suppression),
and a share is shown only with its count."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import Any

from wizard.core import words
from wizard.rules.model import OUTCOMES, Programme

MIN_COUNT = 5
DOSSIER_STEP = "dossier"  # the optional step « Préparer mon dossier » (rules/questions.yaml)


def statistics(facts: Iterable[tuple[date, str, list, list]], programme: Programme) -> dict[str, Any]:
    months, verdicts, causes = Counter(), Counter(), Counter()
    during_call = prepared = 0
    for day, status, reasons, steps in facts:
        months[(day.year, day.month)] += 1
        verdicts[status] += 1
        if status != "eligible":  # the causes that turn a project away, or leave it to confirm
            causes.update(cause.id for cause in programme.causes_of({"status": status, "reasons": reasons}))
        if programme.call.phase_on(day) == "open" and status != "ineligible":
            during_call += 1
            prepared += DOSSIER_STEP in steps
    total = sum(verdicts.values())
    shown_months = _suppressed({key: months[key] for key in sorted(months)})
    shown_verdicts = _suppressed({status: verdicts[status] for status in OUTCOMES})
    labels = {cause.id: cause.label for cause in programme.causes}
    return {
        "threshold": MIN_COUNT,
        "total": _shown(total),
        "months": [{"month": f"{year:04d}-{month:02d}", "label": words.french_month(date(year, month, 1)), "count": count}
                   for (year, month), count in shown_months.items()],
        "verdicts": [{"status": status, "count": count, "share": _share(count, total)}
                     for status, count in shown_verdicts.items()],
        "causes": [{"cause": cause, "label": labels[cause], "count": _shown(count), "share": _share(_shown(count), total)}
                   for cause, count in causes.most_common() if cause in labels],
        "dossiers": {"call_opens": programme.call.opens.isoformat(), "call_closes": programme.call.closes.isoformat(),
                     "assessments": _shown(during_call),
                     # the prepared and the others add up to the shown total: both must be over the threshold
                     "prepared": prepared if min(prepared, during_call - prepared) >= MIN_COUNT else None},
    }


def _shown(count: int) -> int | None:
    return count if count >= MIN_COUNT else None


def _share(count: int | None, total: int) -> float | None:
    return round(100 * count / total, 1) if count is not None and total >= MIN_COUNT else None


def _suppressed(counts: dict) -> dict:
    """Counts under the threshold hidden (None); if only one is, the next smallest too, or the total would tell it.
    A zero is not an administration: it is shown."""
    shown = {key: (count if count == 0 or count >= MIN_COUNT else None) for key, count in counts.items()}
    if sum(count is None for count in shown.values()) == 1:
        others = [key for key, count in shown.items() if count]
        if others:
            shown[min(others, key=lambda key: counts[key])] = None
    return shown
