"""The one-folder build's entry point: ``screener`` as the installed command runs it."""

import sys

from screener.cli import main

if __name__ == "__main__":
    sys.exit(main())
