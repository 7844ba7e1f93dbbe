"""The WebSocket hub: live connections, rooms and fan-out. It never opens the database."""
