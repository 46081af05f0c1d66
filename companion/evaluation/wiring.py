"""The evaluation's route handlers, for ``create_app`` (API and pages)."""

from __future__ import annotations

from typing import Any


def evaluation_handlers() -> list[Any]:
    """API controllers and page controllers of the programme evaluation and health."""
    from companion.evaluation.controllers import EvaluationController, MySurveyController
    from companion.evaluation.pages_coordinator import EvaluationPages
    from companion.evaluation.pages_participant import SurveyPages

    return [MySurveyController, EvaluationController, SurveyPages, EvaluationPages]
