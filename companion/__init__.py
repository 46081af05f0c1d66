"""companion: an LLM-assisted session companion for reverse-mentoring programmes."""

__version__ = "0.1.0"
