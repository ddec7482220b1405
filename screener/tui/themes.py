"""The app's colours: a standard dark theme with every pair at 4.5:1 or better, a high-contrast one,
and the styles Rich uses for the summary's Markdown."""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="screener-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffffff",
    warning="#ffff00",
    error="#ff6060",
    success="#00ff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    boost="#000000",
    dark=True,
    luminosity_spread=0.0,
    text_alpha=1.0,
    variables={
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#ffff00",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-foreground": "#000000",
        "block-cursor-blurred-background": "#c0c0c0",
        "footer-key-foreground": "#ffff00",
        "footer-description-foreground": "#ffffff",
        "footer-background": "#000000",
        "input-cursor-background": "#ffff00",
        "input-cursor-foreground": "#000000",
        "input-selection-background": "#ffff00 50%",
        "border": "#ffffff",
        "border-blurred": "#c0c0c0",
        "scrollbar": "#ffffff",
        "text-muted": "#ffffff",
        "markdown-h1-color": "#ffff00",
        "markdown-h2-color": "#ffff00",
        "markdown-h3-color": "#ffff00",
    },
)
# Textual's dark theme with the pairs it draws below 4.5:1 put right: the highlighted line, the
# primary button and error text (tests/test_tui_contrast.py measures every pair on screen).
STANDARD = Theme(
    name="screener-dark",
    primary="#005a9e",
    secondary="#004578",
    accent="#ffa62b",
    warning="#ffa62b",
    error="#ff6b81",
    success="#4EBF71",
    foreground="#e0e0e0",
    dark=True,
    variables={
        "block-cursor-foreground": "#ffffff",
        "block-cursor-background": "#005a9e",
        "block-cursor-blurred-foreground": "#ffffff",
        "block-cursor-blurred-background": "#2e4a62",
        "footer-key-foreground": "#ffb454",
    },
)
DEFAULT_THEME = STANDARD.name
MARKDOWN_STYLES = {
    "markdown.block_quote": "italic",
    "markdown.h1": "bold underline",
    "markdown.h1.border": "bold",
    "markdown.h2": "bold underline",
    "markdown.h3": "bold",
    "markdown.code": "bold",
    "markdown.link": "underline",
}
