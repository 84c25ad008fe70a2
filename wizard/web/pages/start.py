"""What the start page needs: the steps ahead and where to resume when answers exist (the call's state is every
public page's notice: wizard/__init__.py)."""
from __future__ import annotations

from typing import Any
from collections.abc import Mapping

from flask import current_app

from wizard.core import flow
from wizard.web.fixed_urls import fixed_url
from wizard.rules.model import Rules


def start_context(rules: Rules, answers: Mapping[str, Any], completed: frozenset[str]) -> dict:
    steps = flow.flow_steps(rules)
    incomplete = flow.first_incomplete(rules, answers, completed)
    resume = fixed_url("wizard.step", step_id=incomplete.id) if incomplete else fixed_url("wizard.check")
    return {
        "programme": rules.programme,
        "steps": steps,
        "start_url": fixed_url("wizard.step", step_id=steps[0].id),
        "resume_url": resume if answers or completed else None,
        "session_hours": int(current_app.permanent_session_lifetime.total_seconds() // 3600),
    }
