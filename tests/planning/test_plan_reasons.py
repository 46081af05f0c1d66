"""The offline plan's reasons read as written for this pair: names and agreement for groups, no single
skeleton repeated over a long plan, and a topic title is never treated as people."""

from __future__ import annotations

from companion.planning.context import Brief, PlanContext, TopicOption
from companion.planning.reasons import final_reason, topic_reason


def ctx(lang: str = "de", goals: list[str] | None = None, juniors: int = 1, seniors: int = 1) -> PlanContext:
    names_j = ["Aylin", "Ben", "Chiara"][:juniors]
    names_s = ["Frau Keller", "Herr Vogt"][:seniors]
    return PlanContext(
        language=lang,
        goals=goals if goals is not None else ["Teamkultur stärken"],
        juniors=[Brief(n) for n in names_j],
        seniors=[Brief(n) for n in names_s],
        options=[],
        slots=[],
    )


def option(title: str = "Mobile First denken", category: str = "technology", **wish: str) -> TopicOption:
    return TopicOption(id="topic-x", title=title, category=category, summary="", score=1.0, **wish)


def test_topics_added_for_the_mix_do_not_repeat_one_sentence() -> None:
    c = ctx()
    reasons = [topic_reason(option(f"Thema {i}"), c, turn) for i, turn in enumerate(range(6))]
    skeletons = {r.replace(f"„Thema {i}“", "T") for i, r in enumerate(reasons)}
    assert len(skeletons) == 3, reasons  # the three sentences take turns
    assert all("„Teamkultur stärken“" in r for r in reasons)  # and each is tied to the pair's goal


def test_a_title_with_und_is_not_plural_people() -> None:
    title = "Onboarding und Einarbeitung aus Sicht der Neuen"
    reasons = [topic_reason(option(title, "work"), ctx(), turn) for turn in range(3)]
    assert "„Onboarding und Einarbeitung aus Sicht der Neuen“ bringt die Arbeitsweise" in reasons[1]
    assert not any(" bringen " in r for r in reasons), reasons


def test_several_juniors_are_all_named_and_the_verb_agrees() -> None:
    wish = {"wish": "Feedbackkultur", "wish_kind": "senior_interest", "wisher": "Frau Keller"}
    text = topic_reason(option(**wish), ctx(juniors=3), 0)
    assert (
        text
        == "Frau Keller möchte mehr über Feedbackkultur lernen, und Aylin, Ben und Chiara zeigen, wie Jüngere damit umgehen."
    )
    one = topic_reason(option(**wish), ctx(juniors=1), 0)
    assert "und Aylin zeigt, wie" in one


def test_a_senior_herr_stays_in_the_right_case() -> None:
    wish = {"wish": "Slack", "wish_kind": "junior_expertise", "wisher": "Aylin"}
    text = topic_reason(option(**wish), ctx(seniors=2), 0)
    # Nominative subject, so no "Herrn"; two seniors, so the verb is plural.
    assert (
        text
        == "Aylin kennt sich mit Slack aus, und Frau Keller und Herr Vogt bekommen es hier aus erster Hand gezeigt."
    )


def test_the_final_reason_agrees_with_one_or_several_names() -> None:
    assert final_reason(ctx(goals=[], juniors=1, seniors=0)).startswith("Aylin zieht Bilanz")
    assert final_reason(ctx(goals=[], juniors=2, seniors=1)).startswith("Aylin, Ben und Frau Keller ziehen")
    assert final_reason(ctx("en", goals=["Shorter meetings"])).startswith(
        "You take stock of your goal “Shorter meetings”"
    )


def test_a_goal_reason_has_a_subject() -> None:
    wish = {"wish": "KI im Vertrieb ausprobieren", "wish_kind": "goal"}
    text = topic_reason(option("Onboarding und Einarbeitung", "work", **wish), ctx(), 0)
    assert text == "„Onboarding und Einarbeitung“ greift euer Ziel „KI im Vertrieb ausprobieren“ auf."


def test_a_typed_label_that_a_preposition_would_decline_stands_as_a_quoted_topic() -> None:
    wish = {"wish": "Inklusive Sprache", "wish_kind": "junior_expertise", "wisher": "Mia"}
    text = topic_reason(option(**wish), ctx(seniors=1), 0)
    assert text.startswith("Mia kennt sich mit dem Thema „Inklusive Sprache“ aus"), text
    interest = {"wish": "Remote Work", "wish_kind": "senior_interest", "wisher": "Frau Keller"}
    assert "möchte mehr über das Thema „Remote Work“ lernen" in topic_reason(option(**interest), ctx(), 0)
    plain = {"wish": "Feedback", "wish_kind": "senior_interest", "wisher": "Frau Keller"}
    assert "möchte mehr über Feedback lernen" in topic_reason(option(**plain), ctx(), 0)


def test_a_matching_reason_places_a_typed_label_after_its_preposition() -> None:
    from companion.matching.explain import render_reason

    reason = {"code": "teaches", "junior": "Mia", "senior": "Frau Ott", "offer": "Inklusive Sprache"}
    text = render_reason({**reason, "wish": "Inklusive Sprache"}, "de")
    assert text == "Mia kennt sich mit dem Thema „Inklusive Sprache“ aus, was Frau Ott lernen möchte"
    english = render_reason({**reason, "wish": "Inklusive Sprache"}, "en")
    assert english == "Mia knows Inklusive Sprache well, which Frau Ott wants to learn"
