"""Go modules: go.mod.

go.mod carries no licences: the required modules are listed with the licence unknown, for an SBOM
or an online look-up to fill. ``// indirect`` requirements are kept (they are built into the
binary like any other). ``replace`` directives are applied, since the replacement is the code
that is built; a replacement by a local folder is kept under the required name without a version.
go.mod does not tell test-only modules apart, so every requirement is runtime. A ``require`` or
``replace`` line that cannot be read is reported with its line and left out; the others are still
listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from osscheck.errors import InputError
from osscheck.messages import Message
from osscheck.model import Component, InputFile, Location, Project, Scope
from osscheck.readers import _purl
from osscheck.readers._source import decode

#: every directive the go command knows; anything else is an error there, and here
_DIRECTIVES = frozenset(
    {"module", "go", "toolchain", "godebug", "require", "exclude", "replace", "retract", "tool", "ignore"}
)


@dataclass
class _Statement:
    verb: str
    args: list[str]
    comment: str
    line: int


def golang_purl(module: str, version: str | None = None) -> str:
    namespace, _, name = module.rpartition("/")
    return _purl.purl("golang", name, version, namespace or None)


def _tokens(path: Path, text: str, number: int) -> list[str]:
    """Split a line into fields; Go allows "quoted" and `raw` strings for paths."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch in '"`':
            end = text.find(ch, i + 1)
            while ch == '"' and end > 0 and text[end - 1] == "\\":
                end = text.find(ch, end + 1)
            if end == -1:
                raise InputError(Message("input.unterminated-string"), path, number)
            out.append(text[i + 1 : end])
            i = end + 1
        else:
            j = i
            while j < n and not text[j].isspace():
                j += 1
            out.append(text[i:j])
            i = j
    return out


def _statements(path: Path, text: str) -> list[_Statement]:
    statements: list[_Statement] = []
    block: str | None = None
    block_line = 0
    for number, raw in enumerate(text.splitlines(), 1):
        code, _, comment = raw.partition("//")
        fields = _tokens(path, code, number)
        if not fields:
            continue
        if block is not None:
            if fields == [")"]:
                block = None
                continue
            statements.append(_Statement(block, fields, comment.strip(), number))
            continue
        verb = fields[0]
        if verb not in _DIRECTIVES:
            raise InputError(Message("input.gomod-unknown-directive", verb=verb), path, number)
        if fields[1:] == ["("]:
            block, block_line = verb, number
            continue
        statements.append(_Statement(verb, fields[1:], comment.strip(), number))
    if block is not None:
        raise InputError(Message("input.gomod-block-not-closed", block=block), path, block_line)
    return statements


def read(path: Path, data: bytes) -> InputFile:
    text = decode(path, data)
    statements = _statements(path, text)
    shown = str(path)
    result = InputFile(path=shown, format="go-mod")
    module = next((s for s in statements if s.verb == "module"), None)
    if module is None:
        raise InputError(Message("input.gomod-no-module"), path)
    result.project = Project(module.args[0] if module.args else None, location=Location(shown, module.line))

    # replace OLD [VERSION] => NEW [VERSION]; a versioned replacement wins over an unversioned one
    replacements: dict[tuple[str, str | None], tuple[str, str | None]] = {}
    for s in statements:
        if s.verb != "replace":
            continue
        if "=>" not in s.args:
            result.errors.append(InputError(Message("input.gomod-replace-needs-arrow"), path, s.line))
            continue
        arrow = s.args.index("=>")
        old, new = s.args[:arrow], s.args[arrow + 1 :]
        if len(old) not in (1, 2) or len(new) not in (1, 2):
            message = Message("input.gomod-replace-form")
            result.errors.append(InputError(message, path, s.line))
            continue
        replacements[(old[0], old[1] if len(old) == 2 else None)] = (
            new[0],
            new[1] if len(new) == 2 else None,
        )

    # exclude MODULE VERSION: the go command then takes the next higher version, which only the
    # module proxy knows, so such a requirement keeps its name and loses its version
    excluded = {(s.args[0], s.args[1]) for s in statements if s.verb == "exclude" and len(s.args) == 2}

    seen: set[str] = set()
    for s in statements:
        if s.verb != "require":
            continue
        if len(s.args) != 2:
            result.errors.append(InputError(Message("input.gomod-require-form"), path, s.line))
            continue
        name, version = s.args
        if (name, version) in excluded:
            component = Component(
                name, None, golang_purl(name), Scope.RUNTIME, location=Location(shown, s.line)
            )
            component.extra["requirement"] = f"> {version} ({version} is excluded)"
        else:
            component = _component(name, version, replacements, Location(shown, s.line))
        if s.comment.split(";")[0].strip() == "indirect" or "indirect;" in s.comment:
            component.extra["indirect"] = True
        if component.key in seen:
            continue
        seen.add(component.key)
        result.components.append(component)
    result.errors.sort(key=lambda e: e.line or 0)  # in the order of the file
    return result


def _component(
    name: str,
    version: str,
    replacements: dict[tuple[str, str | None], tuple[str, str | None]],
    location: Location,
) -> Component:
    target = replacements.get((name, version)) or replacements.get((name, None))
    if target is None:
        return Component(name, version, golang_purl(name, version), Scope.RUNTIME, location=location)
    new, new_version = target
    if new_version is None:
        # a local folder stands in for the module: its code is here, its version is not known
        component = Component(name, None, golang_purl(name), Scope.RUNTIME, location=location)
        component.extra["requirement"] = f"{version} => {new}"
        return component
    component = Component(new, new_version, golang_purl(new, new_version), Scope.RUNTIME, location=location)
    component.extra["requirement"] = f"{name} {version} => {new} {new_version}"
    return component
