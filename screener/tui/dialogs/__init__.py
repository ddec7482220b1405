"""Modal dialogs: each returns its answer through ``dismiss``.

Every dialog can be answered from the keyboard (the keys are in its footer line
and on its buttons) and Escape always takes the safe way out. Texts are content,
never parsed as markup.
"""

from screener.tui.dialogs.confirm import ConfirmDialog
from screener.tui.dialogs.date import DateDialog
from screener.tui.dialogs.path import PathDialog
from screener.tui.dialogs.quit import QuitDialog
from screener.tui.dialogs.text import TextDialog

__all__ = ["ConfirmDialog", "DateDialog", "PathDialog", "QuitDialog", "TextDialog"]
