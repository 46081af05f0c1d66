"""Measures of how far an agenda is shaped by the pair: goal coverage, goal sensitivity, stock phrases.

One implementation, used by the evaluators (:mod:`evals.guidance_evaluators`) and by
``benchmarks/guidance.py``:

- **goal coverage**: a goal is reflected when one agenda item (title, purpose, prompts) carries most of
  the goal's content words (stemmed), or when the item quotes it;
- **goal sensitivity**: the difflib ratio of two agenda texts for the same pair with different goals
  (1.0 = identical text);
- **stock lines**: lines (titles, purposes, prompts) that recur in many cases once quoted text and the
  participants' names are blanked, i.e. text that is the same whatever the pair wrote.
"""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from companion.generation.schemas import Agenda, AgendaItem, GenerationContext
from evals.lexicon import STOP_DE, STOP_EN
from evals.textutil import stem, words

# Quoted spans in German or English quotation marks (the composers quote goals this way).
_QUOTED = re.compile(r"„[^“”]*[“”]|“[^”]*”|\"[^\"]*\"|»[^«]*«")
# Share of a goal's content words one item must carry for the goal to count as reflected.
COVERAGE_SHARE = 0.75
QUOTE_HEAD = 80  # characters of a long goal that identify a (clipped) quotation of it
# Goal words too general to show that a goal was taken up ("verstehen", "lernen", "better" ...), and
# the words of a top-down phrasing ("Mein Junior soll mir TikTok erklären"), which a composer reframes.
_GENERIC = frozenset(
    [
        *("soll", "muss", "mal", "mir", "uns", "mein", "meine", "should", "must", "me", "us", "my"),
        "verstehen",
        "versteh",
        "lernen",
        "lerne",
        "mehr",
        "besser",
        "wissen",
        "erfahren",
        "klären",
        "entscheiden",
        "ausprobieren",
        "understand",
        "learn",
        "more",
        "better",
        "know",
        "find",
        "out",
        "decide",
        "try",
        "get",
        "make",
        "junior",
        "senior",
        "azubi",
        "mentor",
        "erklären",
        "zeigen",
        "beibringen",
        "explain",
        "show",
        "teach",
    ]
)


def blank_quotes(text: str) -> str:
    """``text`` with every quoted span replaced by an ellipsis in quotation marks."""
    return _QUOTED.sub("„…“", text)


def content_stems(text: str, lang: str) -> set[str]:
    """Stems of the content words of ``text`` (stop words, short and generic words left out)."""
    stop = STOP_DE | STOP_EN
    return {stem(w, lang) for w in words(text) if len(w) >= 3 and w not in stop and w not in _GENERIC}


def item_text(item: AgendaItem) -> str:
    """Everything a reader sees of one agenda item."""
    return " ".join([item.title, item.purpose, *item.prompts])


def goal_reflected(goal: str, agenda: Agenda) -> bool:
    """True when some item of ``agenda`` takes the goal up (most of its content words, or a quote)."""
    wanted = content_stems(goal, agenda.language)
    squashed = " ".join(goal.casefold().split())
    # A long goal may be quoted clipped ("…"); its opening words then stand for it.
    head = squashed[:QUOTE_HEAD] if len(squashed) > QUOTE_HEAD * 2 else squashed
    for item in agenda.items:
        text = item_text(item)
        if head and head in " ".join(text.casefold().split()):
            return True
        if wanted:
            have = content_stems(text, agenda.language)
            if len(wanted & have) >= max(1, math.ceil(COVERAGE_SHARE * len(wanted))):
                return True
    return False


def missing_goals(ctx: GenerationContext, agenda: Agenda) -> list[str]:
    """The context's goals that no agenda item reflects."""
    return [g for g in ctx.goals if g.strip() and not goal_reflected(g, agenda)]


def agenda_text(agenda: Agenda) -> str:
    """The agenda as one text (titles, purposes and prompts, one per line)."""
    lines = [agenda.title]
    for item in agenda.items:
        lines += [item.title, item.purpose, *item.prompts]
    return "\n".join(lines)


def similarity(a: str, b: str) -> float:
    """difflib's ratio of two texts (1.0 = identical)."""
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def mean_pairwise_similarity(texts: Sequence[str]) -> float:
    """Mean :func:`similarity` over all pairs of ``texts`` (1.0 for fewer than two)."""
    pairs = [(a, b) for i, a in enumerate(texts) for b in texts[i + 1 :]]
    return sum(similarity(a, b) for a, b in pairs) / len(pairs) if pairs else 1.0


def normalised_lines(agenda: Agenda, names: Iterable[str] = ()) -> list[str]:
    """The agenda's item lines with quotes and the given names blanked, case-folded."""
    lines = []
    for item in agenda.items:
        for line in (item.title, item.purpose, *item.prompts):
            text = blank_quotes(line)
            for name in sorted({n for n in names if n}, key=len, reverse=True):
                text = text.replace(name, "NAME")
            lines.append(" ".join(text.casefold().split()))
    return lines


def recurring_share(cases: Sequence[Sequence[str]], min_cases: int = 5) -> tuple[float, list[str]]:
    """Share of all lines whose (normalised) text occurs in at least ``min_cases`` cases, and those
    lines, most frequent first."""
    seen = Counter(line for lines in cases for line in set(lines))
    total = sum(len(lines) for lines in cases)
    stock = {line for line, n in seen.items() if n >= min_cases}
    hits = sum(1 for lines in cases for line in lines if line in stock)
    return (hits / total if total else 0.0), sorted(stock, key=lambda s: (-seen[s], s))


def names_of(ctx: GenerationContext) -> list[str]:
    """The participants' names (blanked when lines are compared across pairs)."""
    return [p.name for p in [*ctx.juniors, *ctx.seniors]]
