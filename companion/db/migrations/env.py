"""Alembic environment: runs on a connection handed in by companion.db.engine."""

from __future__ import annotations

from alembic import context

from companion.auth import models as _auth_models  # noqa: F401  (registers the sign-in tables)
from companion.db.models import Base
from companion.evaluation import models as _evaluation_models  # noqa: F401  (survey tables)
from companion.matching import models as _matching_models  # noqa: F401  (matching tables)
from companion.notifications import models as _notification_models  # noqa: F401  (notification tables)
from companion.planning import models as _planning_models  # noqa: F401  (frames and plans)

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only via `companion db upgrade`, which passes one
    raise RuntimeError("Run migrations with `companion db upgrade`, which supplies the connection.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
