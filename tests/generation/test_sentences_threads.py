"""Sentence splitting is used from the event loop and from worker threads at the same time (sync
handlers, retrieval in ``to_thread``): each thread must get its own sentences back."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from companion.generation.sentences import split_sentences

TEXTS = [
    ("en", "Next time I will bring an example. It worked in my old team. Ask Dr. Miller first."),
    ("en", "Career paths do not have to mean managing people. A specialist track matters to many juniors."),
    ("de", "Frau Dr. Keller kommt bis zum 3. April. Danach planen wir neu. Das klappt z. B. per Video."),
    (
        "de",
        "Ich habe gelernt, wie Entscheidungen vorbereitet werden. Die Jüngeren wünschen mehr Transparenz.",
    ),
]


def _split_many(index: int) -> list[int]:
    """Split this thread's text 300 times; the indices of the rounds that came back wrong."""
    lang, text = TEXTS[index % len(TEXTS)]
    expected = split_sentences(text, lang)
    return [i for i in range(300) if split_sentences(text, lang) != expected]


def test_threads_never_get_each_others_sentences() -> None:
    expected = {i: split_sentences(text, lang) for i, (lang, text) in enumerate(TEXTS)}
    assert all(len(s) >= 2 for s in expected.values())
    with ThreadPoolExecutor(max_workers=8) as pool:
        wrong = list(pool.map(_split_many, range(8)))
    assert wrong == [[] for _ in range(8)]
