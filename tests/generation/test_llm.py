"""The LLM composer with pydantic-ai test models: prompts, repair, fallback, streaming."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic_ai.messages import ModelMessage, ModelRequest, ModelResponse, ToolCallPart, UserPromptPart
from pydantic_ai.models.function import AgentInfo, DeltaToolCall, DeltaToolCalls, FunctionModel
from pydantic_ai.models.test import TestModel

from companion.generation.composer import build_composer, encode_event
from companion.generation.context import ContextBuilder
from companion.generation.llm import LLMComposer
from companion.generation.offline import OfflineComposer
from companion.generation.prompting import PromptError, PromptLibrary
from companion.generation.schemas import Agenda, GenerationContext, MissingReflectionsError
from companion.retrieval.knowledge import KnowledgeBase
from companion.settings import Settings
from tests.generation.conftest import SleepRecorder, canned, llm_settings

Make = Callable[..., GenerationContext]
GOAL = "Verstehen, wie junge Kolleg:innen KI im Alltag nutzen"


def agenda_args() -> dict[str, Any]:
    """The draft inside the recorded German agenda response."""
    call = canned("openai_agenda_de.json")["choices"][0]["message"]["tool_calls"][0]
    args: dict[str, Any] = json.loads(call["function"]["arguments"])
    return args


class Recorder:
    """A FunctionModel body that records what the agent sent and answers with fixed tool arguments
    (one set per request when given a list; the last one repeats)."""

    def __init__(self, args: dict[str, Any] | list[dict[str, Any]]) -> None:
        self.answers = args if isinstance(args, list) else [args]
        self.instructions: list[str | None] = []
        self.user_prompts: list[str] = []
        self.requests: list[list[ModelMessage]] = []

    def __call__(self, messages: list[ModelMessage], info: AgentInfo) -> ModelResponse:
        self.instructions.append(info.instructions)
        self.requests.append(list(messages))
        for message in messages[-1:]:
            if isinstance(message, ModelRequest):
                self.user_prompts += [str(p.content) for p in message.parts if isinstance(p, UserPromptPart)]
        args = self.answers[min(len(self.requests), len(self.answers)) - 1]
        return ModelResponse(parts=[ToolCallPart(info.output_tools[0].name, args)])

    def feedback(self, n: int) -> str:
        """What the n-th request (0-based) sent back about the previous draft."""
        last = self.requests[n][-1]
        assert isinstance(last, ModelRequest)
        return " ".join(
            str(getattr(p, "content", "")) for p in last.parts if not isinstance(p, UserPromptPart)
        )


def composer(
    settings: Settings,
    knowledge: KnowledgeBase,
    builder: ContextBuilder,
    offline: OfflineComposer,
    model: Any,
    sleeps: SleepRecorder | None = None,
) -> LLMComposer:
    return LLMComposer(settings, knowledge, builder, offline, model=model, sleep=sleeps or SleepRecorder())


async def test_instructions_come_from_files_and_data_goes_in_the_user_message(
    settings: Settings,
    knowledge: KnowledgeBase,
    builder: ContextBuilder,
    offline: OfflineComposer,
    make_ctx: Make,
) -> None:
    recorder = Recorder(agenda_args())
    llm = composer(settings, knowledge, builder, offline, FunctionModel(recorder))
    agenda = await llm.agenda(make_ctx(goals=[GOAL]))
    assert agenda.generated_by == "gpt-4o-mini"
    instructions = recorder.instructions[0] or ""
    assert instructions == PromptLibrary.load().get("agenda", "de")
    assert GOAL not in instructions and "Lea" not in instructions
    (prompt,) = recorder.user_prompts
    knowledge_block = prompt.split("<knowledge>")[1].split("</knowledge>")[0]
    data_block = prompt.split("<pair_data>")[1].split("</pair_data>")[0]
    assert "[topic-ai-automation · Fragen für die Junior-Seite]" in knowledge_block
    assert GOAL in data_block and GOAL not in knowledge_block
    assert "language: de" in prompt and "pattern: pattern-regular-session" in prompt


async def test_english_uses_the_english_prompt(
    settings: Settings,
    knowledge: KnowledgeBase,
    builder: ContextBuilder,
    offline: OfflineComposer,
    make_ctx: Make,
) -> None:
    recorder = Recorder(agenda_args())
    llm = composer(settings, knowledge, builder, offline, FunctionModel(recorder))
    agenda = await llm.agenda(make_ctx(language="en"))
    assert agenda.language == "en"
    assert recorder.instructions[0] == PromptLibrary.load().get("agenda", "en")
    assert "[topic-ai-automation · Questions for the junior]" in recorder.user_prompts[0]


async def test_minutes_are_rescaled_and_unknown_sources_dropped(
    settings: Settings,
    knowledge: KnowledgeBase,
    builder: ContextBuilder,
    offline: OfflineComposer,
    make_ctx: Make,
) -> None:
    args = agenda_args()
    for item in args["items"]:
        item["minutes"] = item["minutes"] - 2  # the model's minutes add up to 48, not 60
    args["source_ids"] = ["topic-ai-automation", "topic-invented-by-the-model"]
    args["principle_ids"] = ["principle-made-up"]
    args["items"][1]["prompts"] = ["a?", "b?", "c?", "d?"]
    llm = composer(settings, knowledge, builder, offline, FunctionModel(Recorder(args)))
    agenda = await llm.agenda(make_ctx())
    assert sum(i.minutes for i in agenda.items) == 60
    assert all(i.minutes >= 5 for i in agenda.items)
    assert [s.card_id for s in agenda.sources] == ["topic-ai-automation"]
    assert [p.card_id for p in agenda.principles] == ["principle-eye-level", "principle-dialogue"]
    assert agenda.items[1].prompts == ["a?", "b?", "c?"]


async def test_contributors_must_be_participants(
    settings: Settings,
    knowledge: KnowledgeBase,
    builder: ContextBuilder,
    offline: OfflineComposer,
    make_ctx: Make,
) -> None:
    args = agenda_args()
    args["items"][1]["contributors"] = ["Lea", "Someone Invented"]
    llm = composer(settings, knowledge, builder, offline, FunctionModel(Recorder(args)))
    agenda = await llm.agenda(make_ctx(format="group", session_number=2))
    assert agenda.items[1].contributors == ["Lea"]


async def test_output_without_a_junior_part_falls_back(
    settings: Settings,
    knowledge: KnowledgeBase,
    builder: ContextBuilder,
    offline: OfflineComposer,
    make_ctx: Make,
) -> None:
    args = agenda_args()
    for item in args["items"]:
        item["lead"] = "senior"
    sleeps = SleepRecorder()
    recorder = Recorder(args)
    llm = composer(settings, knowledge, builder, offline, FunctionModel(recorder), sleeps)
    agenda = await llm.agenda(make_ctx())
    assert agenda.generated_by == (
        "offline (fallback: output check failed (the junior leads 0% of the time) from gpt-4o-mini)"
    )
    assert any(i.lead == "junior" for i in agenda.items)
    # Three requests in one conversation: each retry carries the reason; no waiting for a bad answer.
    assert len(recorder.requests) == 3 and sleeps.waits == []
    assert "leitet aber nur 0 % der Zeit" in recorder.feedback(1)
    assert "leitet aber nur 0 % der Zeit" in recorder.feedback(2)


async def test_all_four_outputs_with_test_model(
    settings: Settings,
    knowledge: KnowledgeBase,
    builder: ContextBuilder,
    offline: OfflineComposer,
    make_ctx: Make,
) -> None:
    llm = composer(settings, knowledge, builder, offline, TestModel())
    reflections = [{"author_role": "junior", "answers": {"Was hast du gelernt?": "Viel."}}]
    ctx = make_ctx(reflections=reflections)
    assert (await llm.preparation(ctx)).generated_by == "gpt-4o-mini"
    assert (await llm.reflection_prompts(ctx)).generated_by == "gpt-4o-mini"
    summary = await llm.summary(ctx)
    assert summary.generated_by == "gpt-4o-mini" and summary.themes == [
        "topic-ai-automation"
    ]  # the topic card
    with pytest.raises(MissingReflectionsError):
        await llm.summary(make_ctx())


async def stream_args(messages: list[ModelMessage], info: AgentInfo) -> AsyncIterator[DeltaToolCalls]:
    """Streams the recorded agenda's arguments in small chunks, as a model would."""
    text = json.dumps(agenda_args(), ensure_ascii=False)
    yield {0: DeltaToolCall(name=info.output_tools[0].name)}
    for start in range(0, len(text), 40):
        yield {0: DeltaToolCall(json_args=text[start : start + 40])}


