"""A list line whose words wrap under themselves, not under its pointer and number.

Textual's option lists wrap an option's prompt at the list's edge, so a long review answer or
indicator continued under its pointer and number (``› 1 [x]``), where the eye looks for the next
line. ``Hanging`` keeps the lead (pointer, number, mark) on the first line and wraps the words in
the width left beside it, each further line indented by the lead's width, as a hanging indent.
"""

from __future__ import annotations

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual


class Hanging(Visual):
    """``lead`` then ``words``, the words wrapped beside the lead and under each other."""

    def __init__(self, lead: str, words: Content | str) -> None:
        self.lead = Content(lead)
        self.words = words if isinstance(words, Content) else Content(words)

    def __str__(self) -> str:
        return self.lead.plain + self.words.plain

    @property
    def _indent(self) -> int:
        return self.lead.cell_length

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        indent = self._indent
        if width <= indent:  # no room beside the lead: wrapped as one text
            return (self.lead + self.words).render_strips(width, height, style, options)
        lines = self.words.render_strips(width - indent, height, style, options)
        lead = self.lead.render_strips(indent, 1, style, options)[0]
        blank = Strip.blank(indent, style.rich_style)
        return [Strip.join([lead if n == 0 else blank, line]) for n, line in enumerate(lines or [Strip([])])]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self._indent + self.words.get_optimal_width(rules, max(container_width - self._indent, 1))

    def get_height(self, rules: RulesMap, width: int) -> int:
        if width <= self._indent:
            return (self.lead + self.words).get_height(rules, width)
        return max(self.words.get_height(rules, width - self._indent), 1)
