"""Delivery layer of the desktop client, with no Qt: cache, outbox and sync engine.

Everything here runs on plain asyncio, so the same code drives the Qt app
(through ``desktop.chat``) and headless clients in the fault-injection tests.

- ``frames``: parsing of hub frames and the reconnect backoff schedule.
- ``connection``: one hub connection that reconnects until stopped.
- ``store``: the per-account SQLite cache of dialogs, messages and read state.
- ``outbox``: messages waiting to be sent, retried with the same client id.
- ``engine``: resync after every ``ready``, live frames, gaps and read cursors.
"""
