"""matching and topic plans: private preferences, matching runs and suggestions, programme frames and
session plans

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 19:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _stamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "matching_preferences",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("availability", sa.JSON(), nullable=False),
        sa.Column("formats", sa.JSON(), nullable=False),
        sa.Column("rather_not", sa.JSON(), nullable=False),
        *_stamps(),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_matching_preferences_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("participant_id", name=op.f("pk_matching_preferences")),
    )
    op.create_table(
        "match_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("format", sa.String(length=20), nullable=False),
        sa.Column("max_juniors_per_senior", sa.Integer(), nullable=False),
        sa.Column("avoid_same_department", sa.Boolean(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        *_stamps(),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_match_runs_programme_id_programmes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_match_runs")),
    )
    with op.batch_alter_table("match_runs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_match_runs_programme_id"), ["programme_id"], unique=False)
    op.create_table(
        "match_suggestions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("junior_ids", sa.JSON(), nullable=False),
        sa.Column("senior_ids", sa.JSON(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=True),
        *_stamps(),
        sa.ForeignKeyConstraint(
            ["pair_id"], ["pairs.id"], name=op.f("fk_match_suggestions_pair_id_pairs"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_match_suggestions_programme_id_programmes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["match_runs.id"],
            name=op.f("fk_match_suggestions_run_id_match_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_match_suggestions")),
    )
    with op.batch_alter_table("match_suggestions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_match_suggestions_programme_id"), ["programme_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_match_suggestions_run_id"), ["run_id"], unique=False)
    op.create_table(
        "programme_frames",
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("group_sessions", sa.String(length=12), nullable=False),
        sa.Column("session_minutes", sa.Integer(), nullable=False),
        *_stamps(),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_programme_frames_programme_id_programmes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("programme_id", name=op.f("pk_programme_frames")),
    )
    op.create_table(
        "session_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("group_dates", sa.JSON(), nullable=False),
        sa.Column("generated_by", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        *_stamps(),
        sa.ForeignKeyConstraint(
            ["pair_id"], ["pairs.id"], name=op.f("fk_session_plans_pair_id_pairs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_plans")),
        sa.UniqueConstraint("pair_id", name=op.f("uq_session_plans_pair_id")),
    )


def downgrade() -> None:
    op.drop_table("session_plans")
    op.drop_table("programme_frames")
    with op.batch_alter_table("match_suggestions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_match_suggestions_run_id"))
        batch_op.drop_index(batch_op.f("ix_match_suggestions_programme_id"))
    op.drop_table("match_suggestions")
    with op.batch_alter_table("match_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_match_runs_programme_id"))
    op.drop_table("match_runs")
    op.drop_table("matching_preferences")
