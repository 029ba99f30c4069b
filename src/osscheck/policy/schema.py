"""The policy file's schema in one table: each key's TOML name, attribute, type, choices and check.

The loader validates and merges ``extends`` from it, ``osscheck policy show`` prints the keys that
carry a label, and the key list in policies/README.md is :func:`markdown`'s text (a test keeps the
README current: paste what it prints between the README's ``policy-keys`` marks).
"""

from __future__ import annotations

from osscheck.errors import ExpressionError
from osscheck.licenses.expression import parse
from osscheck.messages import Message
from osscheck.model import FrozenRecord
from osscheck.policy.model import BASES, CONTEXTS, MODES, MULTIPLE, STATUSES, VERDICTS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from osscheck.errors import PolicyError
    from osscheck.policy.model import Policy

    Fail = Callable[[Message], PolicyError]  # makes the FILE:LINE error for a message

TABLES = ("policy", "categories", "licenses", "obligations", "exceptions", "deny-from")
LICENSE_LISTS = ("allow", "review", "deny")  # the keys of [licenses]


class Kind(FrozenRecord):
    """A TOML value type a key accepts; ``name`` is how an error message says it."""

    def __init__(
        self, name: str, accepts: Callable[[Any], bool], coerce: Callable[[Any], Any] | None = None
    ) -> None:
        self.name = name
        self.accepts = accepts
        self.coerce = coerce

    def read(self, value: Any) -> tuple[bool, Any]:
        """Whether the value has this type, and the value as kept (an integer for a number: float)."""
        if not self.accepts(value):
            return False, value
        return True, self.coerce(value) if self.coerce else value


def _is_date(value: Any) -> bool:
    import datetime as dt  # lazy: start-up (only a register with an expiry date needs it)

    return isinstance(value, dt.date)


STRING = Kind("a string", lambda v: isinstance(v, str))
BOOLEAN = Kind("true or false", lambda v: isinstance(v, bool))
NUMBER = Kind("a number", lambda v: isinstance(v, (int, float)) and not isinstance(v, bool), float)
LIST = Kind("a list", lambda v: isinstance(v, list))
DATE = Kind("a date", _is_date)  # a date-time counts as its day


class Key(FrozenRecord):
    """One key of a policy table.

    ``attr``: the :class:`Policy` or :class:`PolicyException` field it sets (``None``: the loader
    resolves it itself, as ``extends``). ``check(value, fail)`` returns the value as kept or raises
    ``fail(message)``. ``label`` and ``shown(policy)`` (the lines' values) put it in ``policy show``.
    """

    def __init__(
        self,
        toml: str,
        attr: str | None,
        kind: Kind,
        help: str,
        choices: tuple[str, ...] = (),
        check: Callable[[Any, Fail], Any] | None = None,
        label: str = "",
        shown: Callable[[Policy], tuple[str, ...]] | None = None,
    ) -> None:
        self.toml = toml
        self.attr = attr
        self.kind = kind
        self.choices = choices
        self.check = check
        self.help = help
        self.label = label
        self.shown = shown


def expression(text: str, fail: Fail) -> str:
    """A licence expression as the policy keeps it: parsed and normalised."""
    try:
        parsed = parse(text)
    except ExpressionError as exc:
        raise fail(Message("policy.bad-expression", text=repr(text), problem=exc.message)) from None
    if parsed.normalized is None:
        raise fail(Message("policy.not-a-licence", text=repr(text)))
    return parsed.normalized


def _fraction(value: float, fail: Fail) -> float:
    if not 0.0 <= value <= 1.0:
        raise fail(Message("policy.min-confidence-range"))
    return value


def _notes(value: list[Any], fail: Fail) -> tuple[str, ...]:
    if not all(isinstance(n, str) for n in value):
        raise fail(Message("policy.not-list-of-strings", table="policy", key="notes"))
    return tuple(value)


def _years(value: float, fail: Fail) -> int:
    if value != int(value) or value < 1:
        raise fail(Message("policy.retention-years-range"))
    return int(value)


def _outbound_shown(p: Policy) -> tuple[str, ...]:
    declared = p.outbound or "(the project must declare one)"
    return (declared, "must be OSI-approved") if p.outbound_osi else (declared,)


