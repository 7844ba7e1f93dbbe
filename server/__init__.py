"""Autoclub server: the HTTP API, the WebSocket hub and what they share."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("autoclub")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0+unknown"
