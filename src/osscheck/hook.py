"""The pre-commit entry point: ``osscheck-hook [OPTIONS] FILE...``.

pre-commit runs this on every commit that touches a manifest, lockfile or SBOM, so it must feel
instant: it reads its few options by hand instead of importing click, and prints the text report.
Options: --policy NAME|FILE, --outbound EXPRESSION, --fail-on denied|review|never,
--include-dev / --no-include-dev, --lang en|de, --online / --offline, -v / --verbose.
"""

from __future__ import annotations

import sys

from osscheck.errors import OsscheckError, UsageError

_VALUED = {
    "-p": "policy",
    "--policy": "policy",
    "--outbound": "outbound",
    "--fail-on": "fail_on",
    "--lang": "lang",
}
_FLAGS = {
    "--include-dev": ("include_dev", True),
    "--no-include-dev": ("include_dev", False),
    "--online": ("online", True),
    "--offline": ("online", False),
    "-v": ("verbose", True),
    "--verbose": ("verbose", True),
}
_CHOICES = {"fail_on": ("denied", "review", "never"), "lang": ("en", "de")}


def parse_args(argv: list[str]) -> tuple[list[str], dict[str, object]]:
    options: dict[str, object] = {}
    paths: list[str] = []
    args = iter(argv)
    for arg in args:
        if arg == "--":
            paths.extend(args)
            break
        name, _, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name in _VALUED:
            key = _VALUED[name]
            if not value:
                value = next(args, "")
            if not value:
                raise UsageError(f"option {name} needs a value")
            if key in _CHOICES and value not in _CHOICES[key]:
                raise UsageError(f"{name} must be one of {', '.join(_CHOICES[key])}, not {value!r}")
            options[key] = value
        elif arg in _FLAGS:
            key, flag = _FLAGS[arg]
            options[key] = flag
        elif arg.startswith("-") and arg != "-":
            raise UsageError(f"no such option: {arg}")
        else:
            paths.append(arg)
    return paths, options


def main(argv: list[str] | None = None) -> None:
    import gc

    gc.disable()  # a short-lived process without reference cycles to collect (see api.scan)
    try:
        paths, options = parse_args(sys.argv[1:] if argv is None else argv)
        from osscheck import i18n, runner
        from osscheck.reports import render

        report, config = runner.configured_check(
            paths,
            policy=options.get("policy"),  # type: ignore[arg-type]
            outbound=options.get("outbound"),  # type: ignore[arg-type]
            fail_on=options.get("fail_on"),  # type: ignore[arg-type]
            include_dev=options.get("include_dev"),  # type: ignore[arg-type]
            online=options.get("online"),  # type: ignore[arg-type]
        )
        lang = i18n.detect(options.get("lang") or config.lang)  # type: ignore[arg-type]
        runner.write_output(render(report, "text", lang=lang, verbose=bool(options.get("verbose"))), None)
        sys.exit(runner.exit_code(report))
    except OsscheckError as exc:
        print(exc.format(), file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print("osscheck: error: interrupted", file=sys.stderr)
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
