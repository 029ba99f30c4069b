"""The pre-commit entry point: ``osscheck-hook [OPTIONS] FILE...``.

pre-commit runs this on every commit that touches a manifest, lockfile or SBOM, so it must feel
instant: it reads the options of ``osscheck check`` (the table options.CHECK) by hand instead of
importing click (see runner.parse_check_args): -p/--policy NAME|FILE, -f/--format, -o/--output FILE,
--outbound EXPRESSION, --fail-on denied|review|never, --include-dev / --no-include-dev,
--lang en|de, --online / --offline, -v / --verbose, --drift warn|fail|off. Anything else is a
usage error. Unlike ``osscheck check``, it compares each lockfile and manifest with HEAD's version
and names the components whose licence changed (osscheck.drift; ``drift`` in [tool.osscheck]).
"""

from __future__ import annotations

import sys

from osscheck import runner


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    runner.guarded(lambda: runner.check_command(*runner.parse_check_args(args), hook=True))


if __name__ == "__main__":  # pragma: no cover
    main()
