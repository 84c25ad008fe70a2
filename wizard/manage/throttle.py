"""Login throttling: each failed login makes the next try wait longer, never a lock-out.

A wait grows with the failures of the last FAILURE_WINDOW, counted three ways: this account from this
address (someone guessing: up to 15 minutes), this account from anywhere (guessing from many addresses:
at most a minute, so that nobody can keep a manager out), this address for any account (an office shares
one: at most a minute). Every try is written down before it is judged, so that concurrent tries see one
another and cannot overshoot the allowance.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from wizard.store.models import LoginFailure, utcnow

FAILURE_WINDOW = timedelta(minutes=15)


@dataclass(frozen=True)
class Allowance:
    free: int  # failures before any wait
    longest: timedelta  # the wait doubles from one second up to this


BY_ACCOUNT_AND_ADDRESS = Allowance(free=3, longest=timedelta(minutes=15))
BY_ACCOUNT = Allowance(free=10, longest=timedelta(minutes=1))
BY_ADDRESS = Allowance(free=20, longest=timedelta(minutes=1))


def wait_after(failures: int, allowance: Allowance) -> timedelta:
    """How long a try must wait after the last of `failures` recent failures."""
    if failures < allowance.free:
        return timedelta(0)
    return min(allowance.longest, timedelta(seconds=2 ** min(failures - allowance.free, 20)))


def record_try(db: Session, email: str, ip: str) -> LoginFailure:
    """Write the try down first (as a failure until it succeeds), committed, so that others count it."""
    attempt = LoginFailure(email=email[:254], ip=ip[:45], at=utcnow())
    db.add(attempt)
    db.commit()
    return attempt


def seconds_to_wait(db: Session, attempt: LoginFailure) -> int:
    """0 when this try may be judged; else the whole seconds left before it may."""
    since = attempt.at - FAILURE_WINDOW
    waits = [_wait(db, attempt, since, condition, allowance) for condition, allowance in (
        ((LoginFailure.email == attempt.email, LoginFailure.ip == attempt.ip), BY_ACCOUNT_AND_ADDRESS),
        ((LoginFailure.email == attempt.email,), BY_ACCOUNT),
        ((LoginFailure.ip == attempt.ip,), BY_ADDRESS))]
    return math.ceil(max(waits).total_seconds())


def _wait(db: Session, attempt: LoginFailure, since: datetime, condition, allowance: Allowance) -> timedelta:
    count, last = db.execute(select(func.count(), func.max(LoginFailure.at)).where(
        *condition, LoginFailure.at >= since, LoginFailure.id != attempt.id)).one()
    if not count:
        return timedelta(0)
    return max(timedelta(0), last + wait_after(count, allowance) - attempt.at)


def forget_try(db: Session, attempt: LoginFailure) -> None:
    """A try refused for its wait is not a failure: waiting out the delay is all it takes."""
    db.execute(delete(LoginFailure).where(LoginFailure.id == attempt.id))
    db.commit()


def forget_failures(db: Session, email: str, ip: str) -> None:
    """A success: this account's failures from this address are forgotten (not those from elsewhere)."""
    db.execute(delete(LoginFailure).where(LoginFailure.email == email, LoginFailure.ip == ip))
    db.commit()


def keep_failure(db: Session, attempt: LoginFailure) -> None:
    """The try failed: it stays counted; failures past the window are dropped, to keep the table small."""
    db.execute(delete(LoginFailure).where(LoginFailure.at < attempt.at - FAILURE_WINDOW))
    db.commit()
