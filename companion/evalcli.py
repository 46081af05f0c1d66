"""``companion eval``: run the eval suite against a composer and fail below the thresholds.

Exit codes: 0 all thresholds met, 1 below a threshold (or a case failed to generate, a negative control
did not behave, an LLM case fell back to offline), 2 bad usage or configuration.
"""

from __future__ import annotations

import asyncio
import enum
import importlib.util
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from companion.settings import Settings


class ComposerChoice(enum.StrEnum):
    offline = "offline"
    configured = "configured"
    recorded = "recorded"


class RetrieverChoice(enum.StrEnum):
    keyword = "keyword"
    hybrid = "index"


def parse_thresholds(values: list[str]) -> dict[str, float]:
    """``["1.0", "EyeLevel=0.9"]`` -> ``{"*": 1.0, "EyeLevel": 0.9}``; raises ``ValueError`` on bad input."""
    result: dict[str, float] = {}
    for value in values:
        name, _, rate = value.rpartition("=")
        try:
            number = float(rate)
        except ValueError:
            raise ValueError(f"--min-pass-rate {value!r}: expected a number like 0.95 or NAME=0.95") from None
        if not 0.0 <= number <= 1.0:
            raise ValueError(f"--min-pass-rate {value!r}: the rate must be between 0 and 1")
        result[name.strip() or "*"] = number
    return result


def _fail(message: str) -> typer.Exit:
    typer.echo(message, err=True)
    return typer.Exit(2)


def _ensure_evals_importable() -> None:
    """The suite lives in ``evals/`` beside the package (a source checkout), not inside it."""
    if importlib.util.find_spec("evals") is not None:
        return
    from companion.settings import REPO_ROOT

    if not (REPO_ROOT / "evals" / "__init__.py").is_file():
        raise _fail(
            "eval: the eval suite (evals/) is not part of this installation; run from a source checkout"
        )
    sys.path.insert(0, str(REPO_ROOT))


def eval_command(
    composer: Annotated[
        ComposerChoice,
        typer.Option(
            help="offline: the offline composer; configured: what the settings configure (LLM if set); "
            "recorded: the LLM composer on recorded responses (no network)"
        ),
    ] = ComposerChoice.offline,
    judge: Annotated[
        bool | None,
        typer.Option(
            "--judge/--no-judge",
            help="Add the LLM-judge rubrics (default: only if COMPANION_EVAL_JUDGE_MODEL is set)",
            show_default=False,
        ),
    ] = None,
    min_pass_rate: Annotated[
        list[str] | None,
        typer.Option(help="Minimum pass rate, for all evaluators (1.0) or one (EyeLevel=0.95); repeatable"),
    ] = None,
    dataset: Annotated[
        list[str] | None, typer.Option(help="Only these datasets (file stems); repeatable")
    ] = None,
    case: Annotated[str | None, typer.Option(help="Only cases whose name contains this text")] = None,
    retriever: Annotated[
        RetrieverChoice,
        typer.Option(help="keyword: deterministic keyword retriever; index: the configured hybrid index"),
    ] = RetrieverChoice.keyword,
    output: Annotated[
        Path | None,
        typer.Option(help="Where to write the Markdown results [default: evals/results/latest.md]"),
    ] = None,
    record: Annotated[
        bool,
        typer.Option(
            help="With --composer configured: save each case's model response as a fixture for --composer recorded"
        ),
    ] = False,
    concurrency: Annotated[int, typer.Option(min=1, max=64, help="Cases generated at the same time")] = 8,
    quiet: Annotated[bool, typer.Option(help="Do not print the pydantic-evals tables")] = False,
) -> None:
    """Evaluate generated outputs against the programme's principles."""
    from companion.cli import load_settings

    try:
        thresholds = parse_thresholds(min_pass_rate or [])
    except ValueError as exc:
        raise _fail(str(exc)) from exc
    if record and composer is not ComposerChoice.configured:
        raise _fail("--record needs --composer configured (a live model to record from)")
    settings = load_settings()
    _ensure_evals_importable()
    try:
        result = asyncio.run(
            _run(settings, composer, judge, thresholds, dataset, case, retriever, record, concurrency)
        )
    except ValueError as exc:  # unknown dataset, judge without endpoint, no recorded fixtures ...
        raise _fail(f"eval: {exc}") from exc
    from evals.run import RESULTS_DIR, failing_lines, format_rate, render_reports, to_markdown

    output = output or RESULTS_DIR / "latest.md"
    if not quiet:
        typer.echo(render_reports(result))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(to_markdown(result), encoding="utf-8")
    typer.echo(f"{'Evaluator':<28} {'passed':>9} {'rate':>7}")
    for s in result.stats.values():
        typer.echo(f"{s.name:<28} {s.passed:>4}/{s.applicable:<4} {format_rate(s):>7}")
    problems = result.problems(allow_fallback=composer is ComposerChoice.offline)
    typer.echo(f"Results written to {output}")
    if problems:
        failing = failing_lines(result)
        typer.echo(
            "Failing assertions:\n- " + "\n- ".join(failing[:30]) + (" …" if len(failing) > 30 else ""),
            err=True,
        )
        typer.echo("Below thresholds:\n- " + "\n- ".join(problems), err=True)
        raise typer.Exit(1)
    typer.echo(f"All thresholds met ({result.cases} cases).")


