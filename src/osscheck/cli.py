"""The command line: parse options, call the API, pick a formatter. Nothing else lives here.

Every error leaves as one line ``osscheck: error: ...`` on stderr with exit code 2; policy findings
at or above ``--fail-on`` give exit code 1.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from osscheck import __version__
from osscheck.errors import printable, printable_lines
from osscheck.options import CHECK, CHOICE, FILE, FLAG, CheckOptions, Option

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any, TypeVar

    F = TypeVar("F", bound=Callable[..., Any])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="osscheck")
def cli() -> None:
    """Licence compliance for public administrations: check SBOMs and manifests against a policy."""


def _click_option(option: Option, help: str | None = None) -> Callable[[F], F]:
    """The click option for an entry of the option table (options.CHECK)."""
    flags = list(option.flags)
    settings: dict[str, Any] = {"help": option.help if help is None else help}
    if option.kind == FLAG and option.off:
        flags = [f"{on}/{off}" for on, off in zip(option.flags, option.off, strict=True)]
        settings["default"] = None  # neither given: the configuration's, else the default
    elif option.kind == FLAG:
        settings["is_flag"] = True
    elif option.kind == CHOICE:
        settings["type"] = click.Choice(option.choices)
    elif option.kind == FILE:
        settings["type"] = click.Path(dir_okay=False, path_type=Path)
    if option.metavar:
        settings["metavar"] = option.metavar
    if option.default is not None:
        settings.update(default=option.default, show_default=True)
    return click.option(option.name, *flags, **settings)


def _options(names: Sequence[str], helps: dict[str, str] | None = None) -> Callable[[F], F]:
    """The click options of the table's entries ``names`` (all of ``check``'s by default), in order."""
    chosen = [o for o in CHECK if o.name in names]

    def decorate(command: F) -> F:
        for option in reversed(chosen):  # click lists the last decorator applied first
            command = _click_option(option, (helps or {}).get(option.name))(command)
        return command

    return decorate


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@_options([o.name for o in CHECK])
def check(paths: tuple[str, ...], **given: Any) -> None:
    """Check licences of the components in PATHS (default: the current folder)."""
    from osscheck import runner

    sys.exit(runner.check_command(paths, CheckOptions(**given)))


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@_options(
    ("policy", "output", "outbound", "lang", "online"),
    {
        "output": "Write the notice here.",
        "lang": "Language of the notice (default: from LANG).",
        "online": "Look up unknown licences, or answer them from the cache alone.",
    },
)
def notice(paths: tuple[str, ...], **given: Any) -> None:
    """Write the third-party notice (copyrights, licence texts, obligations) for publishing PATHS."""
    from osscheck import i18n, runner
    from osscheck.reports import notice_text  # lazy: start-up

    options = CheckOptions(fail_on="never", **given)
    runner.set_error_language(options.lang)
    report, config = runner.configured_check(paths, options)
    language = i18n.detect(options.lang or config.lang)
    output = Path(options.output) if options.output is not None else None
    runner.write_output(notice_text.render(report, lang=language), output)
    code = runner.exit_code(report, language)
    if code == 2:
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
    from osscheck import explain as explaining  # lazy: start-up
    from osscheck import i18n, runner

    runner.set_error_language(lang)
    result = explaining.explain(expression, policy, outbound)
    if fmt == "json":
        import json

        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(printable_lines(explaining.render_text(result, i18n.detect(lang))), nl=False)


@cli.command()
@click.argument("texts", nargs=-1, required=True)
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.option("--lang", type=click.Choice(("en", "de")), help="Language of the notes (default: from LANG).")
def normalize(texts: tuple[str, ...], fmt: str, lang: str | None) -> None:
    """Turn messy licence TEXTS (names, classifiers, URLs) into SPDX expressions."""
    from osscheck.licenses.normalize import normalize as normalize_text  # lazy: start-up

    results = [(t, normalize_text(t, "name")) for t in texts]
    if fmt == "json":
        import json

        doc = [
            {"input": t, "license": n.license, "method": n.method, "confidence": n.confidence}
            for t, n in results
        ]
        click.echo(json.dumps(doc, indent=2, ensure_ascii=False))
        return
    from osscheck import i18n
    from osscheck.messages import render

    language = i18n.detect(lang)
    for text, n in results:
        notes = "; ".join(render(note, language) for note in n.notes)  # why unknown, or what was corrected
        why = f"\t{printable(notes)}" if n.notes else ""
        click.echo(f"{printable(text)}\t{n.license or 'unknown'}\t{n.method}\t{n.confidence:.2f}{why}")


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
    from osscheck.policy.show import render  # lazy: start-up

    click.echo(printable_lines(render(load_policy(name))), nl=False)


@policy.command("validate")
@click.argument("file", type=click.Path(path_type=str))
def policy_validate(file: str) -> None:
    """Check a policy FILE; exit 2 with FILE:LINE and the problem if it is wrong."""
    from osscheck.policy import load_policy

    p = load_policy(file)
    click.echo(printable(f"{file}: valid policy {p.name!r} ({len(p.exceptions)} exceptions)"))


@cli.group()
def baseline() -> None:
    """Known findings of an existing project: check --baseline FILE then fails only on new ones."""


_BASELINE_OPTIONS = ("policy", "output", "outbound", "include_dev", "lang")
_BASELINE_HELP = {
    "output": "The baseline file [osscheck-baseline.json, or the configuration's baseline].",
    "lang": "Language of the messages (default: from LANG).",
}


@baseline.command("write")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@_options(_BASELINE_OPTIONS, _BASELINE_HELP)
def baseline_write(paths: tuple[str, ...], output: Path | None, **given: Any) -> None:
    """Record the problem findings of PATHS (default: the current folder) in a new baseline."""
    from osscheck.baseline import command  # lazy: start-up

    sys.exit(command.write(paths, CheckOptions(**given), output))


@baseline.command("update")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@_options(_BASELINE_OPTIONS, _BASELINE_HELP)
@click.option(
    "--allow-increase", metavar="REASON", help="Add new findings too, recording the reason and the date."
)
def baseline_update(
    paths: tuple[str, ...], output: Path | None, allow_increase: str | None, **given: Any
) -> None:
    """Drop the entries no finding matches any more; refuse new findings unless --allow-increase."""
    from osscheck.baseline import command  # lazy: start-up

    sys.exit(command.update(paths, CheckOptions(**given), output, allow_increase))


@cli.group()
def exception() -> None:
    """The justification register: request, list, approve or reject exceptions, verify approvals."""


_REGISTER = click.option(
    "--register",
    type=click.Path(dir_okay=False, path_type=str),
    help="The register file [the configuration's first register, else its policy file].",
)
_LANG = click.option("--lang", type=click.Choice(("en", "de")), help="Language (default: from LANG).")


@exception.command("add")
@click.argument("purl")
@click.option(
    "--license", "license_", required=True, metavar="EXPRESSION", help="The licence it is accepted under."
)
@click.option("--justification", required=True, help="Why the component is needed.")
@click.option(
    "--basis",
    required=True,
    type=click.Choice(("technical", "financial", "organisational")),
    help="The kind of reason (DIN SPEC 66336 5.10.1).",
)
@click.option("--expires", metavar="YYYY-MM-DD", help="Until when the exception applies.")
@click.option("--alternatives", help="What was considered instead.")
@click.option("--exit-strategy", help="How the component will be replaced.")
@click.option("--exit-by", metavar="YYYY-MM-DD", help="By when it will be replaced.")
@click.option("--requested-by", metavar="WHO", help="Who asks for the exception.")
@click.option("--reference", help="A file number, ticket or decision that records it.")
@click.option("--scope", multiple=True, help="A project or path (glob) it covers; repeat for more.")
@_REGISTER
@_LANG
def exception_add(purl: str, license_: str, **given: Any) -> None:
    """Request an exception for PURL: appended to the register with status requested."""
    from osscheck.register import command  # lazy: start-up

    sys.exit(command.add(purl, license_, **given))


@exception.command("list")
@click.option(
    "--register",
    "registers",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=str),
    help="A register file; repeat for more [the policy's and the configuration's registers].",
)
@click.option("--expiring", metavar="DAYS", help="Only entries expiring within DAYS (90d).")
@click.option("--expired", is_flag=True, help="Only expired entries.")
@click.option("--pending", is_flag=True, help="Only requested entries not decided yet.")
@click.option(
    "-f", "--format", "fmt", type=click.Choice(("text", "csv", "json")), default="text", show_default=True
)
@_LANG
def exception_list(**given: Any) -> None:
    """The merged register: id, file:line, what each entry covers, its status and expiry."""
    from osscheck.register import listing  # lazy: start-up

    sys.exit(listing.command(**given))


def _decision(status: str) -> Callable[..., None]:
    def decide(exception_id: str, by: str, on: str | None, register: str | None, lang: str | None) -> None:
        from osscheck.register import command  # lazy: start-up

        sys.exit(command.decide(exception_id, by, status, on, register, lang))

    decide = click.option("--on", metavar="YYYY-MM-DD", help="The day of the decision [today].")(decide)
    decide = click.option("--by", required=True, metavar="WHO", help="Who decides.")(decide)
    decide = _LANG(_REGISTER(decide))
    return click.argument("exception_id", metavar="ID")(decide)


exception.command("approve", help="Approve the requested exception ID (its id, or FILE:LINE).")(
    _decision("approved")
)
exception.command("reject", help="Reject the requested exception ID (its id, or FILE:LINE).")(
    _decision("rejected")
)


@exception.command("verify")
@_REGISTER
@_LANG
def exception_verify(register: str | None, lang: str | None) -> None:
    """Read the register's git history and report approvals committed by their requester."""
    from osscheck.register import history  # lazy: start-up

    sys.exit(history.verify(register, lang))


