"""programme coordinators: which coordinator runs which programme

Existing installs keep today's behaviour: every existing programme is linked to every existing
coordinator.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 06:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "programme_coordinators",
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("coordinator_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["coordinator_id"],
            ["coordinators.id"],
            name=op.f("fk_programme_coordinators_coordinator_id_coordinators"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_programme_coordinators_programme_id_programmes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("programme_id", "coordinator_id", name=op.f("pk_programme_coordinators")),
    )
    with op.batch_alter_table("programme_coordinators", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_programme_coordinators_coordinator_id"), ["coordinator_id"], unique=False
        )
    # Data: before this revision every coordinator managed every programme; keep that for what exists.
    op.execute(
        sa.text(
            "INSERT INTO programme_coordinators (programme_id, coordinator_id, created_at) "
            "SELECT p.id, c.id, CURRENT_TIMESTAMP FROM programmes p CROSS JOIN coordinators c"
        )
    )


def downgrade() -> None:
    with op.batch_alter_table("programme_coordinators", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_programme_coordinators_coordinator_id"))
    op.drop_table("programme_coordinators")
