"""Autoclub desktop client: PySide6 widgets on one asyncio loop through qasync."""
