#!/usr/bin/env bash
# An offline install for IT: one folder (default wheels/) holding Screener's wheel and a wheel of
# every runtime dependency, for Windows and Linux (x86-64) and each Python that pyproject.toml's
# classifiers name, so that on a machine with no package index
#   python -m pip install --no-index --find-links wheels/ screener
# installs it. Needs a package index (or PIP_INDEX_URL) where it runs; the folder then travels.
#   packaging/wheelhouse.sh [FOLDER]
#   EXTRAS=serve packaging/wheelhouse.sh               # the serve extra's wheels too
#   PLATFORMS="win_amd64 macosx_11_0_arm64" packaging/wheelhouse.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
out=${1:-wheels}
# Windows, and Linux with glibc 2.17 or newer (pip counts every older manylinux tag in).
platforms=${PLATFORMS:-"win_amd64 manylinux_2_17_x86_64"}
pythons=${PYTHONS:-$("$PYTHON" - <<'PY'
import re, tomllib
with open("pyproject.toml", "rb") as f:
    classifiers = tomllib.load(f)["project"]["classifiers"]
print(" ".join(m[1] for c in classifiers if (m := re.fullmatch(r"Programming Language :: Python :: (3\.\d+)", c))))
PY
)}
rm -rf "$out"
mkdir -p "$out"
"$PYTHON" -m pip wheel --quiet --no-deps --wheel-dir "$out" .
wheel=$(cd "$out" && ls screener-*.whl)
wheel_path=$(cd "$out" && pwd)/$wheel
want="screener @ file://$wheel_path"
[ -n "${EXTRAS:-}" ] && want="screener[$EXTRAS] @ file://$wheel_path"
for python in $pythons; do
  for platform in $platforms; do
    echo "wheelhouse: Python $python, $platform"
    "$PYTHON" -m pip download --quiet --only-binary=:all: --dest "$out" \
      --implementation cp --python-version "$python" --abi "cp${python/./}" --platform "$platform" "$want"
  done
done
echo "wheelhouse: $(ls "$out" | wc -l) wheels in $out/ for Python $pythons on $platforms"
