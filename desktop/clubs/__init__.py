"""Car clubs: search, club pages, membership and join requests, covers and club albums."""
