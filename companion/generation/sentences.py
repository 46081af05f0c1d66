"""Whole sentences of a reflection answer: pysbd (rule-based, knows "Dr.", "z. B.", "u. a.", "ca.")
plus two repairs for German dates it splits ("bis zum 3. 4. klappt das") and line breaks as
boundaries (people write lists). Quoting only whole sentences is what keeps a summary from
cutting "Frau Dr." or "bis zum 3." in half.
"""

from __future__ import annotations

import re
import threading

import pysbd

_ORDINAL_END = re.compile(r"(?:^|\s)\d{1,2}\.$")  # "… bis zum 3." — a date, not an ending
_STARTS_LOWER = re.compile(r"^[a-zäöüß\d(„\"'‚]")  # a real sentence does not start like this
_LIST_MARK = re.compile(r"^\s*(?:[-*•–]|\d{1,2}[.)])\s+")


# A pysbd Segmenter keeps the text it is working on in its own attributes, so one instance shared
# by two threads (requests run sync handlers and retrieval in worker threads while the event loop
# splits reflections) hands one thread's sentences to the other. One segmenter per thread and language.
_LOCAL = threading.local()


def _segmenter(lang: str) -> pysbd.Segmenter:
    code = lang if lang in ("de", "en") else "de"
    cache: dict[str, pysbd.Segmenter] | None = getattr(_LOCAL, "segmenters", None)
    if cache is None:
        cache = _LOCAL.segmenters = {}
    if code not in cache:
        cache[code] = pysbd.Segmenter(language=code, clean=False)
    return cache[code]


def split_sentences(text: str, lang: str = "de") -> list[str]:
    """The sentences of ``text`` in order, whitespace-normalised, list markers dropped."""
    out: list[str] = []
    for line in re.split(r"\n+", text):
        line = _LIST_MARK.sub("", line).strip()
        if not line:
            continue
        parts = [p.strip() for p in _segmenter(lang).segment(line) if p.strip()]
        merged: list[str] = []
        for part in parts:
            if merged and (
                (_ORDINAL_END.search(merged[-1]) and _STARTS_LOWER.match(part))
                or len(merged[-1]) <= 3
                or not re.search(r"[.!?…:;\"“”»«)'’]$", merged[-1])
                or re.fullmatch(r"\d{1,2}\.", part)
            ):
                merged[-1] = f"{merged[-1]} {part}"
            else:
                merged.append(part)
        out += [" ".join(m.split()) for m in merged]
    return out


def is_whole(sentence: str) -> bool:
    """A sentence that ends like one (or is a whole line without end mark) and does not end on an
    abbreviation or an ordinal: the check the evals use for "cut" quotes."""
    s = sentence.strip().rstrip("“”\"'»«)")
    if not s:
        return False
    if re.search(r"(?:^|\s)(?:Dr|Prof|Hr|Fr|z\. ?B|u\. ?a|bzw|ca|Nr|vgl|usw|etc|e\.g|i\.e|Mr|Ms|Mrs)\.$", s):
        return False
    return not _ORDINAL_END.search(s)
