"""The HTTP API (FastAPI), which owns all state."""