class _EvidenceCommand(click.Command):
    """``evidence [PATH...]``; ``evidence verify DIR``: a first argument ``verify`` is the subcommand."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args[:1] == ["verify"]:
            # named from the root, so that its usage line is ``osscheck evidence verify``, not that
            # with the bundle command's own arguments in between
            verify = evidence_verify.make_context("evidence verify", args[1:], parent=ctx.parent)
            ctx.meta["evidence.verify"] = verify
            return super().parse_args(ctx, [])
        return super().parse_args(ctx, args)


@click.command("evidence", cls=_EvidenceCommand, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@_options(("policy", "outbound", "include_dev", "lang"), {"lang": "Language of the notice and messages."})
@click.option("--release", metavar="NAME", help="The release the evidence is for, e.g. v1.4.0.")
@click.option(
    "-o", "--output", "folder", type=click.Path(path_type=Path), help="The bundle's folder (new or empty)."
)
@click.option("--sign", "sign", metavar="ssh:KEYFILE|gpg:KEYID", help="Sign manifest.json (offline).")
@click.pass_context
def evidence(
    ctx: click.Context,
    paths: tuple[str, ...],
    release: str | None,
    folder: Path | None,
    sign: str | None,
    **given: Any,
) -> None:
    """Write the audit evidence bundle of a release (reports, SBOMs, notice, policy, register, inputs,
    manifest); 'evidence verify DIR' checks one."""
    sub = ctx.meta.get("evidence.verify")
    if sub is not None:
        with sub:
            evidence_verify.invoke(sub)
        return
    if release is None or folder is None:
        from osscheck.errors import UsageError
        from osscheck.messages import Message

        raise UsageError(Message("evidence.needs-release"))
    from osscheck.evidence import bundle  # lazy: start-up

    sys.exit(bundle.command(paths, CheckOptions(**given), release, folder, sign))


@click.command("verify")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--allowed-signers",
    type=click.Path(dir_okay=False, path_type=Path),
    help="ssh-keygen's allowed signers file, for an SSH signature.",
)
@click.option("--lang", type=click.Choice(("en", "de")), help="Language (default: from LANG).")
def evidence_verify(folder: Path, allowed_signers: Path | None, lang: str | None) -> None:
    """Recompute every digest of the bundle FOLDER, check its signature, re-run its check: 0 if the same."""
    from osscheck.evidence import verify  # lazy: start-up

    sys.exit(verify.command(folder, allowed_signers, lang))


cli.add_command(evidence)


class _PortfolioCommand(click.Command):
    """``portfolio REPORT...``; ``portfolio history DB``: a first argument ``history`` is the subcommand."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args[:1] == ["history"]:
            # named from the root: its usage line is ``osscheck portfolio history`` (see evidence)
            history = portfolio_history.make_context("portfolio history", args[1:], parent=ctx.parent)
            ctx.meta["portfolio.history"] = history
            return super().parse_args(ctx, [])
        return super().parse_args(ctx, args)


