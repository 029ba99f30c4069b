"""Progress on stderr for runs that take more than a moment: nothing at all unless stderr is a
terminal, and nothing before ``delay`` seconds, so pre-commit runs, pipes and CI logs stay clean.

with Progress(len(targets), "reading") as progress:
    for target in targets:
        progress.step(str(target))
        ...
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

#: seconds before the first line appears; a quick run never shows one
DELAY = 0.5
#: seconds between redraws, so drawing never costs more than the work it reports
INTERVAL = 0.1


class Progress:
    def __init__(
        self,
        total: int,
        label: str,
        stream: TextIO | None = None,
        delay: float = DELAY,
        clock=time.monotonic,  # type: ignore[no-untyped-def]
    ) -> None:
        self.total = total
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.delay = delay
        self.clock = clock
        self.done = 0
        self.enabled = _is_terminal(self.stream) and os.environ.get("OSSCHECK_NO_PROGRESS") is None
        self._start = clock()
        self._drawn_at: float | None = None
        self._width = 0

    def step(self, note: str = "") -> None:
        """One more item begins (``note`` names it); redraw if it is time to."""
        self.done += 1
        if not self.enabled:
            return
        now = self.clock()
        if now - self._start < self.delay:
            return
        if self._drawn_at is not None and now - self._drawn_at < INTERVAL and self.done < self.total:
            return
        self._draw(note)
        self._drawn_at = now

    def close(self) -> None:
        """Clear the line, so that the report or the next message starts clean."""
        if self.enabled and self._drawn_at is not None:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._drawn_at = None

    def _draw(self, note: str) -> None:
        columns = _columns()
        text = f"osscheck: {self.label} {self.done}/{self.total}"
        if note:
            room = columns - len(text) - 3
            if room > 10:
                text += f"  {note if len(note) <= room else '…' + note[-(room - 1) :]}"
        text = text[: columns - 1]
        pad = max(self._width - len(text), 0)
        self.stream.write("\r" + text + " " * pad)
        self.stream.flush()
        self._width = len(text)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or replaced streams
        return False


def _columns() -> int:
    try:
        return os.get_terminal_size(sys.stderr.fileno()).columns
    except (OSError, ValueError, AttributeError):
        return 80
