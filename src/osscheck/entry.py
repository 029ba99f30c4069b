"""The ``osscheck`` command's entry point.

A plain ``osscheck check [OPTIONS] [PATHS]`` (the merge gate's and the pre-commit hook's call) runs
without loading click, whose import alone takes longer than a bare Python start; the options are
read by runner.quick_check_args; both it and cli.check are built from the table in options.py, so
they know the same options. Everything else
(other commands, ``--help``, any argument that parser does not fully understand, and every usage
error) goes to the click command line in cli.py, so messages and help stay click's.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] == "check":
        from osscheck import runner

        parsed = runner.quick_check_args(args[1:])
        if parsed is not None:
            runner.guarded(lambda: runner.check_command(*parsed))
    from osscheck.cli import main as click_main  # lazy: start-up

    click_main(argv)


if __name__ == "__main__":  # pragma: no cover
    main()
