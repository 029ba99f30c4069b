"""Installed Python environments, read as files (``*.dist-info/METADATA``), never by running them.

Used beside a pyproject.toml: a project's ``.venv`` pins exact versions and carries each
distribution's declared licence, as a lockfile would.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from osscheck.model import Declaration

ENV_DIRS = (".venv", "venv", "env")
_REQ_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._\-]*)\s*(\[[^\]]*\])?")


def canonical(name: str) -> str:
    """PEP 503 name normalisation."""
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass
class Distribution:
    name: str
    version: str | None
    declared: list[Declaration]
    requires: list[str] = field(default_factory=list)  # Requires-Dist lines
    path: Path | None = None
    license_files: list[str] = field(default_factory=list)


def site_packages(root: Path) -> list[Path]:
    """site-packages folders of a virtual environment (or the folder itself if it is one)."""
    if root.name in ("site-packages", "dist-packages"):
        return [root]
    found = sorted(root.glob("lib/python*/site-packages")) + sorted(root.glob("lib/site-packages"))
    found += sorted(root.glob("Lib/site-packages"))
    return [p for p in found if p.is_dir()]


def environment_beside(folder: Path) -> list[Path]:
    for name in ENV_DIRS:
        env = folder / name
        if (env / "pyvenv.cfg").is_file():
            return site_packages(env)
    return []


def distributions(folders: list[Path]) -> dict[str, Distribution]:
    """Installed distributions by canonical name."""
    out: dict[str, Distribution] = {}
    for folder in folders:
        for meta in sorted(folder.glob("*.dist-info/METADATA")):
            try:
                text = meta.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            dist = parse_metadata(text)
            if dist is None:
                continue
            dist.path = meta
            out.setdefault(canonical(dist.name), dist)
    return out


def parse_metadata(text: str) -> Distribution | None:
    """Core metadata (RFC 822 style headers); only the headers, not the description."""
    headers: list[tuple[str, str]] = []
    for line in text.splitlines():
        if not line.strip():
            break
        if line[:1] in (" ", "\t") and headers:
            key, value = headers[-1]
            headers[-1] = (key, value + "\n" + line.strip())
            continue
        key, sep, value = line.partition(":")
        if sep:
            headers.append((key.strip().lower(), value.strip()))
    name = next((v for k, v in headers if k == "name"), None)
    if not name:
        return None
    declared: list[Declaration] = []
    for key, value in headers:
        if key == "license-expression" and value:
            declared.append(Declaration(value, "expression"))
    for key, value in headers:
        if key == "license" and value and value.upper() != "UNKNOWN":
            declared.append(Declaration(value, "text" if "\n" in value or len(value) > 200 else "name"))
        elif key == "classifier" and value.startswith("License ::"):
            declared.append(Declaration(value, "classifier"))
    return Distribution(
        name=name,
        version=next((v for k, v in headers if k == "version"), None),
        declared=declared,
        requires=[v for k, v in headers if k == "requires-dist"],
        license_files=[v for k, v in headers if k == "license-file"],
    )


def requirement_name(requirement: str) -> tuple[str, set[str]] | None:
    """Name and extras of a PEP 508 requirement string."""
    m = _REQ_NAME.match(requirement)
    if not m:
        return None
    extras = {canonical(e) for e in (m.group(2) or "").strip("[]").split(",") if e.strip()}
    return m.group(1), extras


def requirement_extra(requirement: str) -> str | None:
    """The extra a Requires-Dist line belongs to (``; extra == "socks"``), if any."""
    m = re.search(r"""extra\s*==\s*['"]([^'"]+)['"]""", requirement)
    return canonical(m.group(1)) if m else None