# In the order the "known keys" of an error name them; values are checked in this order too.
POLICY_KEYS = (
    Key(
        "name",
        "name",
        STRING,
        "The policy's name, shown in every report; required unless it extends another.",
    ),
    Key("title", "title", STRING, "One line saying what the policy is for."),
    Key("description", "description", STRING, "What the policy decides, and why."),
    Key("extends", None, STRING, "The shipped policy or policy file (beside this one) to start from."),
    Key(
        "context",
        "context",
        STRING,
        "How the software is used: in-house, passed on, or served to users.",
        choices=CONTEXTS,
        label="context",
        shown=lambda p: (p.context,),
    ),
    Key(
        "outbound",
        "outbound",
        STRING,
        "The project's licence where it declares none (an expression).",
        check=expression,
        label="outbound",
        shown=_outbound_shown,
    ),
    Key(
        "unknown",
        "unknown",
        STRING,
        "The verdict for a licence nobody could identify.",
        choices=VERDICTS,
        label="unknown licences",
        shown=lambda p: (p.unknown,),
    ),
    Key(
        "dev-dependencies",
        "dev_dependencies",
        BOOLEAN,
        "Whether development-only dependencies are judged.",
        label="dev dependencies",
        shown=lambda p: ("judged" if p.dev_dependencies else "not judged",),
    ),
    Key(
        "mode",
        "mode",
        STRING,
        "How dependencies are combined: as separate works, or embedded.",
        choices=MODES,
        label="combination mode",
        shown=lambda p: (p.mode,),
    ),
    Key("outbound-osi", "outbound_osi", BOOLEAN, "The project's own licence must be OSI-approved."),
    Key(
        "non-osi",
        "non_osi",
        STRING,
        "The verdict for a dependency licence that is not OSI-approved.",
        choices=VERDICTS,
        label="non-OSI licences",
        shown=lambda p: (p.non_osi,) if p.non_osi != "allow" else (),
    ),
    Key(
        "non-opencode",
        "non_opencode",
        STRING,
        "The verdict for an OSI-approved licence that is not on openCode's licence list; a licence on "
        "neither list, or on openCode's negative list, is denied.",
        choices=VERDICTS,
        label="openCode list",
        shown=lambda p: (p.non_opencode, _opencode_list()) if p.non_opencode != "allow" else (),
    ),
    Key(
        "min-confidence",
        "min_confidence",
        NUMBER,
        "Between 0 and 1: a licence recognised with less confidence is judged as unknown.",
        check=_fraction,
    ),
    Key(
        "multiple-licenses",
        "multiple_licenses",
        STRING,
        "Several unrelated licence entries of one component: all apply, one applies, or review.",
        choices=MULTIPLE,
    ),
    Key("require-license-file", "require_license_file", BOOLEAN, "The repository must have a LICENSE file."),
    Key(
        "require-sbom",
        "require_sbom",
        BOOLEAN,
        "The repository should have an SBOM (a missing one is a warning).",
    ),
    Key("notes", "notes", LIST, "Remarks printed with every report (a list of strings).", check=_notes),
    Key(
        "registers",
        None,
        LIST,
        "Register files merged after `[[exceptions]]`, in order: paths beside this policy, or "
        '`{url = "https://...", sha256 = "..."}` (read only with `--online`, then from the cache).',
    ),
    Key(
        "require-approval",
        "require_approval",
        BOOLEAN,
        "An exception clears a finding only when it names `approved-by`.",
    ),
    Key(
        "require-separate-approver",
        "require_separate_approver",
        BOOLEAN,
        "`approved-by` must be another person than `requested-by`.",
    ),
    Key(
        "retention-years",
        "retention_years",
        NUMBER,
        "How many years the audit evidence bundle is kept (its `retain-until`).",
        check=_years,
    ),
)

EXCEPTION_KEYS = (
    Key("package", "package", STRING, "The package as a purl; a version in it counts as `version`."),
    Key("name", "name", STRING, "A component without a purl, by its name."),
    Key("version", "version", STRING, "An exact version or a range such as `>=2.0,<3`."),
    Key("license", "license", STRING, "The licence expression excepted (any licence when left out)."),
    Key("justification", "justification", STRING, "Why this licence is acceptable here (required)."),
    Key("approved-by", "approved_by", STRING, "Who approved the exception."),
    Key("reference", "reference", STRING, "Where the decision is recorded."),
    Key("expires", "expires", DATE, "The day the exception ends; an expired one is itself a finding."),
    Key("id", "id", STRING, "A stable identifier, unique in the merged register (e.g. `2026-001`)."),
    Key(
        "status",
        "status",
        STRING,
        "Only an approved entry clears a finding; a requested one is shown as pending.",
        choices=STATUSES,
    ),
    Key("basis", "basis", STRING, "The kind of reason (DIN SPEC 66336 5.10.1).", choices=BASES),
    Key("alternatives", "alternatives", STRING, "What was considered instead."),
    Key("exit-strategy", "exit_strategy", STRING, "How the component will be replaced."),
    Key("exit-by", "exit_by", DATE, "By when it will be replaced; a day passed is a warning."),
    Key("requested-by", "requested_by", STRING, "Who asked for the exception."),
    Key("decided-on", "decided_on", DATE, "The day it was decided."),
    Key(
        "review-every",
        "review_every",
        STRING,
        'How often it is reviewed (`"12 months"`, `"2 years"`, `"90 days"`); overdue after '
        "`decided-on` is a warning.",
    ),
    Key(
        "scope",
        "scope",
        LIST,
        "The projects (by name) or paths (globs, relative to the register file) it covers; "
        "empty or left out: all.",
    ),
    Key(
        "license-text-sha256",
        "license_text_sha256",
        STRING,
        "The SHA-256 of the licence text decided on; where the component carries another text, "
        "the decision is reopened.",
    ),
)


