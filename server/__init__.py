"""Autoclub server: the HTTP API, the WebSocket hub and what they share."""
