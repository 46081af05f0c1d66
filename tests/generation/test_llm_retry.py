"""A draft that fails its checks goes back to the model with the reasons, within one request budget;
citations credit only the cards the text uses."""

from __future__ import annotations

import copy
import json
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import respx
from pydantic_ai.messages import ModelMessage
from pydantic_ai.models.function import AgentInfo, DeltaToolCall, DeltaToolCalls, FunctionModel

from companion.generation.context import ContextBuilder
from companion.generation.llm import LLMComposer
from companion.generation.offline import OfflineComposer
from companion.generation.schemas import GenerationContext
from companion.retrieval.knowledge import KnowledgeBase
from companion.settings import Settings
from tests.generation.conftest import MODEL, SleepRecorder, canned, llm_settings, sent, tool_call_completion
from tests.generation.test_llm import Recorder, agenda_args, composer

Make = Callable[..., GenerationContext]


def first_session_args() -> dict[str, Any]:
    """The recorded agenda, opening with a plain check-in: wrong for a first session."""
    args = copy.deepcopy(agenda_args())
    args["items"][0].update(title="Check-in", purpose="Das Ziel der heutigen Session klären.")
    return args


def fixed_first_session_args() -> dict[str, Any]:
    args = first_session_args()
    args["items"][0].update(title="Ankommen und einander kennenlernen")
    return args


async def test_a_failed_check_goes_back_with_the_reason_and_the_fix_is_used(
    settings: Settings,
    knowledge: KnowledgeBase,
    builder: ContextBuilder,
    offline: OfflineComposer,
    make_ctx: Make,
) -> None:
    recorder = Recorder([first_session_args(), fixed_first_session_args()])
    llm = composer(settings, knowledge, builder, offline, FunctionModel(recorder))
    agenda = await llm.agenda(make_ctx(session_number=1))
    assert agenda.generated_by == MODEL
    assert agenda.items[0].title == "Ankommen und einander kennenlernen"
    assert len(recorder.requests) == 2
    feedback = recorder.feedback(1)
    assert "Das ist die erste Session des Tandems" in feedback
    assert "Rufe `final_result` erneut" in feedback
    assert len(recorder.requests[1]) > len(recorder.requests[0]), "the retry continues the conversation"


async def test_minutes_are_asked_for_again_but_repaired_on_the_last_attempt(
    knowledge: KnowledgeBase, builder: ContextBuilder, offline: OfflineComposer, make_ctx: Make
) -> None:
    args = copy.deepcopy(agenda_args())
    args["items"][0]["minutes"] = 3  # 58 minutes
    recorder = Recorder(args)
    llm = composer(llm_settings(), knowledge, builder, offline, FunctionModel(recorder))
    agenda = await llm.agenda(make_ctx())
    # Asked twice (with the reason), then the last answer is repaired instead of thrown away.
    assert len(recorder.requests) == 3 and "ergeben 58" in recorder.feedback(1)
    assert agenda.generated_by == MODEL and sum(i.minutes for i in agenda.items) == 60
    single = Recorder(args)
    llm = composer(llm_settings(llm_max_retries=0), knowledge, builder, offline, FunctionModel(single))
    assert (await llm.agenda(make_ctx())).generated_by == MODEL and len(single.requests) == 1


async def test_a_draft_that_stays_wrong_falls_back_within_the_budget(
    settings: Settings,
    knowledge: KnowledgeBase,
    builder: ContextBuilder,
    offline: OfflineComposer,
    make_ctx: Make,
) -> None:
    args = copy.deepcopy(agenda_args())
    args["items"][3]["purpose"] = "Der Senior erzählt aus seiner Laufbahn."
    recorder, sleeps = Recorder(args), SleepRecorder()
    llm = composer(settings, knowledge, builder, offline, FunctionModel(recorder), sleeps)
    agenda = await llm.agenda(make_ctx())
    assert agenda.generated_by == (
        "offline (fallback: output check failed (default masculine role nouns (Der Senior)) from gpt-4o-mini)"
    )
    assert len(recorder.requests) == settings.llm_max_retries + 1 and sleeps.waits == []
    assert "verwende die Namen (Lea, Frank)" in recorder.feedback(2)


