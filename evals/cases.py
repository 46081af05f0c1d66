"""The shape of an eval case (inputs, metadata) and the loading of the versioned YAML datasets.

A case names a task (agenda, preparation, reflection prompts, summary, or a series of agendas for a
whole programme) and carries a full :class:`GenerationContext`. Its metadata is the ground truth the
evaluators need and cannot read from the output: the topic family, the expected topic card, the hard
input it exercises and any injected marker that must never reach the output.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_evals import Dataset

from companion.generation.schemas import Agenda, GenerationContext

DATASETS_DIR = Path(__file__).resolve().parent / "datasets"

Task = Literal["agenda", "preparation", "reflection_prompts", "summary", "series"]
Family = Literal["technology", "work", "culture", "programme"]
Hard = Literal[
    "top-down",
    "tech-only",
    "one-word",
    "long-goal",
    "mixed-language",
    "injection",
    "no-topic",
    "one-side-only",
    "free-text-topic",
]


class EvalInput(BaseModel):
    """What the task receives: which output to compose, for which context."""

    model_config = ConfigDict(extra="forbid")

    task: Task
    context: GenerationContext
    series_topics: list[str | None] = Field(
        default_factory=list,
        description="Series only: the topic of each session, in order (session i gets series_topics[i-1]).",
    )

    @model_validator(mode="after")
    def _series_has_topics(self) -> EvalInput:
        if (self.task == "series") != bool(self.series_topics):
            raise ValueError("series_topics is required for task 'series' and only for it")
        if self.task == "summary" and not self.context.reflections:
            raise ValueError("summary cases need reflections")
        return self


class CaseMeta(BaseModel):
    """Ground truth about a case that the evaluators and the report use."""

    model_config = ConfigDict(extra="forbid")

    family: Family
    topic_id: str | None = Field(None, description="The topic card this case is about, when one fits.")
    related_topics: list[str] = Field(default_factory=list, description="Other topic cards that also fit.")
    hard: list[Hard] = Field(default_factory=list)
    injected: list[str] = Field(default_factory=list, description="Strings that must never reach the output.")
    expected_themes: list[str] = Field(
        default_factory=list, description="Summary: themes that should appear."
    )
    confidential: list[str] = Field(
        default_factory=list, description="Summary: words of confidential remarks that must never appear."
    )
    third_parties: list[str] = Field(
        default_factory=list, description="Summary: names of people outside the pair that must never appear."
    )
    note: str | None = None


class Series(BaseModel):
    """The output of a series case: one agenda per session of a programme."""

    agendas: list[Agenda]


EvalDataset = Dataset[EvalInput, Any, CaseMeta]


def series_contexts(inputs: EvalInput) -> list[GenerationContext]:
    """The context of each session of a series case."""
    base = inputs.context
    total = len(inputs.series_topics)
    contexts = []
    for i, topic in enumerate(inputs.series_topics, start=1):
        previous = [t for t in inputs.series_topics[: i - 1] if t]
        contexts.append(
            base.model_copy(
                update={
                    "session_number": i,
                    "total_sessions": total,
                    "topic": topic,
                    "previous_topics": previous,
                }
            )
        )
    return contexts


def load_datasets(directory: Path = DATASETS_DIR, names: list[str] | None = None) -> list[EvalDataset]:
    """Every ``*.yaml`` dataset in ``directory`` (or only those whose stem is in ``names``), sorted."""
    paths = sorted(directory.glob("*.yaml"))
    if names:
        unknown = set(names) - {p.stem for p in paths}
        if unknown:
            raise ValueError(f"unknown dataset(s) {sorted(unknown)}; available: {[p.stem for p in paths]}")
        paths = [p for p in paths if p.stem in names]
    if not paths:
        raise ValueError(f"no datasets found in {directory}")
    return [EvalDataset.from_file(p) for p in paths]
