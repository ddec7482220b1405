"""The loaded content pack: typed parts and look-ups, built only by the loader."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from screener.content.models.base import Citation
from screener.content.models.framing import FramingPoint
from screener.content.models.jurisdictions import Jurisdiction, Service
from screener.content.models.parameters import Parameters
from screener.content.models.questions import PackQuestion
from screener.content.models.signposts import Signpost
from screener.content.models.sources import PackInfo, Source
from screener.content.models.themes import Indicator, Theme
from screener.content.wording import Wording


@dataclass(frozen=True)
class Pack:
    info: PackInfo
    sources: dict[str, Source]
    questions: dict[str, PackQuestion]
    themes: list[Theme]
    indicators: dict[str, Indicator]
    indicator_theme: dict[str, str]
    jurisdictions: dict[str, Jurisdiction]
    signposts: dict[str, Signpost]
    parameters: Parameters
    framing: list[FramingPoint]
    # The words for what the code knows by id (wording.yaml): built-in questions, NRM statuses, outcomes.
    wording: Wording
    # sha256 over the pack's files (screener.content.digest); empty for a pack built in memory.
    digest: str = ""
    # What is worked out from the pack once and kept with it (the privacy check's vocabulary);
    # a shipped pack's record carries it already made.
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def theme(self, theme_id: str) -> Theme:
        return next(t for t in self.themes if t.id == theme_id)

    def indicators_of(self, theme_id: str) -> list[Indicator]:
        # Kept by theme in the memo: every walk's questions ask for each theme's, at every answer. A pack
        # made from this one with dataclasses.replace shares its memo, so the kept lists name the
        # indicators they were made from, and are made again for others.
        kept = self.memo.get("indicators_of")
        if kept is None or kept[0] is not self.indicators or kept[1] is not self.indicator_theme:
            by_theme: dict[str, list[Indicator]] = {}
            for indicator in self.indicators.values():
                by_theme.setdefault(self.indicator_theme[indicator.id], []).append(indicator)
            kept = self.memo["indicators_of"] = (self.indicators, self.indicator_theme, by_theme)
        return list(kept[2].get(theme_id, ()))

    def services(self) -> list[Service]:
        return [s for j in self.jurisdictions.values() for s in j.services]

    def cite(self, citation: Citation) -> str:
        """A citation as a reader sees it: Snapshot 2024, ch.4 "…", p.27."""
        source = self.sources[citation.source]
        parts = [source.short]
        if citation.chapter is not None:
            parts.append(f"ch.{citation.chapter}")
        if citation.section:
            parts.append(f'"{citation.section}"')
        if citation.page is not None:
            pages = f"p.{citation.page}"
            if citation.page_end and citation.page_end != citation.page:
                pages += f"–{citation.page_end}"
            parts.append(pages)
        if citation.detail:
            parts.append(citation.detail)
        text = ", ".join(parts)
        if source.confirm_locally:
            checked = f", last checked {source.checked_on.isoformat()}" if source.checked_on else ""
            text += f" (confirm locally{checked})"
        return text
