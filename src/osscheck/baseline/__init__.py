"""The baseline of an existing project: its known findings, so that a check fails only on new ones.

An application that has dozens of findings on day one records them once (``osscheck baseline
write``); ``osscheck check --baseline FILE`` then reports each finding as known ("unchanged") or
new, fails only on new ones, and names the entries no finding matches any more ("absent"), so that
``osscheck baseline update`` can shrink the file. Growing it needs ``--allow-increase "reason"``,
recorded in the file with the date. A finding's key holds the licence: a known component that is
relicensed is new again, so the baseline never hides a relicensing.

``document`` reads and writes the file (``osscheck-baseline/1``), ``keys`` turns a finding into
its entry, ``match`` compares a report with a baseline, ``command`` holds ``write`` and ``update``.
Nothing here is loaded unless a baseline is asked for (the pre-commit hook's start-up).
"""

from __future__ import annotations

SCHEMA = "osscheck-baseline/1"
#: where ``osscheck baseline write`` puts it unless told otherwise (or the configuration names one)
DEFAULT_FILE = "osscheck-baseline.json"
