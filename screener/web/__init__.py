"""``screener room``: a training room in plain web pages, for trainees' own phones and laptops.

A face like the TUI and plain mode: it plays rounds through the UI-free training
core (``screener.training.round``, ``room``, ``debrief``) and renders HTML forms
with no script. ``guard`` decides who may ask what, ``rounds`` holds the rounds
being played, ``pages`` writes the HTML and ``app`` serves it (aiohttp, which
the serve extra brings; serve's Host and Origin guard is reused as it stands).
"""
