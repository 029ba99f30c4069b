"""Progress on stderr for runs that take more than a moment: nothing at all unless stderr is a
terminal, and nothing before ``delay`` seconds, so pre-commit runs, pipes and CI logs stay clean.

with Progress(len(targets), "reading") as progress:
    for target in targets:
        progress.step(str(target))
        ...

A single large input is one long step; a timer redraws the line while it lasts (with the seconds
elapsed), so the user sees that the run is alive. The timer thread exists only on a terminal.
"""

from __future__ import annotations

import os
import sys
import time

from osscheck.errors import printable

TYPE_CHECKING = False
if TYPE_CHECKING:
    import threading
    from collections.abc import Callable
    from typing import Any, TextIO

#: seconds before the first line appears; a quick run never shows one
DELAY = 0.5
#: seconds between redraws, so drawing never costs more than the work it reports
INTERVAL = 0.1
#: seconds between redraws by the timer during one long step
TICK = 1.0


class Progress:
    def __init__(
        self,
        total: int,
        label: str,
        stream: TextIO | None = None,
        delay: float = DELAY,
        clock: Callable[[], float] = time.monotonic,
        ticking: bool = True,
    ) -> None:
        self.total = total
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.delay = delay
        self.clock = clock
        self.done = 0
        self.note = ""
        self.enabled = _is_terminal(self.stream) and os.environ.get("OSSCHECK_NO_PROGRESS") is None
        self._start = clock()
        self._drawn_at: float | None = None
        self._width = 0
        self._closed = False
        self._lock = None
        self._timer: threading.Timer | None = None
        if self.enabled and ticking:
            import threading  # lazy: start-up

            self._lock = threading.Lock()
            self._arm(delay)

    def step(self, note: str = "") -> None:
        """One more item begins (``note`` names it); redraw if it is time to."""
        self.done += 1
        self.note = note
        if not self.enabled:
            return
        now = self.clock()
        if now - self._start < self.delay:
            return
        if self._drawn_at is not None and now - self._drawn_at < INTERVAL and self.done < self.total:
            return
        self._draw(now)

    def close(self) -> None:
        """Clear the line, so that the report or the next message starts clean."""
        self._closed = True
        if self._timer is not None:
            self._timer.cancel()
        if not self.enabled:
            return
        with _Held(self._lock):
            if self._drawn_at is not None:
                self.stream.write("\r" + " " * self._width + "\r")
                self.stream.flush()
                self._drawn_at = None

    def _arm(self, after: float) -> None:
        import threading  # lazy: start-up

        self._timer = threading.Timer(after, self._tick)
        self._timer.daemon = True
        self._timer.start()

    def _tick(self) -> None:
        if self._closed:
            return
        self._draw(self.clock(), elapsed=True)
        if not self._closed:
            self._arm(TICK)

    def _draw(self, now: float, elapsed: bool = False) -> None:
        with _Held(self._lock):
            if self._closed:
                return
            columns = _columns()
            text = f"osscheck: {self.label} {self.done}/{self.total}"
            if elapsed and now - self._start >= 1:
                text += f" ({now - self._start:.0f} s)"
            note = printable(self.note) if self.note else self.note  # a file name from the input
            if note:
                room = columns - len(text) - 3
                if room > 10:
                    text += f"  {note if len(note) <= room else '…' + note[-(room - 1) :]}"
            text = text[: columns - 1]
            pad = max(self._width - len(text), 0)
            self.stream.write("\r" + text + " " * pad)
            self.stream.flush()
            self._width = len(text)
            self._drawn_at = now

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Held:
    """``with`` on an optional lock (no lock when there is no timer thread)."""

    def __init__(self, lock: Any) -> None:
        self.lock = lock

    def __enter__(self) -> None:
        if self.lock is not None:
            self.lock.acquire()

    def __exit__(self, *exc: object) -> None:
        if self.lock is not None:
            self.lock.release()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or replaced streams
        return False


def _columns() -> int:
    try:
        columns = os.get_terminal_size(sys.stderr.fileno()).columns
    except (OSError, ValueError, AttributeError):
        return 80
    return columns if columns >= 20 else 80  # a pseudo-terminal without a size says 0
