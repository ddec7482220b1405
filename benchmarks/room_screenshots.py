"""Screenshots of ``screener room`` at phone, narrow, zoomed and projector sizes, to look at (not a test).

Starts a room on loopback (as tests/test_room_web.py does), plays two rounds with plain form posts so the
debrief has something to show, then has headless Chromium (tests/browser/driver.mjs; install its packages
with ``cd tests/browser && npm ci --ignore-scripts``) photograph a trainee's question page and results and
the facilitator's page with its debrief at each size:

- phone 360x740, the narrowest phone 320x640, projector 1920x1080,
- 200% zoom: a 1280x800 window at twice the size is 640x400 CSS pixels at a device scale of 2.

    PYTHONPATH=$PWD python benchmarks/room_screenshots.py [--out DIR] [--full]

Prints the PNGs' paths; look at each one (a file viewer shows them).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlencode

from tests.browser_tools import Driver, missing
from tests.room_client import fill, play_round
from tests.test_room_web import room_server

SIZES = {
    "phone": (360, 740, 1),
    "narrow": (320, 640, 1),
    "zoom200": (640, 400, 2),
    "projector": (1920, 1080, 1),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "screener-room-shots")
    parser.add_argument("--full", action="store_true", help="the whole page, not just the first screen")
    args = parser.parse_args()
    why = missing()
    if why is not None:
        print(why)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    driver = Driver()
    try:
        with tempfile.TemporaryDirectory() as folder, room_server(Path(folder)) as room:
            base = f"http://localhost:{room.port}"
            play_round(room.client(), room.code)
            play_round(room.client(), room.code, scenario="sc-ukraine-domestic")
            # A trainee at the first question, and another at their results.
            asking = room.client()
            page = asking.get(f"/join?{urlencode({'code': room.code})}")
            action, fields = fill(page.body)
            asking.post(action, fields)
            question = next(p for p in asking.visited if p.startswith("/t/round/"))
            finished = room.client()
            play_round(finished, room.code)
            results = next(p for p in finished.visited if p.startswith("/t/round/"))
            boss = room.facilitator()
            shots = [
                ("trainee-question", question, asking.cookies, "/"),
                ("trainee-results", results, finished.cookies, "/"),
                ("facilitator-debrief", "/f", boss.cookies, "/f"),
            ]
            overflow = []
            for name, path, cookies, cookie_path in shots:
                jar = [
                    {"name": k, "value": v, "domain": "localhost", "path": cookie_path if "facilitator" in k else "/"}
                    for k, v in cookies.items()
                ]
                for size, (width, height, scale) in SIZES.items():
                    target = args.out / f"{name}-{size}.png"
                    shot = driver.call(
                        "screenshot",
                        url=base + path,
                        width=width,
                        height=height,
                        scale=scale,
                        cookies=jar,
                        path=str(target),
                        fullPage=args.full,
                    )
                    print(target)
                    if shot["scrollWidth"] > shot["innerWidth"]:
                        overflow.append(f"{target.name}: {shot['scrollWidth']} px wide in {shot['innerWidth']}")
            # Readable at 320 px and 200% zoom means, first of all, no sideways scrolling.
            print("\n".join(overflow) or "no page is wider than its screen")
            return 1 if overflow else 0
    finally:
        driver.close()


if __name__ == "__main__":
    sys.exit(main())
