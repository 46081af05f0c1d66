"""The whole suite against the offline composer: every principle assertion must pass on every case.

When this fails, the message lists each failing case, evaluator and reason. Fix the composer (or its
phrases / the knowledge cards), not the evaluator; see evals/results/baseline.md for the last accepted run.
"""

from __future__ import annotations

from evals.run import SuiteResult, failing_lines, to_markdown


def test_every_principle_assertion_passes_for_the_offline_composer(offline_result: SuiteResult) -> None:
    failing = failing_lines(offline_result)
    assert not failing, "offline composer fails principle checks:\n" + "\n".join(failing)


def test_no_case_fails_to_generate_and_controls_hold(offline_result: SuiteResult) -> None:
    assert not offline_result.task_failures
    assert not offline_result.fallbacks
    assert offline_result.controls and not [c.problem for c in offline_result.controls if c.problem]


def test_every_principle_is_exercised(offline_result: SuiteResult) -> None:
    assert offline_result.cases >= 50
    for stats in offline_result.stats.values():
        assert stats.applicable >= 3, f"{stats.name} applied to only {stats.applicable} cases"
        assert not stats.errors, stats.errors


def test_markdown_report_has_a_row_per_evaluator(offline_result: SuiteResult) -> None:
    text = to_markdown(offline_result)
    for name in offline_result.stats:
        assert f"| {name} |" in text
    assert "## Negative controls" in text and "## Coverage" in text
