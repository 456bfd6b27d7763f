"""Alembic's environment: run the migrations on the connection `deckgen.visits.register`
hands over (no alembic.ini; deckgen finds the database itself)."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