async def test_stream_agenda_yields_progress_then_the_agenda(
    settings: Settings,
    knowledge: KnowledgeBase,
    builder: ContextBuilder,
    offline: OfflineComposer,
    make_ctx: Make,
) -> None:
    llm = composer(settings, knowledge, builder, offline, FunctionModel(stream_function=stream_args))
    events = [e async for e in llm.stream_agenda(make_ctx())]
    kinds = [e["event"] for e in events]
    assert kinds[:3] == ["retrieving", "retrieved", "composing"]
    assert kinds[-1] == "done" and kinds.count("item") == 6
    assert [e["index"] for e in events if e["event"] == "item"] == list(range(6))
    assert any(e.get("preview") for e in events if e["event"] == "item"), (
        "items arrive while the model writes"
    )
    agenda = events[-1]["agenda"]
    assert isinstance(agenda, Agenda) and agenda.generated_by == "gpt-4o-mini"
    assert events[1]["topic_id"] == "topic-ai-automation"
    assert json.loads(encode_event(events[-1]))["agenda"]["duration_minutes"] == 60


async def test_stream_falls_back_after_failures(
    settings: Settings,
    knowledge: KnowledgeBase,
    builder: ContextBuilder,
    offline: OfflineComposer,
    make_ctx: Make,
) -> None:
    async def broken(messages: list[ModelMessage], info: AgentInfo) -> AsyncIterator[DeltaToolCalls]:
        yield {0: DeltaToolCall(name=info.output_tools[0].name, json_args='{"title": "x", "items": [')}

    llm = composer(settings, knowledge, builder, offline, FunctionModel(stream_function=broken))
    events = [e async for e in llm.stream_agenda(make_ctx())]
    kinds = [e["event"] for e in events]
    assert kinds.count("retrying") == 2 and "fallback" in kinds
    done = events[-1]["agenda"]
    assert done.generated_by.startswith("offline (fallback: ")
    assert kinds[kinds.index("fallback") + 1 :].count("item") == len(done.items)


async def test_offline_stream(offline: OfflineComposer, make_ctx: Make) -> None:
    events = [e async for e in offline.stream_agenda(make_ctx(language="en"))]
    assert [e["event"] for e in events][:3] == ["retrieving", "retrieved", "composing"]
    assert events[-1]["event"] == "done" and events[-1]["agenda"].generated_by == "offline"


def test_prompt_library_loads_every_file_and_refuses_missing_ones(tmp_path: Path) -> None:
    library = PromptLibrary.load()
    assert len(library.texts) == 8 and all(library.texts.values())
    (tmp_path / "agenda.de.md").write_text("Anweisungen", encoding="utf-8")
    with pytest.raises(PromptError, match=r"summary\.en\.md"):
        PromptLibrary.load(tmp_path)


def test_build_composer_picks_by_configuration(knowledge: KnowledgeBase, retriever: Any) -> None:
    offline_settings = llm_settings(llm_base_url=None, llm_api_key=None)
    assert build_composer(offline_settings, knowledge, retriever).name == "offline"
    assert build_composer(llm_settings(), knowledge, retriever).name == "llm"
