"""Tests of server.media: the photo pipeline and object storage."""
