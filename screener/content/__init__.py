"""The content pack: models, loading and checks. Imports no Textual."""

from screener.content.loader import load_pack
from screener.content.locate import default_pack_path
from screener.content.pack import Pack

__all__ = ["Pack", "default_pack_path", "load_pack"]
