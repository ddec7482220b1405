"""Screener: a signposting aid for child trafficking and guardianship in the UK."""

import os

__version__ = "0.1.0"

# Case details pass through pydantic validation: no third-party pydantic plugin installed
# in the environment may observe them. (It also spares a scan of every installed package.)
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