async def test_retry_at_the_openai_wire_carries_the_reason(
    llm: LLMComposer, openai_api: respx.MockRouter, make_ctx: Make
) -> None:
    route = openai_api.post("/chat/completions").mock(
        side_effect=[
            httpx.Response(200, json=tool_call_completion(first_session_args())),
            httpx.Response(200, json=tool_call_completion(fixed_first_session_args())),
        ]
    )
    agenda = await llm.agenda(make_ctx(session_number=1))
    assert agenda.generated_by == MODEL and route.call_count == 2
    first, second = (sent(call.request) for call in route.calls)
    assert first != second, "a retry is never the same request again"
    assert second["messages"][: len(first["messages"])] == first["messages"]
    assistant, tool = second["messages"][len(first["messages"]) :]
    assert (
        assistant["role"] == "assistant" and assistant["tool_calls"][0]["function"]["name"] == "final_result"
    )
    assert tool["role"] == "tool" and tool["tool_call_id"] == assistant["tool_calls"][0]["id"]
    assert "Das ist die erste Session des Tandems: Beginne mit einem Block" in tool["content"]


async def test_one_budget_for_failed_requests_and_failed_drafts(
    llm: LLMComposer, openai_api: respx.MockRouter, make_ctx: Make, sleeps: SleepRecorder
) -> None:
    """A 500, then a draft failing its checks, then one more failing draft: three requests in all."""
    invalid = tool_call_completion(first_session_args())
    route = openai_api.post("/chat/completions").mock(
        side_effect=[
            httpx.Response(500, json={"error": {"message": "boom"}}),
            httpx.Response(200, json=invalid),
            httpx.Response(200, json=invalid),
            httpx.Response(200, json=canned("openai_agenda_de.json")),
        ]
    )
    agenda = await llm.agenda(make_ctx(session_number=1))
    assert route.call_count == 3
    assert agenda.generated_by.startswith("offline (fallback: output check failed (first session without")
    assert sleeps.waits == [0.5]
    assert "erste Session" in json.dumps(sent(route.calls[2].request)["messages"][-1], ensure_ascii=False)


async def test_stream_retries_with_the_reason_and_discards_the_previews(
    settings: Settings,
    knowledge: KnowledgeBase,
    builder: ContextBuilder,
    offline: OfflineComposer,
    make_ctx: Make,
) -> None:
    answers = [first_session_args(), fixed_first_session_args()]
    seen: list[list[ModelMessage]] = []

    async def stream(messages: list[ModelMessage], info: AgentInfo) -> AsyncIterator[DeltaToolCalls]:
        seen.append(messages)
        text = json.dumps(answers[len(seen) - 1], ensure_ascii=False)
        yield {0: DeltaToolCall(name=info.output_tools[0].name)}
        for start in range(0, len(text), 50):
            yield {0: DeltaToolCall(json_args=text[start : start + 50])}

    llm = composer(settings, knowledge, builder, offline, FunctionModel(stream_function=stream))
    events = [e async for e in llm.stream_agenda(make_ctx(session_number=1))]
    kinds = [e["event"] for e in events]
    retry = kinds.index("retrying")
    assert events[retry]["reason"] == "first session without a getting-to-know block"
    assert kinds[retry + 1 :].count("item") == 6 and kinds[-1] == "done"
    assert events[-1]["agenda"].generated_by == MODEL
    assert events[-1]["agenda"].items[0].title == "Ankommen und einander kennenlernen"
    assert len(seen) == 2 and "fallback" not in kinds


async def test_citations_are_the_cards_the_text_uses(
    settings: Settings,
    knowledge: KnowledgeBase,
    builder: ContextBuilder,
    offline: OfflineComposer,
    make_ctx: Make,
) -> None:
    ctx = await builder.aprepare(make_ctx())
    shown = {p.card_id for p in ctx.passages}
    assert "principle-confidentiality" in shown or "principle-structure" in shown
    args = copy.deepcopy(agenda_args())
    args["source_ids"] = [
        "topic-ai-automation",
        *sorted(shown - {"topic-ai-automation"}),
        "topic-sustainability",
    ]
    llm = composer(settings, knowledge, builder, offline, FunctionModel(Recorder(args)))
    cited = [s.card_id for s in (await llm.agenda(ctx)).sources]
    assert cited[0] == "topic-ai-automation"
    assert "topic-sustainability" not in cited  # not shown, not a session topic, not used
    assert len(cited) < len(args["source_ids"]) - 1, "cards shown but not used are not credited"
    args["source_ids"] = []
    llm = composer(settings, knowledge, builder, offline, FunctionModel(Recorder(args)))
    assert (await llm.agenda(ctx)).sources == [], "no citation means no sources, not every card shown"
