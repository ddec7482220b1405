#!/usr/bin/env bash
# The one-folder build: dist/screener/, holding the screener executable, the content pack and
# the record of the shipped pack, and every command that needs no extra. PyInstaller --onedir,
# never --onefile (a one-file build unpacks itself to %TEMP% on every start, which AppLocker
# and antivirus stop). Runs on Linux, macOS and Windows (Git Bash); needs Python 3.11 or newer
# and a package index (or PIP_FIND_LINKS), and makes its own virtual environment in build/.
#   packaging/build-onedir.sh            # dist/screener/screener (screener.exe on Windows)
#   PYTHON=python3.12 packaging/build-onedir.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
PYINSTALLER=${PYINSTALLER:-pyinstaller==6.22.3}
work=build/onedir
rm -rf "$work" dist/screener
"$PYTHON" -m venv "$work/venv"
if [ -x "$work/venv/Scripts/python.exe" ]; then py="$work/venv/Scripts/python.exe"; else py="$work/venv/bin/python"; fi
"$py" -m pip install --quiet --upgrade pip
# A wheel, not an editable install: the wheel carries the pack and the record made as it is built.
"$py" -m pip install --quiet . "$PYINSTALLER"
# Run from the build folder: from the checkout, Python would find its screener/ (no pack, no record) first.
root=$(pwd)
(cd "$work" && "$root/$py" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$root/dist" --workpath pyinstaller "$root/packaging/screener.spec")
echo "built dist/screener/ ($(du -sh dist/screener | cut -f1)); try: dist/screener/screener doctor"
