"""Friends, presence, profiles, typing, sessions and groups: the live social layer of the desktop app."""
