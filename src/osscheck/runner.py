"""What the ``check`` and ``notice`` commands and the pre-commit hook share: read the project's
configuration, run the check, write the output, turn the result into an exit code, and turn every
error into one line on stderr.

Kept apart from cli.py so that the pre-commit hook (hook.py) and a plain ``osscheck check``
(entry.py) run without importing click: loading click alone takes longer than a bare Python start.
"""

from __future__ import annotations

import sys
from pathlib import Path

from osscheck.errors import PREFIX, WARNING_PREFIX, OsscheckError, UsageError
from osscheck.messages import Message
from osscheck.options import CheckOptions, by_flag

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from osscheck.config import Config
    from osscheck.model import Inventory
    from osscheck.policy.model import Policy
    from osscheck.report import Report

# every flag of ``osscheck check``, for the parser without click below (options.CHECK)
_FLAGS = by_flag()


# The language of the error lines on stderr. guarded() only sees the exception, and an error can
# come before the configuration (which may set the language) is read: so the commands note here
# what they know as soon as they know it (set_error_language); None is "from the environment".
_error_lang: str | None = None


def set_error_language(explicit: str | None) -> None:
    """Error lines from now on in ``explicit`` (``--lang`` or the configuration), else LANG's."""
    from osscheck import i18n

    global _error_lang
    _error_lang = i18n.detect(explicit)


def error_line(error: OsscheckError, lang: str | None = None) -> str:
    """An ``osscheck: error: ...`` line in ``lang``, by default the one noted for this run."""
    lang = lang or _error_lang
    if lang is None:
        from osscheck import i18n

        lang = i18n.detect()
    return error.format(lang)  # what an input put into a message stays on this line, inert


def warn(error: OsscheckError) -> None:
    """``osscheck: warning: ...`` on stderr, in the run's language: the run goes on."""
    line = error_line(error)
    print(f"{WARNING_PREFIX}{line[len(PREFIX) :]}", file=sys.stderr)


class _NotUnderstood(Exception):
    """An argument the parser below leaves to click (or, for the hook, reports as a usage error)."""


def parse_check_args(argv: Sequence[str]) -> tuple[list[str], CheckOptions]:
    """Paths and options of ``check`` arguments; ``UsageError`` for anything else.

    Only the plain forms: ``--name value``, ``--name=value``, ``-x value``, flags one by one, and
    ``--`` before paths. A value that starts with ``-`` is refused rather than guessed at.
    """
    try:
        return _parse(argv)
    except _NotUnderstood as exc:
        raise UsageError(exc.args[0]) from None


def quick_check_args(argv: Sequence[str]) -> tuple[list[str], CheckOptions] | None:
    """As ``parse_check_args``, but ``None`` where click should decide (help, errors, odd forms)."""
    try:
        paths, options = _parse(argv)
    except _NotUnderstood:
        return None
    output = options.output
    if isinstance(output, str) and Path(output).is_dir():
        return None  # click's own message for a folder given as the output file
    return paths, options


def _parse(argv: Sequence[str]) -> tuple[list[str], CheckOptions]:
    options = CheckOptions()
    paths: list[str] = []
    args = iter(argv)
    for arg in args:
        if arg == "--":
            paths.extend(args)
            break
        name, equals, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        option, flag = _FLAGS.get(name, (None, None))
        if option is not None and flag is None:
            if not equals:
                value = next(args, "")
            if not value or value.startswith("-"):
                raise _NotUnderstood(Message("usage.option-needs-value", option=name))
            if option.choices and value not in option.choices:
                choices = ", ".join(option.choices)
                raise _NotUnderstood(
                    Message("usage.not-a-choice", option=name, choices=choices, value=repr(value))
                )
            setattr(options, option.name, value)
        elif option is not None and not equals:  # a switch takes no value
            setattr(options, option.name, flag)
        elif arg.startswith("-") and arg != "-":
            raise _NotUnderstood(Message("usage.no-such-option", option=arg))
        else:
            paths.append(arg)
    return paths, options


def check_command(paths: Sequence[str], options: CheckOptions, hook: bool = False) -> int:
    """``osscheck check``: the report in the format asked for, and the exit code.

    ``hook``: run as the pre-commit hook, which compares the lockfiles with HEAD's by default.
    """
    from osscheck import i18n, reports

    set_error_language(options.lang)
    fmt = options.fmt or "text"
    if fmt not in reports.FORMATS:
        raise UsageError(Message("usage.unknown-format", format=repr(fmt), known=", ".join(reports.FORMATS)))
    # the licences that changed since HEAD's lockfiles (osscheck.drift): git starts now, beside the
    # check (a configuration's drift = "off" only collects it)
    early = None
    if (hook and options.drift != "off") or options.drift in ("warn", "fail"):
        from osscheck import drift  # lazy: start-up

        early = drift.start(paths)
    report, config = configured_check(paths, options)
    mode = options.drift or ((config.drift or "warn") if hook else "off")
    if early is not None or mode != "off":
        from osscheck.drift import add_drift  # lazy: start-up

        add_drift(report, mode, lambda old: configured_check(paths, options, old)[0], early)
    if options.baseline or config.baseline:  # known findings: only new ones fail
        from osscheck.baseline.match import apply_configured  # lazy: start-up

        apply_configured(report, options.baseline, config)
    lang = i18n.detect(options.lang or config.lang)
    text = reports.render(report, fmt, lang=lang, verbose=bool(options.verbose), profile=options.profile)
    output = options.output
    write_output(text, Path(output) if output is not None else None)
    return exit_code(report, lang)


