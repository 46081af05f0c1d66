"""Participants' optional pronouns and free-text profile fields given as a string or a list."""

from __future__ import annotations

from typing import Any

import pytest
from litestar.testing import TestClient
from pydantic import ValidationError

from companion.generation.schemas import Participant


def test_pronouns_are_stored_changed_and_cleared(client: TestClient[Any], programme: dict[str, Any]) -> None:
    url = f"/api/programmes/{programme['id']}/participants"
    r = client.post(url, json={"display_name": "Petra Schulz", "role": "senior", "pronouns": "sie/ihr"})
    assert r.status_code == 201, r.text
    person = r.json()
    assert person["pronouns"] == "sie/ihr"
    r = client.patch(f"/api/participants/{person['id']}", json={"pronouns": "keine – bitte Namen"})
    assert r.status_code == 200 and r.json()["pronouns"] == "keine – bitte Namen"
    r = client.patch(f"/api/participants/{person['id']}", json={"pronouns": None})
    assert r.status_code == 200 and r.json()["pronouns"] is None
    r = client.post(url, json={"display_name": "Kim", "role": "junior", "pronouns": "x" * 61})
    assert r.status_code == 400 or r.status_code == 422
    assert "pronouns" in r.text


def test_expertise_as_string_or_list(client: TestClient[Any], programme: dict[str, Any]) -> None:
    url = f"/api/programmes/{programme['id']}/participants"
    r = client.post(url, json={"display_name": "Mia", "role": "junior", "expertise": "Instagram, TikTok"})
    assert r.status_code == 201, r.text
    assert r.json()["expertise"] == ["Instagram", "TikTok"]
    r = client.patch(f"/api/participants/{r.json()['id']}", json={"interests": ["Podcasts", "Klima"]})
    assert r.json()["interests"] == ["Podcasts", "Klima"]


def test_generation_participant_takes_lists_and_pronouns() -> None:
    p = Participant.model_validate(
        {"name": "Deniz", "pronouns": "they/them", "expertise": ["Kubernetes", "Docker"], "role": "Dev"}
    )
    assert p.expertise == "Kubernetes, Docker" and p.pronouns == "they/them"
    assert Participant.model_validate({"name": "A", "expertise": "Excel"}).expertise == "Excel"
    with pytest.raises(ValidationError):
        Participant.model_validate({"name": "A", "expertise": ["x" * 250]})
