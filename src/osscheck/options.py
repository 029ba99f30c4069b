"""The one table of ``osscheck check``'s options and the project configuration's keys.

Three readers share it: the parser without click (runner, for the pre-commit hook and a plain
``osscheck check``), the click command line (cli.py builds its options from it) and
``[tool.osscheck]`` / ``.osscheck.toml`` (config.py). An option added here is known to all three.

On the hook's path: it imports nothing heavy, and no click.
"""

from __future__ import annotations

from osscheck.i18n import LANGUAGES
from osscheck.model import Record
from osscheck.report import FAIL_ON

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

#: the licence drift check of the hook against HEAD (osscheck.drift): warn, fail, or not at all
DRIFT = ("warn", "fail", "off")

#: the SBOM profiles an SBOM report can be written to (osscheck.reports.cyclonedx_out)
PROFILES = ("bsi-tr-03183-2",)

# What an option or key takes. TEXT, CHOICE and FILE take a value; FLAG is a switch that is
# on or off (``--online/--offline``), or only on (``-v``) where it has no ``off`` flags.
TEXT = "text"
CHOICE = "choice"
FILE = "file"  # an output file (click refuses a folder)
FLAG = "flag"
# only in the configuration
STRINGS = "strings"  # a list of strings
LIST = "list"
NUMBER = "number"
INTEGER = "integer"


class Option(Record):
    """One option of ``check`` and/or one configuration key.

    ``flags`` are the command line's (empty for a key of the configuration only), ``off`` the flags
    that switch a FLAG off, ``key`` the configuration's name (``None``: the command line's only).
    """

    _fields = ("name", "flags", "kind", "choices", "key", "help", "metavar", "off", "default")

    def __init__(
        self,
        name: str,
        flags: tuple[str, ...] = (),
        kind: str = TEXT,
        choices: tuple[str, ...] = (),
        key: str | None = None,
        help: str = "",
        metavar: str | None = None,
        off: tuple[str, ...] = (),
        default: str | None = None,
    ) -> None:
        self.name = name
        self.flags = flags
        self.kind = kind
        self.choices = choices
        self.key = key
        self.help = help
        self.metavar = metavar
        self.off = off
        self.default = default

    @property
    def valued(self) -> bool:
        """Whether it takes a value on the command line (``--name value``)."""
        return self.kind in (TEXT, CHOICE, FILE)


_FORMATS_HELP = (
    "Report format: text, json, sarif, junit, gitlab, markdown, csv, html, cyclonedx, spdx, spdx3, notice."
)

# in the order of ``osscheck check --help``
CHECK = (
    Option(
        "policy",
        ("-p", "--policy"),
        key="policy",
        metavar="NAME|FILE",
        help="Built-in policy name or a TOML policy file.",
    ),
    # the formats are checked by runner.check_command: the list of them imports the reports
    Option("fmt", ("-f", "--format"), default="text", help=_FORMATS_HELP),
    Option("output", ("-o", "--output"), FILE, help="Write the report here."),
    Option(
        "outbound",
        ("--outbound",),
        key="outbound",
        metavar="EXPRESSION",
        help="The licence the project is published under.",
    ),
    Option(
        "fail_on",
        ("--fail-on",),
        CHOICE,
        FAIL_ON,
        key="fail-on",
        help="Exit 1 at findings of this level or worse [denied].",
    ),
    Option(
        "baseline",
        ("--baseline",),
        key="baseline",
        metavar="FILE",
        help="Known findings (osscheck baseline write): fail only on new ones.",
    ),
    Option(
        "include_dev",
        ("--include-dev",),
        FLAG,
        key="include-dev",
        off=("--no-include-dev",),
        help="Judge development-only dependencies too.",
    ),
    Option(
        "lang",
        ("--lang",),
        CHOICE,
        LANGUAGES,
        key="lang",
        help="Language of the report (default: from LANG).",
    ),
    Option(
        "online",
        ("--online",),
        FLAG,
        key="online",
        off=("--offline",),
        help="Look up unknown licences (deps.dev, ClearlyDefined, PyPI, npm; cached), or answer them "
        "from the cache alone and name each miss. Default: offline, using earlier answers quietly.",
    ),
    Option("verbose", ("-v", "--verbose"), FLAG, help="List allowed components too."),
    Option(
        "drift",
        ("--drift",),
        CHOICE,
        DRIFT,
        key="drift",
        help="Name the components whose licence changed since HEAD's lockfiles and manifests: a "
        "warning, an error, or off [the hook: warn; check: only when given].",
    ),
    Option(
        "reuse_lint",
        ("--reuse",),
        metavar="FILE",
        help="The output of reuse lint --json: the licences of the project's files, and its REUSE status.",
    ),
    Option(
        "profile",
        ("--profile",),
        CHOICE,
        PROFILES,
        help="Write the SBOM (-f cyclonedx) to this profile: bsi-tr-03183-2 (BSI TR-03183-2).",
    ),
)

