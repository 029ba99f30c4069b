"""Load policies from TOML, validate them against :mod:`osscheck.policy.schema` and resolve ``extends``.

Errors name the file and line (``FILE:LINE: message``): a policy is written by people, and a
mistake in it must be found in seconds.
"""

from __future__ import annotations

from pathlib import Path

from osscheck.digest import sha256
from osscheck.errors import PolicyError
from osscheck.licenses import catalog
from osscheck.messages import Message
from osscheck.policy import schema
from osscheck.policy.model import VERDICTS, Policy, PolicyException
from osscheck.policy.shipped import parsed as shipped_parse
from osscheck.snapshot import Memo

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from osscheck.toml_lines import TomlLines

DEFAULT_POLICY = "public-code"


def builtin_dir() -> Path:
    """Where the shipped policies are: inside the installed package, or the source checkout."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "policies"
    if installed.is_dir():
        return installed
    return here.parent.parent / "policies"


def builtin_names() -> list[str]:
    return sorted(p.stem for p in builtin_dir().glob("*.toml"))


def load_policy(name_or_path: str | Path | None = None, online: bool = False) -> Policy:
    """A shipped policy by name, or a policy file by path; ``None`` is the default policy.

    ``online``: a URL register (``registers``) not yet in the cache may be fetched.
    """
    return _load(str(name_or_path or DEFAULT_POLICY), seen=(), online=online)


def add_registers(
    policy: Policy, refs: Any, base: Path, where: tuple[str, int | None], online: bool = False
) -> Policy:
    """``policy`` with the registers ``refs`` names merged after its entries (``[tool.osscheck]``)."""
    from osscheck.policy import registers  # lazy: start-up (only a policy with registers needs it)

    shown_base = str(Path(where[0]).parent)
    found = registers.read_all(refs, base, shown_base, where, online)
    if not found:
        return policy
    entries = policy.exceptions + tuple(e for r in found for e in r.entries)
    _check_ids(entries)
    digest = sha256(((policy.digest or "") + "".join(r.digest for r in found)).encode())
    return policy.replace(
        exceptions=entries, registers=policy.registers + tuple(r.shown for r in found), digest=digest
    )


def _check_ids(entries: tuple[PolicyException, ...]) -> None:
    """An ``id`` names one entry of the merged register."""
    seen: dict[str, PolicyException] = {}
    for entry in entries:
        if entry.id is None:
            continue
        first = seen.setdefault(entry.id, entry)
        if first is not entry:
            where = f"{first.source}:{first.line}" if first.line else str(first.source)
            raise PolicyError(
                Message("policy.exception-id-twice", id=entry.id, first=where), entry.source, entry.line
            )


def _load(
    ref: str,
    seen: tuple[str, ...],
    base_dir: Path | None = None,
    named_at: Callable[[], tuple[str, int | None]] | None = None,
    online: bool = False,
) -> Policy:
    """``named_at``: where the ``extends`` that names this policy is written (file, line)."""
    try:
        path = _resolve(ref, base_dir)
    except PolicyError as exc:
        if named_at is None:
            raise
        raise PolicyError(exc.message, *named_at()) from None
    key = str(path.resolve())
    if key in seen:
        raise PolicyError(Message("policy.extends-circle", chain=" -> ".join([*seen, key])), path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PolicyError(Message("policy.cannot-read", reason=str(exc.strerror or exc)), path) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise PolicyError(Message("policy.not-utf8"), path) from None
    # a parent found beside the policy that extends it is shown where it is, not as it was named
    shipped = path.parent == builtin_dir()
    shown = f"builtin:{path.stem}" if shipped else str(ref if Path(ref) == path else path)
    data = shipped_parse(path, raw) if shipped else None
    if data is None:
        from osscheck.toml_lines import parsed  # lazy: start-up

        data = parsed(text, lambda t: _parse(t, shown))
    index: list[TomlLines] = []

    def lines() -> TomlLines:  # made on first use: only a mistake or an exception needs a line
        if not index:
            from osscheck.toml_lines import TomlLines  # lazy: start-up

            index.append(TomlLines(text))
        return index[0]

    parent: Policy | None = None
    extends = data.get("policy", {}).get("extends") if isinstance(data.get("policy"), dict) else None
    if isinstance(extends, str):
        parent = _load(
            extends, (*seen, key), path.parent, lambda: (shown, _line(lines, "policy", "extends")), online
        )
    policy = _build(data, parent, lines, shown)
    digest = sha256(raw + ((parent.digest or "") if parent else "").encode())
    policy = policy.replace(source=shown, digest=digest)
    refs = data["policy"].get("registers") if isinstance(data.get("policy"), dict) else None
    if refs is not None:
        policy = add_registers(
            policy, refs, path.parent, (shown, _line(lines, "policy", "registers")), online
        )
    elif any(e.id for e in policy.exceptions):
        _check_ids(policy.exceptions)
    return policy


def _parse(text: str, shown: str) -> dict[str, Any]:
    from osscheck.toml_lines import loads  # lazy: start-up (a caller that only needs the model)

    return loads(shown, text, PolicyError)


def _resolve(ref: str, base_dir: Path | None) -> Path:
    if ref in builtin_names():
        return builtin_dir() / f"{ref}.toml"
    path = Path(ref)
    if not path.is_absolute() and base_dir is not None and not path.exists():
        path = base_dir / path
    if path.is_file():
        return path
    known = ", ".join(builtin_names())
    raise PolicyError(Message("policy.no-such-policy", ref=repr(ref), known=known))


def _line(index: Callable[[], TomlLines], table: str, key: str | None = None, at: int = 0) -> int | None:
    """Where a policy's table, key or ``[[exceptions]]`` entry is written (tomllib keeps no lines)."""
    lines = index()
    parts = (table,) if table else ()
    if parts in lines.array_tables:
        return lines.entry_line(parts, at, key)
    if key is None:
        return lines.table(parts)
    return (
        lines.key_line(parts, key)
        or _escaped_key_line(lines, parts, key)
        or lines.key_line((), key)
        or lines.table(parts)
    )


