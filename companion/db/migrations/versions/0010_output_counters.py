"""output counters: the next version of a generated output in the statement that stores it

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 14:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "output_counters",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("last_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name=op.f("fk_output_counters_session_id_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", "kind", name=op.f("pk_output_counters")),
    )
    # Existing outputs: the counters start where their versions are.
    op.execute(
        "INSERT INTO output_counters (session_id, kind, last_version) "
        "SELECT session_id, kind, max(version) FROM generated_outputs GROUP BY session_id, kind"
    )


def downgrade() -> None:
    op.drop_table("output_counters")
