"""participant pronouns: optional free text ("sie/ihr", "er/ihm", "they/them", "keine – bitte Namen")

Generated texts use a participant's pronouns (or their name, or neutral forms when none are given)
instead of a default masculine.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 19:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("participants") as batch:
        batch.add_column(sa.Column("pronouns", sa.String(length=60), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("participants") as batch:
        batch.drop_column("pronouns")