@click.command(cls=_PortfolioCommand, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("reports", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--projects", type=click.Path(dir_okay=False, path_type=str), help="portfolio.toml: the projects."
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here (default stdout)."
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(("html", "json", "csv", "csv-components", "markdown")),
    default="html",
    show_default=True,
)
@click.option(
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write every format into this folder (index.html, portfolio.json, projects.csv, ...).",
)
@click.option("--lang", type=click.Choice(("en", "de")), help="Language (default: from LANG).")
@click.option(
    "--history", type=click.Path(dir_okay=False, path_type=str), help="Record the run in this SQLite file."
)
@click.option(
    "--stale-days", type=click.IntRange(min=0), default=90, show_default=True, help="A report older is stale."
)
@click.option("--public", is_flag=True, help="Leave out internal fields (office, contact, approvals).")
@click.option(
    "--today", metavar="YYYY-MM-DD", help="The portfolio's date (default: SOURCE_DATE_EPOCH, else today)."
)
@click.pass_context
def portfolio(ctx: click.Context, reports: tuple[str, ...], **given: Any) -> None:
    """Many projects' JSON reports (files or folders) in one view: REPORT_OR_FOLDER... ; or history DB."""
    from osscheck.portfolio import command  # lazy: start-up

    sub = ctx.meta.get("portfolio.history")
    if sub is not None:
        with sub:
            portfolio_history.invoke(sub)
        return
    sys.exit(command(reports, **given))


@click.command("history")
@click.argument("path", type=click.Path(dir_okay=False, path_type=str))
@click.option("--compare", type=int, metavar="RUN", help="Compare this run with the one before.")
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.option("--lang", type=click.Choice(("en", "de")), help="Language (default: from LANG).")
def portfolio_history(path: str, compare: int | None, fmt: str, lang: str | None) -> None:
    """The runs recorded in a portfolio history (SQLite), or one run compared with the one before."""
    from osscheck.portfolio import history  # lazy: start-up

    sys.exit(history.command(path, compare, fmt, lang))


cli.add_command(portfolio)


@click.command("diff", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("sides", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--git",
    "git",
    metavar="A..B",
    help="Compare git revisions (B left out: the working tree); SIDES are PATHs.",
)
@click.option(
    "-p", "--policy", metavar="NAME|FILE", help="Built-in policy name or a TOML policy file (both sides)."
)
@click.option("--outbound", metavar="EXPRESSION", help="The licence the project is published under.")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(("text", "json", "markdown", "html")),
    default="text",
    show_default=True,
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here (default stdout)."
)
@click.option("--lang", type=click.Choice(("en", "de")), help="Language (default: from LANG).")
@click.option(
    "--fail-on",
    "fail_on",
    multiple=True,
    metavar="new-denied|licence-change|new-review|never",
    help="Exit 1 when this happened (comma-separated or repeated) [new-denied].",
)
@click.option("--include-dev/--no-include-dev", default=None, help="Judge development-only dependencies too.")
@click.option(
    "--online/--offline", default=None, help="Look up unknown licences, or answer from the cache alone."
)
def diff(sides: tuple[str, ...], **given: Any) -> None:
    """What changed between OLD and NEW (reports, SBOMs, lockfiles, folders), or git revisions
    (--git A..B [PATH...]): licence changes first, then verdicts, new problems, versions."""
    from osscheck.diff import command  # lazy: start-up

    sys.exit(command(sides, **given))


cli.add_command(diff)


# --- publiccode.yml ---
@click.command("publiccode", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--lang", type=click.Choice(("en", "de")), help="Language of the comments (default: LANG).")
def publiccode(paths: tuple[str, ...], lang: str | None) -> None:
    """Print the legal block of publiccode.yml that matches the project (licence, copyright owner)
    and where its SBOM is, for the project to paste."""
    from osscheck.publiccode_cmd import command  # lazy: start-up

    sys.exit(command(paths, lang))


cli.add_command(publiccode)


# --- osscheck init and the CI kit ---
@click.command("init", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("path", default=".", type=click.Path(file_okay=False, path_type=str))
@click.option(
    "--ci",
    type=click.Choice(("gitlab", "github", "jenkins")),
    help="Also write the CI file: .gitlab-ci.yml, .github/workflows/osscheck.yml or Jenkinsfile.",
)
@click.option(
    "-p", "--policy", metavar="NAME|FILE", help="The policy (default: chosen from the project's files)."
)
@click.option("--outbound", metavar="EXPRESSION", help="The licence the project is published under.")
@click.option(
    "--lang",
    type=click.Choice(("en", "de")),
    help="Language of the messages and reports (lang in the configuration).",
)
def init(path: str, **given: Any) -> None:
    """Set up PATH (default: the current folder): configuration, pre-commit hook, CI file.

    Writes new files, appends where that is safe, and shows a diff for the rest (exit 1)."""
    from osscheck.init import command  # lazy: start-up

    sys.exit(command(path, **given))


cli.add_command(init)


# --- osscheck accept ---
@click.command("accept", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("sbom", type=click.Path(path_type=str))
@click.option(
    "-p", "--policy", metavar="NAME|FILE", help="Built-in policy name or policy file (else the contract's)."
)
@click.option(
    "--profile",
    metavar="NAME[@VERSION]",
    help="What the SBOM must hold: bsi-tr-03183-2 (default, its current version) or bsi-tr-03183-2@2.1.0.",
)
@click.option(
    "--contract",
    type=click.Path(dir_okay=False, path_type=str),
    help="vertrag.toml: reference, supplier, policy, outbound licence, profile, deadline for fixes.",
)
@click.option("--outbound", metavar="EXPRESSION", help="The licence the administration will publish under.")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(("markdown", "html", "json")),
    default="markdown",
    show_default=True,
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here (default stdout)."
)
@click.option("--lang", type=click.Choice(("en", "de")), help="Language of the record (default: from LANG).")
def accept(sbom: str, **given: Any) -> None:
    """A contractor's SBOM delivery: complete enough for the profile, and licences allowed? Writes the
    acceptance record (Abnahmeprotokoll); exit 0 accepted (also with conditions), 1 rejected."""
    from osscheck.accept.command import command  # lazy: start-up

    sys.exit(command(sbom, **given))


cli.add_command(accept)


def main(argv: list[str] | None = None) -> None:
    """Run the click command line; every error leaves as one line and exit code 2 (runner.guarded)."""
    from osscheck import runner

    runner.guarded(lambda: _click_main(argv))


def _click_main(argv: list[str] | None) -> int:
    try:
        cli.main(args=argv, prog_name="osscheck", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.exceptions.Abort:
        from osscheck import runner
        from osscheck.errors import OsscheckError
        from osscheck.messages import Message

        click.echo(runner.error_line(OsscheckError(Message("usage.aborted"))), err=True)
        return 2
    except click.ClickException as exc:
        from osscheck import i18n
        from osscheck.errors import UsageError
        from osscheck.usage_errors import language, message

        lang = i18n.detect(language(sys.argv[1:] if argv is None else argv))
        click.echo(UsageError(message(exc)).format(lang), err=True)  # printable: it may quote an argument
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    main()
