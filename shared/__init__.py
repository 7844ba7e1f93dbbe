"""Wire protocol shared by the Autoclub desktop client and server.

Everything both ends must agree on lives here: HTTP bodies, socket frames,
error codes, close codes and limits. Neither end imports the other.
"""
