"""Rule cases: a case, its screening date and the outcomes the engine should give for it.

One format, two users: the rule tables (``tests/rules/*.yaml``, run by ``screener
test DIR`` and by pytest, one item a case) and each training scenario's answer key
(``expect:``). ``model`` holds the validated models, ``check`` reads a rule file
with the project's safe YAML reader and says, at the file's own lines, which
expected outcome the engine does not give.
"""
