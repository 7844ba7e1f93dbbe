"""Persistence: SQLAlchemy models, the engine and migrations."""
