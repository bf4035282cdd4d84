"""Repository maintenance scripts (not part of the package): `python -m tools.<name>`."""
