"""Load the negative controls of ``controls.yaml`` into :class:`~evals.controls.Control` objects.

Card titles are read from the knowledge base, so a control carries only the flaw it was written for;
``source_refs`` spell out references literally (to cite a card that does not exist, or a wrong title),
and ``construct: true`` builds an agenda without validation, the way a buggy composer could.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from companion.generation.schemas import (
    Agenda,
    AgendaItem,
    Preparation,
    ReflectionPrompts,
    ReflectionSummary,
    SourceRef,
)
from companion.retrieval.knowledge import KnowledgeBase
from evals.cases import Series
from evals.controls import Control

CONTROLS_FILE = Path(__file__).resolve().parent / "controls.yaml"
DEFAULT_PRINCIPLES = ("principle-eye-level", "principle-dialogue")
MODELS: dict[str, type[Preparation | ReflectionPrompts | ReflectionSummary]] = {
    "preparation": Preparation,
    "reflection_prompts": ReflectionPrompts,
    "summary": ReflectionSummary,
}


def _refs(kb: KnowledgeBase, spec: dict[str, Any], lang: str, key: str = "sources") -> list[SourceRef]:
    if f"{key[:-1]}_refs" in spec:
        return [SourceRef(**ref) for ref in spec[f"{key[:-1]}_refs"]]
    refs = []
    for card_id in spec.get(key, []):
        card = kb.get(card_id, lang)
        if card is None:
            raise ValueError(
                f"{CONTROLS_FILE.name}: no {lang} card {card_id!r}; use source_refs for made-up ones"
            )
        refs.append(SourceRef(card_id=card.id, title=card.title))
    return refs


def _agenda(kb: KnowledgeBase, spec: dict[str, Any], context: dict[str, Any]) -> Agenda:
    lang = spec.get("language", context["language"])
    data: dict[str, Any] = {
        "title": spec.get("title", "Session"),
        "language": lang,
        "duration_minutes": spec.get("duration_minutes", context.get("duration_minutes", 60)),
        "items": [AgendaItem(**item) for item in spec["items"]],
        "principles": _refs(
            kb, {"principles": spec.get("principles", DEFAULT_PRINCIPLES)}, lang, "principles"
        ),
        "sources": _refs(kb, spec, lang),
        "generated_by": "control",
    }
    return Agenda.model_construct(**data) if spec.get("construct") else Agenda(**data)


def _output(kb: KnowledgeBase, task: str, spec: dict[str, Any], context: dict[str, Any]) -> Any:
    if task == "agenda":
        return _agenda(kb, spec, context)
    if task == "series":
        return Series(agendas=[_agenda(kb, a, context) for a in spec["agendas"]])
    lang = spec.get("language", context["language"])
    data = {**spec, "language": lang, "generated_by": "control"}
    if "sources" in spec:
        data["sources"] = _refs(kb, spec, lang)
    return MODELS[task](**data)


def build_controls(kb: KnowledgeBase, path: Path = CONTROLS_FILE) -> list[Control]:
    """Every control of ``path``, with its output built and validated (unless ``construct``)."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    controls = []
    for entry in raw["controls"]:
        context = dict(entry["context"])
        controls.append(
            Control(
                name=entry["name"],
                task=entry["task"],
                context=context,
                output=_output(kb, entry["task"], entry["output"], context),
                meta=dict(entry.get("meta", {"family": "programme"})),
                must_fail=tuple(entry.get("must_fail", ())),
                must_pass=tuple(entry.get("must_pass", ())),
                series_topics=list(entry.get("series_topics", [])),
            )
        )
    return controls
