"""Times as the managers read them: the database keeps naive UTC, people live in Paris time."""
from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


def local_time(moment: datetime | None) -> str:
    """A stored time, written the French way in Paris time: 23/11/2026 à 13:05."""
    if moment is None:
        return ""
    return moment.replace(tzinfo=UTC).astimezone(PARIS).strftime("%d/%m/%Y à %H:%M")


def today(fixed: date | None = None) -> date:
    """Today in Paris, unless the configuration fixes the day (EIG_TODAY: tests, a rehearsal of the calendar)."""
    return fixed or datetime.now(PARIS).date()


def utc_midnight(day: date) -> datetime:
    """Midnight in Paris at the start of `day`, in naive UTC, to compare with stored times."""
    return datetime.combine(day, time.min, tzinfo=PARIS).astimezone(UTC).replace(tzinfo=None)