#: how an error message names each kind ("[policy] name must be a string")
_KIND_MESSAGES = {
    STRING.name: Message("policy.kind-string"),
    BOOLEAN.name: Message("policy.kind-boolean"),
    NUMBER.name: Message("policy.kind-number"),
    LIST.name: Message("policy.kind-list"),
    DATE.name: Message("policy.kind-date"),
}


def policy_type_error(key: Key, value: Any) -> Message:
    return Message("policy.wrong-type", key=key.toml, kind=_KIND_MESSAGES[key.kind.name], value=repr(value))


def exception_type_error(key: Key, value: Any) -> Message:
    if key.kind is DATE and key.toml == "expires":  # written out, with an example
        return Message("policy.expires-not-date", value=repr(value))
    if key.kind is DATE:
        return Message("policy.exception-not-date", key=key.toml, value=repr(value))
    return Message("policy.exception-wrong-type", key=key.toml, kind=_KIND_MESSAGES[key.kind.name])


def choice_error(table: str, key: str, choices: tuple[str, ...], value: Any) -> Message:
    return Message("policy.not-a-choice", table=table, key=key, choices=", ".join(choices), value=repr(value))


def markdown() -> str:
    """The key list of policies/README.md."""
    from osscheck.licenses.catalog import CATEGORIES
    from osscheck.policy.model import Policy

    defaults = Policy(name="")
    lines = ["`[policy]`:", ""]
    lines += [_key_line(key, defaults) for key in POLICY_KEYS]
    lines += [
        "",
        f"`[categories]`: one of {_codes(VERDICTS)} for each licence category ({_codes(CATEGORIES)}).",
        "",
        f"`[licenses]`: {_codes(LICENSE_LISTS)}, each a list of licence expressions that go before the "
        "categories; a child's list adds to its parent's, and a licence leaves the lists it was in.",
        "",
        "`[obligations]`: a licence id or a category, and the list of obligations (strings) reports name "
        "for it instead of the built-in ones.",
        "",
        "`[[exceptions]]`, the register (one table per entry; a package, a name or a licence is required):",
        "",
    ]
    lines += [_key_line(key, None) for key in EXCEPTION_KEYS]
    lines += [
        "",
        "`[deny-from]`, staged enforcement: the day a deny starts (a TOML date such as `2027-01-01`); "
        "before it the component is `review` with a `staged-deny` warning that names the day, from it "
        "on it is denied; the day is the check's (`SOURCE_DATE_EPOCH`, else today in UTC); a child "
        "sets or moves a date of its parent:",
        "",
        "- `[deny-from.categories]`: a category whose verdict in `[categories]` is `deny`.",
        "- `[deny-from.licenses]`: a licence expression on the `deny` list of `[licenses]` "
        '(quoted where it has a dot: `"LGPL-2.1-only" = 2027-01-01`).',
        "- `[deny-from.rules]`: a rule whose findings can be errors (docs/rules.md): until the day they "
        "are `staged-deny` warnings.",
    ]
    return "\n".join(lines) + "\n"


def _key_line(key: Key, defaults: Policy | None) -> str:
    about = [_KIND_WORDS[key.kind.name]]
    if key.choices:
        about.append(f"one of {_codes(key.choices)}")
    default = getattr(defaults, key.attr) if defaults is not None and key.attr not in (None, "name") else None
    if default is not None:
        about.append(f"default `{_toml(default)}`")
    return f"- `{key.toml}` ({'; '.join(about)}): {key.help}"


_KIND_WORDS = {
    STRING.name: "string",
    BOOLEAN.name: "true or false",
    NUMBER.name: "number",
    LIST.name: "list",
    DATE.name: "date",
}


def _codes(words: tuple[str, ...]) -> str:
    return ", ".join(f"`{w}`" for w in words)


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, tuple):
        return "[]" if not value else repr(list(value))
    return str(value)


def _opencode_list() -> str:
    """Which openCode list the policy is judged by (``policy show``): its version, date and source."""
    from osscheck.licenses import opencode  # lazy: read only when shown

    return opencode.described()
