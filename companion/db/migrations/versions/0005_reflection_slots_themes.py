"""reflection slots, ticked themes and sharing; evidence for real pairs; theme snapshots

Existing reflections are filed per slot from their free answers (known prompts to their slot, the
rest to ``general``) and count as shared, as they were visible to the partner before.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 19:45:00
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reflections") as batch:
        batch.add_column(sa.Column("slots", sa.JSON(), nullable=False, server_default=sa.text("'{}'")))
        batch.add_column(sa.Column("themes", sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
        batch.add_column(sa.Column("excluded", sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
        batch.add_column(sa.Column("shared_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("summarised_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(sa.Column("held_by", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_sessions_held_by_participants"), "participants", ["held_by"], ["id"], ondelete="SET NULL"
        )
    with op.batch_alter_table("invites") as batch:
        batch.add_column(sa.Column("created_client", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("redeemed_client", sa.String(length=32), nullable=True))
        batch.add_column(
            sa.Column("redeemed_by_coordinator", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.create_table(
        "theme_contributions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("pair_ref", sa.Integer(), nullable=False),
        sa.Column("theme", sa.String(length=80), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_theme_contributions_programme_id_programmes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_theme_contributions")),
        sa.UniqueConstraint("programme_id", "pair_ref", "theme", name="uq_theme_contributions_pair_theme"),
    )
    op.create_index(
        op.f("ix_theme_contributions_programme_id"), "theme_contributions", ["programme_id"], unique=False
    )
    op.create_table(
        "insight_snapshots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_insight_snapshots_programme_id_programmes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_insight_snapshots")),
        sa.UniqueConstraint("programme_id", "period", name="uq_insight_snapshots_period"),
    )
    op.create_index(
        op.f("ix_insight_snapshots_programme_id"), "insight_snapshots", ["programme_id"], unique=False
    )
    _file_existing_reflections()


def _file_existing_reflections() -> None:
    from companion.generation.reflection_slots import to_slots

    conn = op.get_bind()
    table = sa.table(
        "reflections",
        sa.column("id", sa.Integer()),
        sa.column("answers", sa.JSON()),
        sa.column("slots", sa.JSON()),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("shared_at", sa.DateTime(timezone=True)),
    )
    for rid, answers, created in conn.execute(
        sa.select(table.c.id, table.c.answers, table.c.created_at)
    ).all():
        if isinstance(answers, str):
            answers = json.loads(answers)
        slots = to_slots({str(k): str(v) for k, v in (answers or {}).items()})
        conn.execute(sa.update(table).where(table.c.id == rid).values(slots=slots, shared_at=created))


def downgrade() -> None:
    op.drop_index(op.f("ix_insight_snapshots_programme_id"), table_name="insight_snapshots")
    op.drop_table("insight_snapshots")
    op.drop_index(op.f("ix_theme_contributions_programme_id"), table_name="theme_contributions")
    op.drop_table("theme_contributions")
    with op.batch_alter_table("invites") as batch:
        batch.drop_column("redeemed_by_coordinator")
        batch.drop_column("redeemed_client")
        batch.drop_column("created_client")
    with op.batch_alter_table("sessions") as batch:
        batch.drop_constraint(op.f("fk_sessions_held_by_participants"), type_="foreignkey")
        batch.drop_column("held_by")
    with op.batch_alter_table("reflections") as batch:
        batch.drop_column("updated_at")
        batch.drop_column("summarised_at")
        batch.drop_column("shared_at")
        batch.drop_column("excluded")
        batch.drop_column("themes")
        batch.drop_column("slots")
