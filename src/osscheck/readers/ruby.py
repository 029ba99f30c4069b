"""Ruby: Gemfile.lock (Bundler) and *.gemspec, read as text without running Ruby.

Gemfile.lock carries no licences. Each source section (GEM, GIT, PATH, PLUGIN SOURCE) lists its
gems under ``specs:``: four spaces indent a gem with its version (and a platform suffix for
pre-built gems, ``nokogiri (1.16.0-x86_64-linux)``), six spaces indent that gem's own
requirements. A gem built for several platforms is one component per platform, told apart by the
purl's ``platform`` qualifier. Gems from a local PATH take their licence from the gemspec in that
folder when it is there. Scopes come from the Gemfile's groups (development and test groups are
dev) and are carried along the lockfile's dependency graph.

A gemspec's ``licenses`` array lists alternatives (RubyGems: "the library is available under
any of these"), so several entries are a choice.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from osscheck.errors import InputError
from osscheck.messages import Message
from osscheck.model import Component, Declaration, InputFile, Location, Project, Scope
from osscheck.readers import _purl
from osscheck.readers._source import decode, lockfile_text

_SOURCES = frozenset({"GEM", "GIT", "PATH", "PLUGIN SOURCE"})
_SPEC = re.compile(r"^    (\S+)(?: \(([^)]*)\))?\s*$")
_REQUIREMENT = re.compile(r"^      (\S+)(?: \(([^)]*)\))?\s*$")
_DEPENDENCY = re.compile(r"^  (\S+?)(!?)(?: \(([^)]*)\))?\s*$")
# the platform part Bundler appends to a version: "1.16.0-x86_64-linux", "9.4.3.0-java"
_PLATFORM = re.compile(
    r"-((?:x86|x64|i[3-6]86|amd64|arm|aarch64|universal|java|jruby|mswin|mingw|darwin|linux|"
    r"freebsd|openbsd|netbsd|solaris|cygwin|wasm|ppc|s390|riscv|dalvik|dotnet)\S*)$"
)
#: Gemfile groups whose gems are not part of what runs in production
DEV_GROUPS = frozenset(
    {"development", "test", "dev", "ci", "lint", "linters", "rubocop", "debug", "doc", "docs", "benchmark"}
)
_RANK = {Scope.RUNTIME: 0, Scope.OPTIONAL: 1, Scope.DEV: 2}


def gem_purl(name: str, version: str | None = None, platform: str | None = None) -> str:
    base = _purl.purl("gem", name, version)
    return f"{base}?platform={quote(platform, safe='')}" if platform else base


def split_platform(version: str) -> tuple[str, str | None]:
    m = _PLATFORM.search(version)
    return (version[: m.start()], m.group(1)) if m else (version, None)


@dataclass
class _Spec:
    name: str
    version: str | None
    platform: str | None
    source: str
    remote: str | None
    line: int
    requires: list[str] = field(default_factory=list)


def read_lock(path: Path, data: bytes) -> InputFile:
    text = lockfile_text(path, data)
    shown = str(path)
    result = InputFile(path=shown, format="gemfile-lock")
    specs, direct = _parse_lock(path, text, result.errors)
    gemspecs = _local_gemspecs(path.parent, specs)
    own = _own_gemspec(path.parent, specs, gemspecs)
    result.project = own.project if own is not None else None
    groups = _gemfile_groups(path.parent)
    if own is not None:
        # a gem's Gemfile says `gemspec`: its development dependencies are dev, the others runtime
        for name, scope, _, _ in own.dependencies:
            groups.setdefault(name, scope)
    scopes = _scopes(specs, direct, groups)
    seen: set[str] = set()
    for index, spec in enumerate(specs):
        component = Component(
            name=spec.name,
            version=spec.version,
            purl=gem_purl(spec.name, spec.version, spec.platform),
            scope=scopes.get(index, Scope.RUNTIME),
            location=Location(shown, spec.line),
        )
        local = gemspecs.get(spec.name)
        if local is not None and local.project.declared:
            component.declared = list(local.project.declared)
            component.extra["choice"] = len(local.project.declared) > 1
        if component.key in seen:
            continue
        seen.add(component.key)
        result.components.append(component)
    return result


def _parse_lock(path: Path, text: str, errors: list[InputError]) -> tuple[list[_Spec], dict[str, int]]:
    """The gems of every source section, and the Gemfile's direct dependencies (name -> line).

    A gem line that cannot be read goes to ``errors``, and the requirements under it are skipped.
    """
    specs: list[_Spec] = []
    direct: dict[str, int] = {}
    section: str | None = None
    remote: str | None = None
    in_specs = False
    in_gem = False  # under a gem line that could be read (its requirements follow)
    sections = 0
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        if not line.startswith(" "):
            section, remote, in_specs = line.strip(), None, False
            sections += 1
            continue
        if section in _SOURCES:
            if line.startswith("  remote:"):
                remote = line.split(":", 1)[1].strip()
            elif line.strip() == "specs:":
                in_specs = True
            elif in_specs and line.startswith("    ") and not line.startswith("     "):
                m = _SPEC.match(line)
                if m is None:
                    errors.append(InputError(Message("input.not-gem-line"), path, number))
                    in_gem = False
                    continue
                name, version = m.group(1), m.group(2)
                platform = None
                if version:
                    version, platform = split_platform(version)
                specs.append(_Spec(name, version, platform, section, remote, number))
                in_gem = True
            elif in_specs and line.startswith("      ") and specs and in_gem:
                m = _REQUIREMENT.match(line)
                if m:
                    specs[-1].requires.append(m.group(1))
        elif section == "DEPENDENCIES":
            m = _DEPENDENCY.match(line)
            if m:
                direct.setdefault(m.group(1), number)
    if sections == 0 or (not specs and not direct and "DEPENDENCIES" not in text):
        raise InputError(Message("input.not-gemfile-lock"), path)
    return specs, direct


def _scopes(specs: list[_Spec], direct: dict[str, int], groups: dict[str, Scope]) -> dict[int, Scope]:
    """A gem is dev when only dev-group gems of the Gemfile lead to it; unreached gems stay runtime."""
    if not groups:
        return {}
    by_name: dict[str, list[int]] = {}
    for index, spec in enumerate(specs):
        by_name.setdefault(spec.name, []).append(index)
    scope: dict[int, Scope] = {}
    for wanted in (Scope.RUNTIME, Scope.DEV):
        queue: deque[str] = deque(n for n in direct if groups.get(n, Scope.RUNTIME) is wanted)
        reached: set[str] = set()
        while queue:
            name = queue.popleft()
            if name in reached:
                continue
            reached.add(name)
            for index in by_name.get(name, []):
                if index not in scope:
                    scope[index] = wanted
                queue.extend(specs[index].requires)
    return scope


_GEMFILE_GEM = re.compile(r"""^\s*gem\s*\(?\s*["']([^"']+)["'](.*)$""")
_GROUP_BLOCK = re.compile(r"^\s*group\s*\(?\s*(.+?)\)?\s+do\b")
_GROUP_OPTION = re.compile(r"""(?:group|groups)\s*(?::|=>)\s*(\[[^\]]*\]|:\w+|["'][^"']+["'])""")
_SYMBOL = re.compile(r""":(\w+)|["'](\w+)["']""")


def _gemfile_groups(folder: Path) -> dict[str, Scope]:
    """Gem name -> scope from the Gemfile's ``group`` blocks and ``group:`` options (text, not Ruby)."""
    for name in ("Gemfile", "gems.rb"):
        try:
            text = (folder / name).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        return _groups_in(text)
    return {}


def _groups_in(text: str) -> dict[str, Scope]:
    out: dict[str, Scope] = {}
    stack: list[set[str] | None] = []  # one entry per open do/if/... block; a set for group blocks
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        block = _GROUP_BLOCK.match(line)
        if block:
            stack.append({a or b for a, b in _SYMBOL.findall(block.group(1))})
            continue
        gem = _GEMFILE_GEM.match(line)
        if gem:
            groups: set[str] = set()
            for frame in stack:
                if frame:
                    groups |= frame
            option = _GROUP_OPTION.search(gem.group(2))
            if option:
                groups |= {a or b for a, b in _SYMBOL.findall(option.group(1))}
            scope = Scope.DEV if groups and groups <= DEV_GROUPS else Scope.RUNTIME
            known = out.get(gem.group(1))
            if known is None or _RANK[scope] < _RANK[known]:
                out[gem.group(1)] = scope
            continue
        stripped = line.strip()
        if stripped == "end" and stack:
            stack.pop()
        elif re.search(r"\bdo(\s*\|[^|]*\|)?$", stripped) or re.match(r"(if|unless|case|begin)\b", stripped):
            stack.append(None)
    return out


def _local_gemspecs(folder: Path, specs: list[_Spec]) -> dict[str, Gemspec]:
    """Gems from a local PATH: their gemspec (name -> what it declares), where it can be read."""
    out: dict[str, Gemspec] = {}
    for spec in specs:
        if spec.source != "PATH" or spec.remote is None or spec.name in out:
            continue
        base = folder / spec.remote
        for candidate in (base / f"{spec.name}.gemspec", *sorted(base.glob("*.gemspec"))):
            try:
                text = decode(candidate, candidate.read_bytes())
            except (OSError, InputError):
                continue
            gemspec = parse_gemspec(text, str(candidate))
            if gemspec.project.name in (spec.name, None):
                out[spec.name] = gemspec
                break
    return out


def _own_gemspec(folder: Path, specs: list[_Spec], gemspecs: dict[str, Gemspec]) -> Gemspec | None:
    """The gem this repository builds: the PATH gem at ".", else the only gemspec beside the lockfile."""
    for spec in specs:
        if spec.source == "PATH" and spec.remote in (".", "./") and spec.name in gemspecs:
            return gemspecs[spec.name]
    found = sorted(folder.glob("*.gemspec"))
    if len(found) == 1:
        try:
            return parse_gemspec(decode(found[0], found[0].read_bytes()), str(found[0]))
        except (OSError, InputError):
            return None
    return None


# --- gemspec -------------------------------------------------------------------------------------

# a Ruby string literal as gemspecs write them: "x", 'x', %q<x>, %q{x}, %q(x), %Q[x], with .freeze
_STRING_RE = re.compile(
    r""""((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'"""
    r"|%[qQ]?(?:<([^>]*)>|\{([^}]*)\}|\(([^)]*)\)|\[([^\]]*)\])"
)
_SPEC_VAR = re.compile(r"Gem::Specification\.new\b[^|\n]*\|\s*(\w+)\s*\|")
_WORDS = re.compile(r"%[wW](?:\[([^\]]*)\]|\(([^)]*)\)|\{([^}]*)\}|<([^>]*)>)")


@dataclass
class Gemspec:
    project: Project
    dependencies: list[tuple[str, Scope, str | None, int]]  # name, scope, requirement, line


def _strings(text: str) -> list[str]:
    out: list[str] = []
    for m in _STRING_RE.finditer(text):
        out.append(next(g for g in m.groups() if g is not None))
    for m in _WORDS.finditer(text):
        out.extend(next(g for g in m.groups() if g is not None).split())
    return out


def parse_gemspec(text: str, shown: str = "") -> Gemspec:
    var = _SPEC_VAR.search(text)
    v = re.escape(var.group(1)) if var else r"\w+"
    project = Project(location=Location(shown, 1))
    dependencies: list[tuple[str, Scope, str | None, int]] = []
    licenses: list[str] = []
    lines = text.splitlines()
    for number, raw in enumerate(lines, 1):
        line = raw.split(" #", 1)[0]
        m = re.match(rf"\s*{v}\.(name|version|license|licenses)\s*=\s*(.+)$", line)
        if m:
            attribute, value = m.group(1), m.group(2)
            if attribute == "licenses" and "[" in value and "]" not in value:
                # an array over several lines
                for more in lines[number:]:
                    value += " " + more.split(" #", 1)[0]
                    if "]" in more:
                        break
            values = _strings(value)
            if attribute == "name" and values:
                project.name = values[0]
            elif attribute == "version" and values and re.match(r"^[0-9][0-9A-Za-z.\-]*$", values[0]):
                project.version = values[0]
            elif attribute == "version" and re.match(r"\s*[A-Z]\w*(::[A-Z]\w*)*::VERSION\b", value) and shown:
                # Foo::VERSION: the constant is written in lib/**/version.rb by convention
                project.version = _version_constant(Path(shown).parent)
            elif attribute in ("license", "licenses") and values:
                if not licenses:
                    project.location = Location(shown, number)
                licenses.extend(values)
            continue
        m = re.match(
            rf"\s*{v}\.add_(runtime_|development_)?dependency\s*\(?\s*(.+)$",
            line,
        )
        if m:
            values = _strings(m.group(2))
            if values:
                scope = Scope.DEV if m.group(1) == "development_" else Scope.RUNTIME
                requirement = ", ".join(values[1:]) or None
                dependencies.append((values[0], scope, requirement, number))
    project.declared = [Declaration(x, "expression") for x in dict.fromkeys(licenses)]
    project.extra["choice"] = len(project.declared) > 1
    return Gemspec(project, dependencies)


_VERSION_CONSTANT = re.compile(r"""^\s*VERSION\s*=\s*["']([0-9][0-9A-Za-z.\-]*)["']""", re.MULTILINE)


def _version_constant(folder: Path) -> str | None:
    """The gem's ``VERSION = "x"`` from lib/**/version.rb, when exactly one version is written there."""
    found: set[str] = set()
    for candidate in sorted((folder / "lib").glob("**/version.rb"))[:20]:
        try:
            text = candidate.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        found.update(_VERSION_CONSTANT.findall(text))
    return found.pop() if len(found) == 1 else None


def read_gemspec(path: Path, data: bytes) -> InputFile:
    text = decode(path, data)
    shown = str(path)
    if "Gem::Specification" not in text:
        raise InputError(Message("input.not-gemspec"), path)
    gemspec = parse_gemspec(text, shown)
    result = InputFile(path=shown, format="gemspec", project=gemspec.project)
    best: dict[str, Component] = {}
    for name, scope, requirement, line in gemspec.dependencies:
        known = best.get(name)
        if known is not None and _RANK[known.scope or Scope.RUNTIME] <= _RANK[scope]:
            continue
        component = Component(name, purl=gem_purl(name), scope=scope, location=Location(shown, line))
        if requirement:
            component.extra["requirement"] = requirement
        best[name] = component
    result.components = list(best.values())
    return result
