from __future__ import annotations

from screener.content import Pack


def test_shipped_pack_has_enough_content(pack: Pack) -> None:
    assert len(pack.indicators) >= 40
    assert len({pack.indicator_theme[i] for i in pack.indicators}) >= 8


def test_every_indicator_cites_a_page_of_the_report(pack: Pack) -> None:
    for indicator in pack.indicators.values():
        assert any(c.source == "snapshot-2024" and c.page for c in indicator.sources), indicator.id
