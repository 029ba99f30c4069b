"""The command line: parse options, call the API, pick a formatter. Nothing else lives here.

Every error leaves as one line ``osscheck: error: ...`` on stderr with exit code 2; policy findings
at or above ``--fail-on`` give exit code 1.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from osscheck import __version__
from osscheck.errors import OsscheckError, UsageError

if TYPE_CHECKING:
    from osscheck.config import Config
    from osscheck.enrich.settings import Settings as EnrichSettings

FAIL_ON = ("denied", "review", "never")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="osscheck")
def cli() -> None:
    """Licence compliance for public administrations: check SBOMs and manifests against a policy."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "-p", "--policy", "policy", metavar="NAME|FILE", help="Built-in policy name or a TOML policy file."
)
@click.option(
    "-f",
    "--format",
    "fmt",
    default="text",
    show_default=True,
    help="Report format: text, json, sarif, junit, gitlab, markdown, csv, html, cyclonedx, spdx, notice.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the report here."
)
@click.option("--outbound", metavar="EXPRESSION", help="The licence the project is published under.")
@click.option(
    "--fail-on", type=click.Choice(FAIL_ON), help="Exit 1 at findings of this level or worse [denied]."
)
@click.option("--include-dev/--no-include-dev", default=None, help="Judge development-only dependencies too.")
@click.option("--lang", type=click.Choice(("en", "de")), help="Language of the report (default: from LANG).")
@click.option(
    "--online/--offline",
    default=None,
    help="Look up unknown licences (deps.dev, ClearlyDefined, PyPI, npm; cached), or answer "
    "them from the cache alone. Without either, nothing is looked up.",
)
@click.option("-v", "--verbose", is_flag=True, help="List allowed components too.")
def check(
    paths: tuple[str, ...],
    policy: str | None,
    fmt: str,
    output: Path | None,
    outbound: str | None,
    fail_on: str | None,
    include_dev: bool | None,
    lang: str | None,
    online: bool | None,
    verbose: bool,
) -> None:
    """Check licences of the components in PATHS (default: the current folder)."""
    from osscheck import api, i18n, reports
    from osscheck.config import find_config

    paths = paths or (".",)
    first = Path(paths[0])
    config = find_config(first if first.is_dir() else first.parent if first.parent.is_dir() else Path("."))
    if fmt not in reports.FORMATS:
        raise UsageError(f"unknown format {fmt!r} (known: {', '.join(reports.FORMATS)})")
    fail = fail_on or config.fail_on or "denied"
    report = api.check(
        paths,
        policy=policy or config.policy,
        outbound=outbound or config.outbound,
        fail_on=fail,
        include_dev=include_dev if include_dev is not None else config.include_dev,
        exclude=[_relative_exclude(e, config.base, first) for e in config.exclude],
        online=online if online is not None else (True if config.online else None),
        enrich_settings=_enrich_settings(config, online),
    )
    text = reports.render(report, fmt, lang=i18n.detect(lang or config.lang), verbose=verbose)
    _write(text, output)
    for line in report.errors:
        click.echo(line, err=True)
    if report.errors:
        sys.exit(2)
    sys.exit(1 if report.failed else 0)


def _enrich_settings(config: Config, online: bool | None) -> EnrichSettings | None:
    if online is None and not config.online:
        return None  # nothing is looked up: do not even read the enrichment settings
    from osscheck.enrich.settings import Settings

    return Settings.load(config)


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


def _write(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write the report: {exc.strerror or exc}", output) from None


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "-p", "--policy", "policy", metavar="NAME|FILE", help="Built-in policy name or a TOML policy file."
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the notice here."
)
@click.option("--outbound", metavar="EXPRESSION", help="The licence the project is published under.")
@click.option("--lang", type=click.Choice(("en", "de")), help="Language of the notice (default: from LANG).")
@click.option(
    "--online/--offline", default=None, help="Look up unknown licences, or answer them from the cache alone."
)
def notice(
    paths: tuple[str, ...],
    policy: str | None,
    output: Path | None,
    outbound: str | None,
    lang: str | None,
    online: bool | None,
) -> None:
    """Write the third-party notice (copyrights, licence texts, obligations) for publishing PATHS."""
    from osscheck import api, i18n
    from osscheck.config import find_config
    from osscheck.reports import notice_text

    paths = paths or (".",)
    first = Path(paths[0])
    config = find_config(first if first.is_dir() else first.parent if first.parent.is_dir() else Path("."))
    report = api.check(
        paths,
        policy=policy or config.policy,
        outbound=outbound or config.outbound,
        fail_on="never",
        include_dev=config.include_dev,
        exclude=[_relative_exclude(e, config.base, first) for e in config.exclude],
        online=online if online is not None else (True if config.online else None),
        enrich_settings=_enrich_settings(config, online),
    )
    _write(notice_text.render(report, lang=i18n.detect(lang or config.lang)), output)
    for line in report.errors:
        click.echo(line, err=True)
    if report.errors:
        sys.exit(2)


