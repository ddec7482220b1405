"""Writing what the user asked for: the one decision behind every save and export (``plan``)."""
