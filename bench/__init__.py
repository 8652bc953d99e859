"""Desk's performance benchmark (see bench/README.md). Not part of the application."""
