"""Which shipped policy fits a project, from the files it has: one rule, the first that matches.

1. ``--policy`` given, else the policy the project's configuration already names;
2. a ``publiccode.yml``, or a ``.gitlab-ci.yml`` or git remote on opencode.de: published on
   Open CoDE, so ``open-code``;
3. a ``Dockerfile`` that exposes a port, or a Compose file that publishes one: a service used over
   the network, so ``network-service``;
4. a package manifest (pyproject.toml, package.json, Cargo.toml) without an application marker
   (scripts, ``bin``, ``"private": true``, ``src/main.rs``): a library, so ``library``;
5. else ``public-code``, the default for software a municipality publishes.

Every answer comes with its reason, a message naming the file (and line) that decided it.
"""

from __future__ import annotations

import re
from pathlib import Path

from osscheck.errors import InputError
from osscheck.messages import Message

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

PUBLICCODE = ("publiccode.yml", "publiccode.yaml")
COMPOSE = ("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml")
_OPENCODE = re.compile(r"(^|[/.@])opencode\.de\b", re.IGNORECASE | re.MULTILINE)
_EXPOSE = re.compile(r"^\s*EXPOSE\s+\S", re.IGNORECASE)
_PORTS = re.compile(r"^\s+ports\s*:")


def policy_for(
    folder: Path, given: str | None, configured: str | None, source: str | None
) -> tuple[str, Message]:
    """The policy for the project in ``folder`` and why it was chosen."""
    if given:
        return given, Message("init.policy.given")
    if configured:
        return configured, Message("init.policy.configured", file=file_name(source, folder))
    for rule in (_open_code, _network_service, _library):
        found = rule(folder)
        if found is not None:
            return found
    return "public-code", Message("init.policy.default")


def file_name(source: str | None, folder: Path) -> str:
    """A configuration file's name as the user knows it: bare when it is in the project folder."""
    if source is None:
        return ""
    path = Path(source)
    return path.name if path.parent == folder else str(path)


def _text(path: Path) -> str | None:
    """The file's text; ``None`` where there is no such regular file (a marker that is not there)."""
    if not path.is_file():
        return None
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None  # unreadable: no marker; the check itself reports what it cannot read


def _open_code(folder: Path) -> tuple[str, Message] | None:
    for name in PUBLICCODE:
        if (folder / name).is_file():
            return "open-code", Message("init.policy.publiccode", file=name)
    for name in (".gitlab-ci.yml", ".git/config"):
        text = _text(folder / name)
        found = _OPENCODE.search(text) if text else None
        if text and found:
            line = text.count("\n", 0, found.start()) + 1
            return "open-code", Message("init.policy.opencode", where=f"{name}:{line}")
    return None


def _network_service(folder: Path) -> tuple[str, Message] | None:
    names = ["Dockerfile", *sorted(p.name for p in folder.glob("Dockerfile.*")), *COMPOSE]
    for name in names:
        text = _text(folder / name)
        if text is None:
            continue
        marker = _EXPOSE if name.startswith("Dockerfile") else _PORTS
        for number, line in enumerate(text.splitlines(), 1):
            if marker.match(line):
                return "network-service", Message("init.policy.network", where=f"{name}:{number}")
    return None


def _library(folder: Path) -> tuple[str, Message] | None:
    """``library`` for a package manifest without an application marker; ``public-code`` with one."""
    for name, markers in (("pyproject.toml", _python), ("package.json", _javascript), ("Cargo.toml", _rust)):
        path = folder / name
        if not path.is_file():
            continue
        marker = markers(path, folder)
        if marker is None:
            continue  # not a package (a pyproject.toml of tools only)
        if marker:
            return "public-code", Message("init.policy.application", file=name, marker=marker)
        return "library", Message("init.policy.library", file=name)
    return None


def _toml(path: Path) -> dict[str, Any]:
    from osscheck.toml_lines import loads  # lazy: start-up

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(Message("config.cannot-read", reason=str(exc)), path) from None
    return loads(path, text)


def _python(path: Path, folder: Path) -> str | None:
    """The application marker of a pyproject.toml ("" for none), ``None`` when it declares no package."""
    data = _toml(path)
    project, poetry = data.get("project"), data.get("tool", {}).get("poetry")
    if not isinstance(project, dict) and not isinstance(poetry, dict):
        return None
    for table, key, where in (
        (project, "scripts", "[project.scripts]"),
        (project, "gui-scripts", "[project.gui-scripts]"),
        (poetry, "scripts", "[tool.poetry.scripts]"),
    ):
        if isinstance(table, dict) and table.get(key):
            return where
    return "manage.py" if (folder / "manage.py").is_file() else ""


def _javascript(path: Path, folder: Path) -> str | None:
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(Message("input.invalid-json", problem=str(exc)), path) from None
    if not isinstance(data, dict):
        return None
    if data.get("private") is True:
        return '"private": true'
    return '"bin"' if data.get("bin") else ""


def _rust(path: Path, folder: Path) -> str | None:
    data = _toml(path)
    if not isinstance(data.get("package"), dict):
        return None  # a workspace: its members decide
    if data.get("bin") or (folder / "src" / "main.rs").is_file():
        return "[[bin]]" if data.get("bin") else "src/main.rs"
    return ""