def _escaped_key_line(lines: TomlLines, table: tuple[str, ...], key: str) -> int | None:
    """A key written with escapes (``"bo\\u0067us"``) is found by what it says, not at its table."""
    for (where, written), number in lines.keys.items():
        if where == table and "\\" in written:
            try:
                said = _parse(f'k = "{written}"', "")["k"]
            except PolicyError:
                continue
            if said == key:
                return number
    return None


def _build(
    data: dict[str, Any], parent: Policy | None, lines: Callable[[], TomlLines], source: str
) -> Policy:
    def fail(message: Message, table: str, key: str | None = None, index: int = 0) -> PolicyError:
        return PolicyError(message, source, _line(lines, table, key, index))

    for top in data:
        if top not in schema.TABLES:
            known = ", ".join(schema.TABLES)
            raise fail(Message("policy.unknown-table", key=repr(top), known=known), top, top)
    section = data.get("policy", {})
    if not isinstance(section, dict):
        raise fail(Message("policy.must-be-table", table="policy"), "", "policy")
    values = _policy_values(section, lambda m, k: fail(m, "policy", k))
    if "name" not in values and parent is None:
        raise fail(Message("policy.needs-name"), "policy")
    base = parent or Policy(name=values.get("name", ""))
    # a key the child leaves out keeps its parent's value
    policy = base.replace(
        **{k.attr: values[k.toml] for k in schema.POLICY_KEYS if k.attr and k.toml in values}
    )

    categories = data.get("categories", {})
    if not isinstance(categories, dict):
        raise fail(Message("policy.must-be-table", table="categories"), "categories")
    merged = dict(policy.categories)
    for category, verdict in categories.items():
        if category not in catalog.CATEGORIES:
            known = ", ".join(catalog.CATEGORIES)
            raise fail(
                Message("policy.unknown-category", category=repr(category), known=known),
                "categories",
                category,
            )
        if verdict not in VERDICTS:
            raise fail(schema.choice_error("categories", category, VERDICTS, verdict), "categories", category)
        merged[category] = verdict
    policy = policy.replace(categories=merged)
    if "unknown" in categories:  # [categories] unknown and [policy] unknown say the same
        policy = policy.replace(unknown=categories["unknown"])

    licenses = data.get("licenses", {})
    if not isinstance(licenses, dict):
        raise fail(Message("policy.must-be-table", table="licenses"), "licenses")
    lists: dict[str, tuple[str, ...]] = {k: getattr(policy, k) for k in schema.LICENSE_LISTS}
    for key, value in licenses.items():
        if key not in lists:
            known = ", ".join(schema.LICENSE_LISTS)
            raise fail(
                Message("policy.unknown-key", key=repr(key), table="[licenses]", known=known), "licenses", key
            )
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(Message("policy.not-list-of-expressions", key=key), "licenses", key)
        parsed = [schema.expression(v, _at(fail, "licenses", key)) for v in value]
        # a child's list adds to its parent's; a licence moves out of the lists it was in before
        lists = {k: tuple(x for x in v if x not in parsed) for k, v in lists.items()}
        lists[key] = tuple(dict.fromkeys([*lists[key], *parsed]))
    policy = policy.replace(**lists)

    obligations = data.get("obligations", {})
    if not isinstance(obligations, dict):
        raise fail(Message("policy.must-be-table", table="obligations"), "obligations")
    merged_obligations = dict(policy.obligations)
    for key, value in obligations.items():
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(
                Message("policy.not-list-of-strings", table="obligations", key=key), "obligations", key
            )
        merged_obligations[key] = tuple(value)
    policy = policy.replace(obligations=merged_obligations)

    entries = data.get("exceptions", [])
    if not isinstance(entries, list):
        raise fail(Message("policy.exceptions-not-tables"), "exceptions")
    register = list(policy.exceptions)
    for index, entry in enumerate(entries):
        register.append(_exception(entry, index, fail, lines, source))
    policy = policy.replace(exceptions=tuple(register))

    # after [categories] and [licenses]: a date stages a deny the merged policy has
    if "deny-from" in data or policy.deny_from:
        from osscheck.policy import staging  # lazy: start-up (only a staged policy needs it)

        def fail_at(message: Message, table: str, key: str | None) -> PolicyError:
            return PolicyError(message, source, _deny_from_line(lines, table, key))

        policy = policy.replace(deny_from=staging.read(data.get("deny-from", {}), policy, fail_at))
    return policy


