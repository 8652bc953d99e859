"""Feedback's pages: ratings (ratings.py) and reports (reports.py)."""
