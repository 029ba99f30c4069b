"""The message catalogues: every user-facing text of osscheck, one module per language.

``en.MESSAGES`` and ``de.MESSAGES`` map a message code (see :mod:`osscheck.messages`) to its
template; ``de.LABELS`` maps a report word (a heading, a column label, a status), keyed by its
English text, to its German (English needs no table: the key is the text). A code is
``area.what``: ``input.*`` for reading inputs, ``policy.*``, ``config.*``, ``usage.*``,
``expression.*``, ``cache.*``, ``lookup.*`` for the online look-ups, ``note.*`` for the notes of
licence recognition, ``finding.*``, ``reason.*`` and ``hint.*`` for the judgement,
``rule.<id>.title|help|hint`` for the rule registry, ``category.*``, ``verdict.*``,
``obligation.*``, ``csv.*`` and ``html.*`` for the reports. tests/test_catalogue.py checks that
both catalogues hold the same codes with the same fields, that every code the source uses is in
them, and that one English text has one German wording.
"""
