"""Textual CSS parsed once a process, not once an app: for ``screener serve``'s warm tabs.

Textual parses the app's stylesheets (Screener's ``.tcss`` files and every widget's
``DEFAULT_CSS``) into rule sets for each ``App``, and then again when the theme is set,
because a new theme's variables can change every rule. That is about a quarter of the
CPU a warm tab (``screener.serve_warm``) spends on its first screen, and it is the same
work in every tab: the same CSS, the same theme. ``KeptStylesheet`` keeps the rule sets
it parses for the whole process, keyed by the CSS, where it came from and the theme's
variables, so a tab forked from the warm parent (which has shown the first screen once)
finds them parsed, and so does a later parse in the same app (a theme change back, a
new page's widgets).

Rule sets are not changed once parsed (Textual's own stylesheet reuses them from its
per-stylesheet cache in the same way), so sharing them between stylesheets with the same
variables gives the same styles. A rule set with errors is never kept: it raises as
before, every time.
"""

from __future__ import annotations

from typing import ClassVar

from textual.css.model import RuleSet
from textual.css.stylesheet import CSSLocation, Stylesheet

# (css, where it came from, is default CSS, tie breaker, scope, the variables) -> its rule sets
Key = tuple[str, CSSLocation, bool, int, str, frozenset[tuple[str, str]]]


class KeptStylesheet(Stylesheet):
    """A stylesheet whose parsed rule sets are kept for the process (and the processes forked from it)."""

    kept: ClassVar[dict[Key, list[RuleSet]]] = {}
    MAX_KEPT: ClassVar[int] = 512  # sources times themes; Screener's two themes need about 120

    def __init__(self, *, variables: dict[str, str] | None = None) -> None:
        super().__init__(variables=variables)
        self._variables_key = frozenset(self._variables.items())

    @classmethod
    def like(cls, stylesheet: Stylesheet) -> KeptStylesheet:
        """A kept stylesheet with ``stylesheet``'s variables and sources."""
        kept = cls(variables=dict(stylesheet._variables))
        kept.source = stylesheet.source.copy()
        kept._require_parse = bool(kept.source)
        return kept

    def set_variables(self, variables: dict[str, str]) -> None:
        super().set_variables(variables)
        self._variables_key = frozenset(variables.items())

    def _parse_rules(
        self,
        css: str,
        read_from: CSSLocation,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        key = (css, read_from, is_default_rules, tie_breaker, scope, self._variables_key)
        rules = self.kept.get(key)
        if rules is None:
            rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
            if not any(rule.errors for rule in rules) and len(self.kept) < self.MAX_KEPT:
                self.kept[key] = rules
        return rules

    def reparse(self) -> None:
        # Textual's own reparse parses into a fresh plain Stylesheet (so that an error leaves this
        # one as it was), which would parse everything again; this does the same with a kept one.
        fresh = KeptStylesheet(variables=self._variables)
        for read_from, (css, is_defaults, tie_breaker, scope) in self.source.items():
            fresh.add_source(css, read_from=read_from, is_default_css=is_defaults, tie_breaker=tie_breaker, scope=scope)
        try:
            fresh.parse()
        except Exception:
            self._invalid_css.update(fresh._invalid_css)
            raise
        self._rules = fresh.rules
        self._rules_map = None
        self.source = fresh.source
        self._require_parse = False
