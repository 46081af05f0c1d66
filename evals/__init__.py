"""Eval suite: checks generated outputs against the reverse-mentoring principles (see README.md)."""