def _deny_from_line(index: Callable[[], TomlLines], table: str, key: str | None) -> int | None:
    """Where a key of ``[deny-from.TABLE]`` is written, else the table, else ``[deny-from]``."""
    lines = index()
    inner = ("deny-from", table) if table else ("deny-from",)
    found = lines.key_line(inner, key) if key is not None else None
    found = found or (_escaped_key_line(lines, inner, key) if key is not None else None)
    if found is None and table:  # an inline table: [deny-from] rules = {...}
        found = lines.key_line(("deny-from",), table) or lines.key_line((), "deny-from." + table)
    return found or lines.table(inner) or lines.table(("deny-from",)) or lines.key_line((), "deny-from")


def _at(fail: Callable[..., PolicyError], *where: str) -> schema.Fail:
    """``fail`` with the table or key filled in: the error maker one key's check is given."""
    return lambda message: fail(message, *where)


_POLICY_KEYS = {key.toml: key for key in schema.POLICY_KEYS}
_EXCEPTION_KEYS = {key.toml: key for key in schema.EXCEPTION_KEYS}


def _policy_values(section: dict[str, Any], fail: Callable[[Message, str], PolicyError]) -> dict[str, Any]:
    """The [policy] keys a file sets, checked: every type in the file's order, then every value."""
    values: dict[str, Any] = {}
    for key, value in section.items():
        described = _POLICY_KEYS.get(key)
        if described is None:
            known = ", ".join(_POLICY_KEYS)
            raise fail(Message("policy.unknown-key", key=repr(key), table="[policy]", known=known), key)
        typed, values[key] = described.kind.read(value)
        if not typed:
            raise fail(schema.policy_type_error(described, value), key)
    for described in schema.POLICY_KEYS:
        key = described.toml
        if key not in values:
            continue
        if described.choices and values[key] not in described.choices:
            raise fail(schema.choice_error("policy", key, described.choices, values[key]), key)
        if described.check is not None:
            values[key] = described.check(values[key], _at(fail, key))
    return values


