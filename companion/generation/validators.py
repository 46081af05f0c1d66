"""The pydantic-ai output validators that run :mod:`companion.generation.checks` on every draft.

A draft with problems becomes an :class:`OutputCheckFailed` (a ``ModelRetry``), so pydantic-ai sends
it back to the model *with the reasons*, in the programme's language, in the same conversation —
never the same request again. Problems marked ``repairable`` (minutes) are fixed deterministically by
the repair step when the last allowed attempt still has them; the others make the composer fall back
to the offline composer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic_ai import Agent, ModelRetry, RunContext

from companion.generation.checks import CHECKS, Problem, summarise
from companion.generation.schemas import GenerationContext
from companion.retrieval.knowledge import KnowledgeBase

__all__ = ["GenerationDeps", "OutputCheckFailed", "install", "retry_message", "summarise"]


class OutputCheckFailed(ModelRetry):
    """A draft failed the checks; the message goes back to the model as the retry reason."""

    def __init__(self, problems: list[Problem], message: str) -> None:
        super().__init__(message)
        self.problems = problems


@dataclass
class GenerationDeps:
    """What the output validators need to judge a draft (the prepared context and the cards); they
    note why they sent a draft back in ``rejected``, so a stream can tell its client."""

    ctx: GenerationContext
    knowledge: KnowledgeBase
    rejected: list[str] = field(default_factory=list)


_LEAD = {
    "de": "Der Entwurf erfüllt die Vorgaben noch nicht:",
    "en": "The draft does not meet the brief yet:",
}
_TAIL = {
    "de": "Rufe `final_result` erneut mit dem vollständigen, korrigierten Ergebnis auf.",
    "en": "Call `final_result` again with the complete, corrected result.",
}


def retry_message(problems: Iterable[Problem], lang: str) -> str:
    """What the model reads on a retry: every problem and how to fix it."""
    lines = [_LEAD[lang], *(f"- {p.message}" for p in problems), _TAIL[lang]]
    return "\n".join(lines)


def install(agent: Agent[GenerationDeps, Any], task: str) -> None:
    """Register the output validator of ``task`` on ``agent``.

    Partial outputs (streaming previews) pass unchecked. On the last allowed attempt, problems the
    repair step can fix (minutes) no longer block the draft.
    """
    check = CHECKS[task]

    @agent.output_validator
    def validate(run: RunContext[GenerationDeps], draft: Any) -> Any:
        if run.partial_output:
            return draft
        problems = check(draft, run.deps.ctx, run.deps.knowledge)
        last = run.retry >= run.max_retries
        if any(not (p.repairable and last) for p in problems):
            run.deps.rejected.append(summarise(problems))
            raise OutputCheckFailed(problems, retry_message(problems, run.deps.ctx.language))
        return draft
