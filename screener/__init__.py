"""Screener: a signposting aid for child trafficking and guardianship in the UK."""

__version__ = "0.1.0"
