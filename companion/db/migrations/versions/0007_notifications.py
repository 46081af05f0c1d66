"""notifications: sent mails with unique keys, mail preferences, calendar state and feeds

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-02 19:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0005"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
    )


def upgrade() -> None:
    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=True),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("coordinator_id", sa.Integer(), nullable=True),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("pair_id", sa.Integer(), nullable=True),
        sa.Column("invite_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=True),
        _fk("notifications", "programme_id", "programmes", "CASCADE"),
        _fk("notifications", "participant_id", "participants", "CASCADE"),
        _fk("notifications", "coordinator_id", "coordinators", "CASCADE"),
        _fk("notifications", "session_id", "sessions", "CASCADE"),
        _fk("notifications", "pair_id", "pairs", "CASCADE"),
        _fk("notifications", "invite_id", "invites", "SET NULL"),
        _fk("notifications", "created_by", "coordinators", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifications")),
        sa.UniqueConstraint("key", name=op.f("uq_notifications_key")),
    )
    for column in ("status", "programme_id", "participant_id", "session_id", "invite_id"):
        op.create_index(op.f(f"ix_notifications_{column}"), "notifications", [column], unique=False)
    op.create_table(
        "notification_preferences",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("calendar", sa.Boolean(), nullable=False),
        sa.Column("reminder", sa.Boolean(), nullable=False),
        sa.Column("reflection", sa.Boolean(), nullable=False),
        sa.Column("nudge", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        _fk("notification_preferences", "participant_id", "participants", "CASCADE"),
        sa.PrimaryKeyConstraint("participant_id", name=op.f("pk_notification_preferences")),
    )
    op.create_table(
        "calendar_states",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=200), nullable=False),
        sa.Column("method", sa.String(length=10), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        _fk("calendar_states", "session_id", "sessions", "CASCADE"),
        sa.PrimaryKeyConstraint("session_id", name=op.f("pk_calendar_states")),
    )
    op.create_table(
        "calendar_feeds",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _fk("calendar_feeds", "participant_id", "participants", "CASCADE"),
        sa.PrimaryKeyConstraint("participant_id", name=op.f("pk_calendar_feeds")),
    )


def downgrade() -> None:
    op.drop_table("calendar_feeds")
    op.drop_table("calendar_states")
    op.drop_table("notification_preferences")
    for column in ("invite_id", "session_id", "participant_id", "programme_id", "status"):
        op.drop_index(op.f(f"ix_notifications_{column}"), table_name="notifications")
    op.drop_table("notifications")
