"""Helpers for tests that run a real Autoclub server on loopback."""