def _exception(
    entry: Any,
    index: int,
    fail: Callable[[Message, str, str | None, int], PolicyError],
    lines: Callable[[], TomlLines],
    source: str | None = None,
) -> PolicyException:
    if not isinstance(entry, dict):
        raise fail(Message("policy.exception-not-table"), "exceptions", None, index)
    for key, value in entry.items():
        described = _EXCEPTION_KEYS.get(key)
        if described is None:
            known = ", ".join(_EXCEPTION_KEYS)
            message = Message("policy.unknown-key", key=repr(key), table="[[exceptions]]", known=known)
            raise fail(message, "exceptions", key, index)
        if not described.kind.read(value)[0]:
            raise fail(schema.exception_type_error(described, value), "exceptions", key, index)
        if described.choices and value not in described.choices:
            raise fail(
                schema.choice_error("[exceptions]", key, described.choices, value), "exceptions", key, index
            )
    _check_register_values(entry, lambda m, k: fail(m, "exceptions", k, index))
    justification = str(entry.get("justification", "")).strip()
    if not justification:
        raise fail(Message("policy.exception-needs-justification"), "exceptions", None, index)
    package, version, name = entry.get("package"), entry.get("version"), entry.get("name")
    if name is not None and not name.strip():
        raise fail(Message("policy.exception-empty-name"), "exceptions", "name", index)
    if package is None and name is None and entry.get("license") is None:
        raise fail(Message("policy.exception-needs-subject"), "exceptions", None, index)
    if package is not None:
        package, version = _split_package(package, version, lambda m: fail(m, "exceptions", "package", index))
    license_ = entry.get("license")
    if license_ is not None:
        license_ = schema.expression(license_, lambda m: fail(m, "exceptions", "license", index))
    return PolicyException(
        justification=justification,
        package=package,
        version=version,
        license=license_,
        approved_by=entry.get("approved-by"),
        reference=entry.get("reference"),
        expires=_day(entry.get("expires")),
        line=_line(lines, "exceptions", None, index),
        name=name.strip() if name is not None else None,
        id=entry.get("id"),
        basis=entry.get("basis"),
        alternatives=entry.get("alternatives"),
        exit_strategy=entry.get("exit-strategy"),
        exit_by=_day(entry.get("exit-by")),
        requested_by=entry.get("requested-by"),
        decided_on=_day(entry.get("decided-on")),
        review_every=entry.get("review-every"),
        scope=tuple(entry.get("scope", ())),
        status=entry.get("status", "approved"),
        license_text_sha256=digest.lower()
        if isinstance(digest := entry.get("license-text-sha256"), str)
        else None,
        source=source,
    )


def _check_register_values(entry: dict[str, Any], fail: Callable[[Message, str], PolicyError]) -> None:
    """The values of the register's newer keys that a type alone does not check."""
    from osscheck.policy.model import parse_interval

    if "id" in entry and not entry["id"].strip():
        raise fail(Message("policy.exception-empty-id"), "id")
    every = entry.get("review-every")
    if every is not None and (parse_interval(every) is None or parse_interval(every)[0] == 0):  # type: ignore[index]
        raise fail(Message("policy.review-every", value=repr(every)), "review-every")
    scope = entry.get("scope")
    if scope is not None and not all(isinstance(s, str) and s.strip() for s in scope):
        raise fail(Message("policy.not-list-of-strings", table="[exceptions]", key="scope"), "scope")
    digest = entry.get("license-text-sha256")
    if digest is not None:
        from osscheck.policy.registers import is_sha256

        if not is_sha256(digest):
            raise fail(Message("policy.license-text-sha256", value=repr(digest)), "license-text-sha256")


def _split_package(package: str, version: str | None, fail: schema.Fail) -> tuple[str, str | None]:
    if not package.startswith("pkg:"):
        raise fail(Message("policy.package-not-purl", package=repr(package)))
    try:
        bare, purl_version = _purl_parts(package)
    except ValueError as exc:
        raise fail(Message("policy.invalid-purl", reason=str(exc))) from None
    if purl_version and version:
        raise fail(Message("policy.version-twice"))
    return bare, version or purl_version


def _purl_parts(package: str) -> tuple[str, str | None]:
    """The purl without its version, and the version: from an earlier run where there is one.

    packageurl-python takes longer to import than a pre-commit run's check of a lockfile.
    """
    kept = _PURLS.get(package)
    if isinstance(kept, dict):
        if "error" in kept:
            raise ValueError(kept["error"])
        return kept["bare"], kept["version"]
    from packageurl import PackageURL  # lazy: start-up

    try:
        purl = PackageURL.from_string(package)
    except ValueError as exc:
        _PURLS.put(package, {"error": str(exc)})
        raise
    bare = PackageURL(type=purl.type, namespace=purl.namespace, name=purl.name).to_string()
    _PURLS.put(package, {"bare": bare, "version": purl.version})
    return bare, purl.version


def _purl_sources() -> list[str | None]:
    return [catalog.package_file("packageurl", "__init__.py"), __file__]


_PURLS = Memo("purls", _purl_sources, limit=1024)


def _day(expires: Any) -> Any:
    """A TOML date-time written for an expiry counts as its day (it is compared with dates)."""
    import datetime as dt  # lazy: start-up

    return expires.date() if isinstance(expires, dt.datetime) else expires
