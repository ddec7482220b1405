"""Area files: an area's own contacts, local notes and settled facts, kept apart from the pack.

The contract is ``shared/spec/area-file.md``. The package is in four parts, each
imported by name (this file imports none of them, so the engine, which takes an
area as data, loads only the model):

- ``model``: the file's pydantic model (extra keys forbidden) and ``Area``, a
  checked file. ``Area.settle``: a fact the area settles for the screening date
  fills an answer the practitioner left not known; a yes or no given in the case
  always wins, and each settled fact carries a marker the summary shows ("from
  the area file (NAME, checked DATE)").
- ``read``: the project's careful YAML reader, the model, then cross-checks
  against the pack; every problem is reported at once as ``file:line: message``.
- ``default``: the default area (one per machine) is the file named in
  ``SCREENER_AREA``, or else in ``$XDG_CONFIG_HOME/screener/area``
  (``~/.config/screener/area``), which ``screener area use FILE`` writes.
- ``show``: what the pages say about an area, and the template ``screener area new`` writes.

Contacts and local notes reach the summary in the engine's last step,
``screener.engine.attach``.
"""