# the keys of the configuration that are no option of ``check``
_CONFIG_ONLY = (
    Option("exclude", kind=STRINGS, key="exclude"),
    # the dependency groups that are for development (readers.pyproject.DEV_GROUPS when not set)
    Option("dev_groups", kind=STRINGS, key="dev-groups"),
    # enrichment (osscheck.enrich.settings checks the values)
    Option("sources", kind=LIST, key="sources"),
    Option("depsdev_url", key="depsdev-url"),
    Option("clearlydefined_url", key="clearlydefined-url"),
    Option("pypi_url", key="pypi-url"),
    Option("npm_url", key="npm-url"),
    Option("timeout", kind=NUMBER, key="timeout"),
    Option("connect_timeout", kind=NUMBER, key="connect-timeout"),
    Option("cache_days", kind=NUMBER, key="cache-days"),
    Option("concurrency", kind=INTEGER, key="concurrency"),
    Option("retries", kind=INTEGER, key="retries"),
    # register files merged into the policy's exceptions (osscheck.policy.registers checks them)
    Option("registers", kind=LIST, key="registers"),
    # REUSE: run ``reuse lint --json`` where installed; scan SPDX-License-Identifier headers
    # (default: when a folder is checked, not in the hook)
    Option("reuse", kind=FLAG, key="reuse"),
    Option("reuse_headers", kind=FLAG, key="reuse-headers"),
)

#: the configuration's keys by name, in the order the error for an unknown key lists them
CONFIG = {o.key: o for o in (*CHECK, *_CONFIG_ONLY) if o.key is not None}


def by_flag() -> dict[str, tuple[Option, bool | None]]:
    """Every flag of ``check``: its option, and for a FLAG the value it sets (``None``: takes one)."""
    flags: dict[str, tuple[Option, bool | None]] = {}
    for option in CHECK:
        for flag in option.flags:
            flags[flag] = (option, None if option.valued else True)
        for flag in option.off:
            flags[flag] = (option, False)
    return flags


class CheckOptions(Record):
    """What ``osscheck check`` (or the hook, or ``notice``) was asked for; ``None``: not given."""

    _fields = tuple(o.name for o in CHECK)

    def __init__(
        self,
        policy: str | None = None,
        fmt: str | None = None,
        output: str | Path | None = None,
        outbound: str | None = None,
        fail_on: str | None = None,
        baseline: str | None = None,
        include_dev: bool | None = None,
        lang: str | None = None,
        online: bool | None = None,
        verbose: bool | None = None,
        drift: str | None = None,
        reuse_lint: str | None = None,
        profile: str | None = None,
    ) -> None:
        self.policy = policy
        self.fmt = fmt
        self.output = output
        self.outbound = outbound
        self.fail_on = fail_on
        self.baseline = baseline
        self.include_dev = include_dev
        self.lang = lang
        self.online = online
        self.verbose = verbose
        self.drift = drift
        self.reuse_lint = reuse_lint  # a file of reuse lint --json output
        self.profile = profile
