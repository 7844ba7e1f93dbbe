"""The write path: each function validates, commits, then publishes its events.

Routes call these functions and never change models themselves.
"""
