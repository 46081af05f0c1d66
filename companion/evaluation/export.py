"""CSV export of the evaluation aggregates — built only from what the coordinator may see
(:func:`companion.evaluation.services.evaluation_overview`), so it can never hold a single answer or a
figure below k: suppressed cells are written as ``< k`` with an empty value."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from companion.db.models import Programme
from companion.evaluation.questions import CHOICES, pick, question, theme_label
from companion.evaluation.services import evaluation_overview
from companion.programmes.services import get_or_404

HEADER = ("survey", "status", "question", "label", "group", "respondents", "measure", "value")


def _rows(kind: str, status: str, qid: str, label: str, row: dict[str, Any]) -> Iterator[tuple[Any, ...]]:
    n = row["n"]["shown"]
    base = (kind, status, qid, label, row["group"], n)
    if row["n"]["value"] is None:
        yield (*base, "suppressed", "")
        return
    for measure in ("mean", "pre_mean", "post_mean", "improved", "same", "lower"):
        if measure in row:
            yield (*base, measure, row[measure])
    for value, count in (row.get("distribution") or {}).items():
        yield (*base, f"count_{value}", count)


async def export_rows(db: AsyncSession, programme_id: int) -> list[tuple[Any, ...]]:
    """The CSV rows (header first) of a programme's evaluation."""
    programme = await get_or_404(db, Programme, programme_id, "Programme")
    lang = programme.language
    overview = await evaluation_overview(db, programme_id)
    rows: list[tuple[Any, ...]] = [HEADER]
    for rnd in overview["rounds"]:
        kind, status = rnd["kind"], rnd["state"]
        for group, c in rnd["respondents"].items():
            rows.append((kind, status, "", "", group, c["shown"], "invited", rnd["invited"].get(group, "")))
        result = rnd["results"]
        if result is None:
            continue
        for q in result["questions"]:
            found = question(kind, q["id"])
            label = found.text("any" if "any" in found.label else "senior", lang) if found else q["id"]
            for row in q["groups"]:
                rows.extend(_rows(kind, status, q["id"], label, row))
        for row in result.get("change", []):
            rows.extend(_rows(kind, status, "confidence_change", "pre/post", row))
        for theme in result.get("themes", []):
            found = question(kind, theme["question"])
            set_key = found.themes if found else None
            rows.append(
                (
                    kind,
                    status,
                    theme["question"],
                    theme_label(set_key, theme["theme"], lang),
                    "all",
                    theme["count"],
                    f"theme:{theme['theme']}",
                    theme["count"],
                )
            )
    return rows


async def export_csv(db: AsyncSession, programme_id: int) -> str:
    """The evaluation aggregates of a programme as CSV text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(await export_rows(db, programme_id))
    return buffer.getvalue()


def choice_label(choices: str, value: str, lang: str) -> str:
    """A choice option's label in ``lang`` (for pages)."""
    return next((pick(label, lang) for v, label in CHOICES.get(choices, ()) if v == value), value)
