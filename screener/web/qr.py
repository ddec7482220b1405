"""The trainee address as a QR code, drawn as inline SVG in the facilitator's page.

Made here with segno (pure Python, no dependencies of its own): nothing is fetched
from outside the machine to draw it, and the page says the same address as text.
"""

from __future__ import annotations

import functools

# M: about 15% of the code may be hidden (a pointer, a glare on the projector) and it still reads.
ERROR_LEVEL = "m"


@functools.lru_cache(maxsize=16)  # one address a room, asked at every load of the facilitator's page
def qr_svg(address: str) -> str:
    """An ``<svg>`` element (no size of its own: the page's CSS sizes it) encoding exactly ``address``."""
    import segno

    code = segno.make_qr(address, error=ERROR_LEVEL, boost_error=False)
    svg: str = code.svg_inline(omitsize=True, svgclass="qr", lineclass=None, title=f"QR code for {address}")
    # An image to assistive technology, named by its <title>; the address beside it is its text alternative.
    return svg.replace("<svg ", '<svg role="img" ', 1)