async def _run(
    settings: Settings,
    choice: ComposerChoice,
    judge: bool | None,
    thresholds: dict[str, float],
    datasets: list[str] | None,
    case: str | None,
    retriever_choice: RetrieverChoice,
    record: bool,
    concurrency: int,
) -> Any:
    from companion.generation.composer import Composer, build_composer
    from companion.generation.keyword import KeywordRetriever
    from companion.retrieval.knowledge import load_knowledge
    from evals.cases import load_datasets
    from evals.judge import judge_evaluators, judge_model
    from evals.recorded import Recorder, Replay, llm_composer, recorded_cases, recorded_settings, replaying
    from evals.run import run_suite

    loaded = load_datasets(names=datasets)  # fails early on an unknown dataset name
    model = judge_model(settings, requested=judge, environ=dict(os.environ))
    extra = judge_evaluators(model) if model is not None else []
    if retriever_choice is RetrieverChoice.hybrid:
        from companion.retrieval.indexer import build_retriever

        retriever: Any = await asyncio.to_thread(build_retriever, settings)
        knowledge = retriever.knowledge
    else:
        knowledge = load_knowledge(settings.knowledge_dir)
        retriever = KeywordRetriever(knowledge)

    def wanted(name: str) -> bool:
        return case is None or case in name

    common: dict[str, Any] = {
        "datasets": loaded,
        "extra_evaluators": extra,
        "retriever": retriever_choice.value,
        "thresholds": thresholds,
    }
    if choice is ComposerChoice.recorded:
        fixtures = recorded_cases()
        if not fixtures:
            raise ValueError("no recorded responses in evals/fixtures/recorded")
        replay = Replay()
        composer: Composer = llm_composer(recorded_settings(settings), knowledge, retriever)
        with replaying(replay):
            return await run_suite(
                composer,
                knowledge,
                label="recorded LLM responses",
                max_concurrency=concurrency,
                case_filter=lambda n: n in fixtures and wanted(n),
                **common,
            )
    if choice is ComposerChoice.offline:
        offline = settings.model_copy(update={"llm_base_url": None, "llm_api_key": None})
        return await run_suite(
            build_composer(offline, knowledge, retriever),
            knowledge,
            label="offline",
            max_concurrency=concurrency,
            case_filter=wanted,
            **common,
        )
    if record:
        if not settings.llm_configured:
            raise ValueError(
                "--record needs a configured LLM (COMPANION_LLM_BASE_URL / COMPANION_LLM_API_KEY)"
            )
        recorder = Recorder()
        composer = llm_composer(
            settings, knowledge, retriever, http_client=recorder.client(settings.llm_timeout_seconds)
        )
        result = await run_suite(
            composer,
            knowledge,
            label=f"llm {settings.llm_model} (recording)",
            max_concurrency=concurrency,
            case_filter=wanted,
            **common,
        )
        for path in recorder.write():
            typer.echo(f"recorded {path}")
        return result
    composer = build_composer(settings, knowledge, retriever)
    label = f"llm {settings.llm_model}" if settings.llm_configured else "configured (offline: no LLM set)"
    return await run_suite(
        composer, knowledge, label=label, max_concurrency=concurrency, case_filter=wanted, **common
    )


def register(app: typer.Typer) -> None:
    """Add ``companion eval`` to the CLI."""
    app.command("eval")(eval_command)
