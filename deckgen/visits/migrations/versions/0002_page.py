"""The web page's drafts (what is not yet saved in a visit) and the tour's kept runs.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create `drafts` and `tour_runs`."""
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("visit_id", sa.Integer),
        sa.Column("base", sa.Integer),
        sa.Column("who", sa.String(200), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_drafts_visit", "drafts", ["visit_id"])
    op.create_table(
        "tour_runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("who", sa.String(200), nullable=False),
        sa.Column("filename", sa.String(400), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    """Drop them."""
    op.drop_table("tour_runs")
    op.drop_table("drafts")