def guarded(action: Callable[[], int | None]) -> None:
    """Run ``action`` and exit with its code; every error leaves as one line and exit code 2.

    A bug, too: no traceback reaches a user (``OSSCHECK_DEBUG=1`` shows it to a developer).
    """
    import gc

    global _error_lang
    _error_lang = None  # not yet known (and not a previous run's, when called in-process)
    gc_enabled = gc.isenabled()
    gc.disable()  # a short-lived process without reference cycles to collect (see api.scan)
    try:
        code = action() or 0
    except OsscheckError as exc:
        print(error_line(exc), file=sys.stderr)
        code = exc.exit_code
    except KeyboardInterrupt:
        print(error_line(OsscheckError(Message("usage.interrupted"))), file=sys.stderr)
        code = 130
    except BrokenPipeError:  # the reader of our output went away (``| head``): nothing to report
        code = 0
    except Exception as exc:
        import os

        if os.environ.get("OSSCHECK_DEBUG"):
            raise
        print(
            error_line(
                OsscheckError(Message("usage.internal-error", problem=f"{type(exc).__name__}: {exc}"))
            ),
            file=sys.stderr,
        )
        code = 2
    finally:
        if gc_enabled:  # as api does: an in-process caller (a test, a notebook) keeps its collector
            gc.enable()
    sys.exit(code)


def configured_check(
    paths: Sequence[str], options: CheckOptions, inventory: Inventory | None = None
) -> tuple[Report, Config]:
    """Check ``paths`` with the options given, completed from the project's configuration.

    ``options.lang`` is the ``--lang`` given, if any: with the configuration's, it sets the
    language of the error lines from here on. ``inventory``: these inputs instead of reading
    ``paths`` (HEAD's version of a lockfile, for the drift check).
    """
    from osscheck import api
    from osscheck.config import find_config

    paths = list(paths) or ["."]
    first = Path(paths[0])
    config = find_config(first if first.is_dir() else first.parent if first.parent.is_dir() else Path("."))
    set_error_language(options.lang or config.lang)
    online = options.online
    if online is None and config.online:
        online = True  # ``online = false`` in the configuration keeps the quiet default
    from osscheck.enrich.settings import Settings

    settings = Settings.load(config)
    include_dev = options.include_dev
    policy: str | Policy | None = options.policy or config.policy
    if config.registers is not None:  # [tool.osscheck] registers: merged after the policy's own
        from osscheck.policy.loader import add_registers, load_policy

        where = (config.source or ".osscheck.toml", config.lines.get("registers"))
        loaded = load_policy(options.policy or config.policy, online=online is True)
        policy = add_registers(loaded, config.registers, config.base or Path("."), where, online is True)
    report = api.check(
        paths,
        policy=policy,
        outbound=options.outbound or config.outbound,
        fail_on=options.fail_on or config.fail_on or "denied",
        include_dev=include_dev if include_dev is not None else config.include_dev,
        exclude=[_relative_exclude(e, config.base, first) for e in config.exclude],
        online=online,
        enrich_settings=settings,
        cached_answers=online is None,  # the default: answers of earlier look-ups, if any
        inventory=inventory,
        reuse_lint=options.reuse_lint,
        run_reuse=bool(config.reuse),
        reuse_headers=config.reuse_headers,
    )
    return report, config


def _relative_exclude(pattern: str, base: Path | None, root: Path) -> str:
    # exclude patterns are relative to the configuration file's folder; discovery matches them
    # relative to the folder it searches
    if base is None or not root.is_dir():
        return pattern
    try:
        prefix = base.resolve().relative_to(root.resolve())
    except ValueError:
        return pattern
    return str(prefix / pattern) if str(prefix) != "." else pattern


def write_output(text: str, output: Path | None) -> None:
    """The report to stdout or a file. Text that cannot be encoded is replaced, never fatal."""
    data = text.encode("utf-8", "replace")
    if output is None:
        try:
            _write_stdout(data)
        except BrokenPipeError:
            raise
        except OSError as exc:  # a full disk, /dev/full: the report is lost, which is an error
            _silence_stdout()
            raise UsageError(
                Message("usage.cannot-write", problem=str(exc.strerror or exc)), "<stdout>"
            ) from None
        return
    try:
        output.write_bytes(data)
    except OSError as exc:
        raise UsageError(Message("usage.cannot-write", problem=str(exc.strerror or exc)), output) from None


def _write_stdout(data: bytes) -> None:
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:  # a replaced sys.stdout (tests, embedding): it takes text
        sys.stdout.write(data.decode("utf-8"))
    else:
        sys.stdout.flush()
        stream.write(data)
        stream.flush()


def _silence_stdout() -> None:
    # what is still buffered would fail again when Python flushes at exit, with a second message
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file descriptor (tests, embedding)
        pass


def exit_code(report: Report, lang: str = "en") -> int:
    """2 if an input could not be read (its error lines go to stderr, in ``lang``), else 1 if the
    check failed."""
    for error in report.errors:
        print(error_line(error, lang), file=sys.stderr)
    if report.errors:
        return 2
    return 1 if report.failed else 0
