"""portfolio.toml: the projects of an administration, with who owns them and where their report is.

```toml
[[project]]
name = "buergerportal"          # required
repository = "https://gitlab.example.org/stadt/buergerportal"
office = "Amt 10"               # Amt / Fachbereich
application = "Bürgerservice"   # Fachverfahren
contact = "ospo@example.org"
policy = "public-code"          # the policy its report is expected to use
report = "reports/buergerportal/*.json"   # a path or glob, relative to this file
```
Every mistake is an error at FILE:LINE, as in a policy file.
"""

from __future__ import annotations

from pathlib import Path

from osscheck import toml_lines
from osscheck.errors import InputError
from osscheck.messages import Message

KEYS = ("name", "repository", "office", "application", "contact", "policy", "report")


class Project:
    """One ``[[project]]`` entry; ``reports`` are the files its ``report`` glob names."""

    def __init__(self, name: str, fields: dict[str, str | None], reports: tuple[Path, ...]) -> None:
        self.name = name
        self.repository = fields.get("repository")
        self.office = fields.get("office")
        self.application = fields.get("application")
        self.contact = fields.get("contact")
        self.policy = fields.get("policy")
        self.report = fields.get("report")
        self.reports = reports


def load(path: Path) -> list[Project]:
    """The projects of ``path``, in the file's order."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise InputError(Message("input.cannot-read", reason=reason), path) from None
    doc = toml_lines.loads(path, text)
    lines = toml_lines.TomlLines(text)
    for key in doc:
        if key != "project":
            raise InputError(
                Message("portfolio.unknown-key", key=key, known="project"), path, lines.line((), key)
            )
    entries = doc.get("project", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise InputError(Message("portfolio.projects-not-array"), path, lines.line((), "project"))
    projects: list[Project] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):

        def line(key: str | None = None, index: int = index) -> int | None:
            return lines.entry_line(("project",), index, key)

        for key, value in entry.items():
            if key not in KEYS:
                known = ", ".join(KEYS)
                raise InputError(Message("portfolio.unknown-key", key=key, known=known), path, line(key))
            if not isinstance(value, str):
                raise InputError(Message("portfolio.not-a-string", key=key), path, line(key))
        name = entry.get("name", "").strip()
        if not name:
            raise InputError(Message("portfolio.needs-name"), path, line("name"))
        if name in seen:
            raise InputError(Message("portfolio.duplicate-project", name=name), path, line("name"))
        seen.add(name)
        report = entry.get("report")
        projects.append(Project(name, entry, _reports(path.parent, report) if report else ()))
    return projects


def _reports(base: Path, pattern: str) -> tuple[Path, ...]:
    """The files ``pattern`` (a path or a glob, relative to the toml's folder) names, sorted."""
    if Path(pattern).is_absolute():
        anchor = Path(Path(pattern).anchor)
        matches = anchor.glob(str(Path(pattern).relative_to(anchor)))
    else:
        matches = base.glob(pattern)
    return tuple(sorted((p for p in matches if p.is_file()), key=lambda p: p.as_posix()))
