"""The justification register as the commands keep it: ``osscheck exception add | list | approve |
reject | verify``.

The commands work on the TOML text of a register file (a policy file or a register file of its own),
so that an edit changes only the entry it is about: every other byte, comments included, stays as
it was, and a review of the change in a merge request shows just that entry.
"""
