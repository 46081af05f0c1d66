"""The evaluation's route handlers, for ``create_app`` (API and pages)."""

from __future__ import annotations

from typing import Any


def evaluation_handlers() -> list[Any]:
    """API controllers and page controllers of the programme evaluation and health."""
    from companion.evaluation.controllers import EvaluationController, MySurveyController

    return [MySurveyController, EvaluationController]
