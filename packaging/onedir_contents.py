"""What the one-folder build carries besides the code PyInstaller finds by itself.

Read by ``packaging/screener.spec`` (at build time) and by ``tests/test_onedir.py`` (always),
so that the list the build uses is the list the test checks: every file of the installed
package that is not Python (the content pack, the record of the shipped pack, the Textual
stylesheets), and every module of the packages that import modules by name at run time
(Screener's commands are imported when they run; Textual's widgets and Rich's Unicode
tables are looked up by name).
"""

from __future__ import annotations

from pathlib import Path

# Packages whose modules are imported by name at run time, so the analysis cannot see them.
BY_NAME = ("screener", "textual", "rich", "pygments")
# Dependencies whose own data files (python-docx's document templates) must travel with them.
DATA_OF = ("docx",)
# Dependencies kept as files in folders, not in the archive: python-docx opens its templates
# through its modules' folders (docx/parts/../templates), which must exist on disk.
ON_DISK = ("docx",)
# Never in the build.
LEFT_OUT = ("screener.content.wheel_hook",)  # needs hatchling; used only to build the wheel
CODE = (".py", ".pyc", ".pyo")


def data_files(package: Path) -> list[tuple[str, str]]:
    """(source file, folder in the build) for every file of ``package`` that is not code."""
    found = []
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix not in CODE and "__pycache__" not in path.parts:
            found.append((str(path), str(Path(package.name) / path.parent.relative_to(package))))
    return found