@cli.command()
@click.argument("expression")
@click.option(
    "-p", "--policy", "policy", metavar="NAME|FILE", help="Built-in policy name or a TOML policy file."
)
@click.option("--outbound", metavar="EXPRESSION", help="The licence the project is published under.")
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.option("--lang", type=click.Choice(("en", "de")), help="Language of the explanation.")
def explain(expression: str, policy: str | None, outbound: str | None, fmt: str, lang: str | None) -> None:
    """Explain the verdict on a licence EXPRESSION: each licence, and which OR branch is chosen."""
    from osscheck import explain as explaining
    from osscheck import i18n

    result = explaining.explain(expression, policy, outbound)
    if fmt == "json":
        import json

        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(explaining.render_text(result, i18n.detect(lang)), nl=False)


@cli.command()
@click.argument("texts", nargs=-1, required=True)
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
def normalize(texts: tuple[str, ...], fmt: str) -> None:
    """Turn messy licence TEXTS (names, classifiers, URLs) into SPDX expressions."""
    from osscheck.licenses.normalize import normalize as normalize_text

    results = [(t, normalize_text(t, "name")) for t in texts]
    if fmt == "json":
        import json

        doc = [
            {"input": t, "license": n.license, "method": n.method, "confidence": n.confidence}
            for t, n in results
        ]
        click.echo(json.dumps(doc, indent=2, ensure_ascii=False))
        return
    for text, n in results:
        why = f"\t{'; '.join(n.notes)}" if n.notes else ""  # why it is unknown, or what was corrected
        click.echo(f"{text}\t{n.license or 'unknown'}\t{n.method}\t{n.confidence:.2f}{why}")


@cli.group()
def policy() -> None:
    """List, show and validate licence policies."""


@policy.command("list")
def policy_list() -> None:
    """The built-in policies."""
    from osscheck.policy import DEFAULT_POLICY, builtin_names, load_policy

    for name in builtin_names():
        p = load_policy(name)
        mark = " (default)" if name == DEFAULT_POLICY else ""
        click.echo(f"{name:<16} {p.title}{mark}")


@policy.command("show")
@click.argument("name")
def policy_show(name: str) -> None:
    """Show a policy (built-in NAME or FILE) after resolving ``extends``."""
    from osscheck.policy import load_policy
    from osscheck.policy.show import render

    click.echo(render(load_policy(name)), nl=False)


@policy.command("validate")
@click.argument("file", type=click.Path(path_type=str))
def policy_validate(file: str) -> None:
    """Check a policy FILE; exit 2 with FILE:LINE and the problem if it is wrong."""
    from osscheck.policy import load_policy

    p = load_policy(file)
    click.echo(f"{file}: valid policy {p.name!r} ({len(p.exceptions)} exceptions)")


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the command line, turning every error into one line and exit code 2."""
    try:
        cli.main(args=argv, prog_name="osscheck", standalone_mode=False)
    except OsscheckError as exc:
        click.echo(exc.format(), err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("osscheck: error: aborted", err=True)
        sys.exit(2)
    except click.ClickException as exc:
        click.echo(f"osscheck: error: {exc.format_message()}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("osscheck: error: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # a bug: still one line for the user; OSSCHECK_DEBUG=1 shows the traceback
        import os

        if os.environ.get("OSSCHECK_DEBUG"):
            raise
        click.echo(
            f"osscheck: error: internal error ({type(exc).__name__}: {exc}); please report it", err=True
        )
        sys.exit(2)
    sys.exit(0)


if __name__ == "__main__":  # pragma: no cover
    main()
