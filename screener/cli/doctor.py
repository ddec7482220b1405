"""``screener doctor``: the facts of ``screener.doctor`` for this machine, on standard output; always exit 0."""

from __future__ import annotations

import datetime as dt
import os
import sys


def doctor() -> int:
    from screener.doctor import examine, report

    sys.stdout.write(report(examine(os.environ, sys.platform, sys.stdout, dt.date.today())))
    return 0
