"""Malformed model answers at the HTTP boundary (respx) are model faults like a 500: bounded retries,
then the offline composer with the reason in ``generated_by`` — for generation and for the stream."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import respx

from companion.generation.llm import LLMComposer
from companion.generation.schemas import GenerationContext
from tests.generation.conftest import MODEL, SleepRecorder, canned, sent, tool_call_completion
from tests.generation.test_llm_http import fallback_case

Make = Callable[..., GenerationContext]


def chat(router: respx.MockRouter) -> respx.Route:
    return router.post("/chat/completions")


def empty_choices() -> dict[str, Any]:
    return {**tool_call_completion({}), "choices": []}


def text_answer() -> dict[str, Any]:
    body = tool_call_completion({})
    body["choices"][0].update(
        finish_reason="stop", message={"role": "assistant", "content": "Hier ist eine schöne Agenda: …"}
    )
    return body


async def test_empty_choices_are_retried_then_fall_back(
    llm: LLMComposer, openai_api: respx.MockRouter, make_ctx: Make, sleeps: SleepRecorder
) -> None:
    route = chat(openai_api).respond(200, json=empty_choices())
    await fallback_case(llm, make_ctx, route, f"empty choices from {MODEL}", calls=3)
    assert sleeps.waits == [0.0] * 4


async def test_empty_choices_then_an_answer(
    llm: LLMComposer, openai_api: respx.MockRouter, make_ctx: Make
) -> None:
    route = chat(openai_api).mock(
        side_effect=[
            httpx.Response(200, json=empty_choices()),
            httpx.Response(200, json=canned("openai_agenda_de.json")),
        ]
    )
    assert (await llm.agenda(make_ctx())).generated_by == MODEL
    assert route.call_count == 2


async def test_text_instead_of_the_tool_call(
    llm: LLMComposer, openai_api: respx.MockRouter, make_ctx: Make
) -> None:
    route = chat(openai_api).respond(200, json=text_answer())
    await fallback_case(llm, make_ctx, route, f"no tool call from {MODEL}", calls=3)
    first, second = sent(route.calls[0].request), sent(route.calls[1].request)
    assert first != second  # the model is told what was wrong, not asked the same again
    assert second["messages"][-2] == {"role": "assistant", "content": "Hier ist eine schöne Agenda: …"}


async def test_invalid_json_goes_back_with_the_parse_error(
    llm: LLMComposer, openai_api: respx.MockRouter, make_ctx: Make
) -> None:
    route = chat(openai_api).mock(
        side_effect=[
            httpx.Response(200, json=tool_call_completion('{"title": "KI", "items": [{"title": ')),
            httpx.Response(200, json=canned("openai_agenda_de.json")),
        ]
    )
    assert (await llm.agenda(make_ctx())).generated_by == MODEL
    retry = sent(route.calls[1].request)["messages"][-1]
    assert retry["role"] == "tool" and "json_invalid" in retry["content"]


async def test_a_truncated_body(llm: LLMComposer, openai_api: respx.MockRouter, make_ctx: Make) -> None:
    body = json.dumps(canned("openai_agenda_de.json")).encode()[:300]
    route = chat(openai_api).respond(200, content=body, headers={"content-type": "application/json"})
    await fallback_case(llm, make_ctx, route, f"invalid response from {MODEL}", calls=3)


def sse(chunks: list[dict[str, Any]], *, done: bool = True) -> bytes:
    lines = "".join(f"data: {json.dumps(c, ensure_ascii=False)}\n\n" for c in chunks).encode()
    return lines + (b"data: [DONE]\n\n" if done else b"")


def chunks(arguments: str, *, finish: bool = True) -> list[dict[str, Any]]:
    base = {"id": "chatcmpl-s", "object": "chat.completion.chunk", "created": 1, "model": MODEL}
    call = {
        "index": 0,
        "id": "call_s",
        "type": "function",
        "function": {"name": "final_result", "arguments": ""},
    }
    out = [{**base, "choices": [{"index": 0, "delta": {"role": "assistant", "tool_calls": [call]}}]}]
    for start in range(0, len(arguments), 80):
        piece = {"index": 0, "function": {"arguments": arguments[start : start + 80]}}
        out.append(
            {**base, "choices": [{"index": 0, "delta": {"tool_calls": [piece]}, "finish_reason": None}]}
        )
    if finish:
        out.append({**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "tool_calls"}]})
    return out


def recorded_arguments() -> str:
    args: str = canned("openai_agenda_de.json")["choices"][0]["message"]["tool_calls"][0]["function"][
        "arguments"
    ]
    return args


def stream_response(content: bytes) -> httpx.Response:
    return httpx.Response(200, content=content, headers={"content-type": "text/event-stream"})


async def events(llm: LLMComposer, make_ctx: Make) -> list[dict[str, Any]]:
    return [e async for e in llm.stream_agenda(make_ctx())]


async def test_a_stream_cut_off_mid_answer_falls_back(
    llm: LLMComposer, openai_api: respx.MockRouter, make_ctx: Make
) -> None:
    half = recorded_arguments()[:400]
    route = chat(openai_api).mock(
        side_effect=lambda _: stream_response(sse(chunks(half, finish=False), done=False))
    )
    got = await events(llm, make_ctx)
    kinds = [e["event"] for e in got]
    assert route.call_count == 3 and kinds.count("retrying") == 2
    assert got[kinds.index("fallback")]["reason"] == f"truncated stream from {MODEL}"
    assert got[-1]["agenda"].generated_by == f"offline (fallback: truncated stream from {MODEL})"


async def test_a_cut_off_stream_then_a_whole_one(
    llm: LLMComposer, openai_api: respx.MockRouter, make_ctx: Make
) -> None:
    whole = recorded_arguments()
    route = chat(openai_api).mock(
        side_effect=[
            stream_response(sse(chunks(whole[:200], finish=False), done=False)),
            stream_response(sse(chunks(whole))),
        ]
    )
    got = await events(llm, make_ctx)
    kinds = [e["event"] for e in got]
    assert route.call_count == 2 and "retrying" in kinds and "fallback" not in kinds
    assert got[-1]["agenda"].generated_by == MODEL
    assert kinds[kinds.index("retrying") + 1 :].count("item") == 6


async def test_a_stream_without_choices_falls_back(
    llm: LLMComposer, openai_api: respx.MockRouter, make_ctx: Make
) -> None:
    empty = [{"id": "c", "object": "chat.completion.chunk", "created": 1, "model": MODEL, "choices": []}]
    route = chat(openai_api).mock(side_effect=lambda _: stream_response(sse(empty)))
    got = await events(llm, make_ctx)
    assert route.call_count == 3
    assert got[-1]["agenda"].generated_by == f"offline (fallback: truncated stream from {MODEL})"
    assert "fallback" in [e["event"] for e in got]


async def test_a_connection_dropped_mid_stream_falls_back(
    llm: LLMComposer, openai_api: respx.MockRouter, make_ctx: Make
) -> None:
    head = sse(chunks(recorded_arguments()[:300], finish=False), done=False)

    class Dropped(httpx.AsyncByteStream):
        async def __aiter__(self) -> AsyncIterator[bytes]:
            yield head
            raise httpx.RemoteProtocolError("peer closed connection without sending complete message body")

    route = chat(openai_api).mock(
        side_effect=lambda _: httpx.Response(
            200, stream=Dropped(), headers={"content-type": "text/event-stream"}
        )
    )
    got = await events(llm, make_ctx)
    assert route.call_count == 3
    reason = got[[e["event"] for e in got].index("fallback")]["reason"]
    assert reason == f"connection error to {MODEL}"
    assert got[-1]["agenda"].generated_by == f"offline (fallback: {reason})"


async def test_a_whole_stream_without_finish_reason_is_accepted(
    llm: LLMComposer, openai_api: respx.MockRouter, make_ctx: Make
) -> None:
    """Some servers never send a finish reason: a complete answer is still an answer."""
    route = chat(openai_api).mock(
        return_value=stream_response(sse(chunks(recorded_arguments(), finish=False)))
    )
    got = await events(llm, make_ctx)
    assert route.call_count == 1 and got[-1]["agenda"].generated_by == MODEL
