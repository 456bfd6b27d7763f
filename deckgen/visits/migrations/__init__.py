"""The register's Alembic migrations: `env.py` runs them on the connection it is handed."""
