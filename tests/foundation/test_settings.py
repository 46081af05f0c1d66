"""Settings: defaults, environment variables, and refusal of unsafe production configuration."""

from __future__ import annotations

import pytest

from companion.settings import DEFAULT_SECRET, Settings, UnsafeSettingsError


def test_defaults_run_offline_on_sqlite(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "COMPANION_LLM_BASE_URL", "COMPANION_LLM_API_KEY"):
        monkeypatch.delenv(var, raising=False)
    s = Settings(_env_file=None)  # type: ignore[call-arg]
    assert s.env == "development"
    assert s.resolved_database_url.startswith("sqlite+aiosqlite:///")
    assert s.resolved_database_url.endswith("companion.db")
    assert s.llm_configured is False
    assert s.chroma_url is None


@pytest.mark.parametrize("env", ["production", "test"])
def test_default_secret_is_refused_outside_development(env: str) -> None:
    with pytest.raises(ValueError, match="COMPANION_SECRET_KEY") as info:
        Settings(_env_file=None, env=env)  # type: ignore[call-arg]
    assert isinstance(info.value.__cause__ or info.value, (UnsafeSettingsError, ValueError))


def test_short_secret_is_refused_in_production() -> None:
    with pytest.raises(ValueError, match="at least 32"):
        Settings(_env_file=None, env="production", secret_key="short")  # type: ignore[call-arg]


def test_strong_secret_is_accepted_in_production() -> None:
    s = Settings(_env_file=None, env="production", secret_key="s" * 40)  # type: ignore[call-arg]
    assert s.secret_key.get_secret_value() != DEFAULT_SECRET


def test_environment_variables_with_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPANION_DATABASE_URL", "postgresql+asyncpg://u@h:5432/db")
    monkeypatch.setenv("COMPANION_LOG_LEVEL", "DEBUG")
    s = Settings(_env_file=None)  # type: ignore[call-arg]
    assert s.resolved_database_url == "postgresql+asyncpg://u@h:5432/db"
    assert s.log_level == "DEBUG"


def test_openai_variables_configure_the_llm(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:11434/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    s = Settings(_env_file=None)  # type: ignore[call-arg]
    assert s.llm_configured and s.llm_base_url == "http://127.0.0.1:11434/v1"
    assert s.llm_api_key is not None and s.llm_api_key.get_secret_value() == "sk-test"


def test_invalid_values_are_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPANION_LOG_LEVEL", "LOUD")
    with pytest.raises(ValueError, match="log_level"):
        Settings(_env_file=None)  # type: ignore[call-arg]
