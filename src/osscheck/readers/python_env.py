"""Installed Python environments, read as files (``*.dist-info/METADATA``), never by running them.

Read on its own when a virtual environment (a folder with ``pyvenv.cfg``) or a ``site-packages`` /
``dist-packages`` folder is named on the command line, and beside a pyproject.toml, where a
project's ``.venv`` pins exact versions and carries each distribution's declared licence, as a
lockfile would. The licence files a distribution ships (``License-File``, PEP 639) and the
copyright lines in them are kept for attribution notices. Where METADATA says nothing exact (a
classifier, a family such as "BSD"), the licence files say which licence it is: a BSD-3-Clause text
makes "BSD" BSD-3-Clause, and a file that offers a choice ("tri-license") makes an OR.
"""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path

from osscheck.errors import InputError
from osscheck.messages import Message
from osscheck.model import Component, Declaration, InputFile, Location, Project, Record
from osscheck.readers import _notices, _purl
from osscheck.readers._source import read_head, read_regular

TYPE_CHECKING = False
if TYPE_CHECKING:
    from osscheck.licenses.normalized import Normalized

ENV_DIRS = (".venv", "venv", "env")
_REQ_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._\-]*)\s*(\[[^\]]*\])?")


def canonical(name: str) -> str:
    """PEP 503 name normalisation."""
    return re.sub(r"[-_.]+", "-", name).lower()


class Distribution(Record):
    def __init__(
        self,
        name: str,
        version: str | None,
        declared: list[Declaration],
        requires: list[str] | None = None,
        path: Path | None = None,
        license_files: list[str] | None = None,
        license_line: int | None = None,
    ) -> None:
        self.name = name
        self.version = version
        self.declared = declared
        self.requires = [] if requires is None else requires  # Requires-Dist lines
        self.path = path
        self.license_files = [] if license_files is None else license_files
        self.license_line = license_line  # line of the first licence header in METADATA


def is_environment(folder: Path) -> bool:
    """A virtual environment or a folder of installed distributions."""
    if (folder / "pyvenv.cfg").is_file() or (folder / "conda-meta").is_dir():
        return True
    return folder.name.lower() in ("site-packages", "dist-packages")


def site_packages(root: Path) -> list[Path]:
    """site-packages folders of a virtual environment (or the folder itself if it is one)."""
    if root.name.lower() in ("site-packages", "dist-packages"):
        return [root]
    found = sorted(root.glob("lib/python*/site-packages")) + sorted(root.glob("lib/site-packages"))
    found += sorted(root.glob("Lib/site-packages")) + sorted(root.glob("lib64/python*/site-packages"))
    unique: list[Path] = []
    for p in found:
        if p.is_dir() and all(p.resolve() != u.resolve() for u in unique):
            unique.append(p)
    return unique


def environment_beside(folder: Path) -> list[Path]:
    for name in ENV_DIRS:
        env = folder / name
        if (env / "pyvenv.cfg").is_file():
            return site_packages(env)
    return []


def _metadata_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.dist-info/METADATA")) + sorted(folder.glob("*.egg-info/PKG-INFO"))


def distributions(folders: list[Path], errors: list[InputError] | None = None) -> dict[str, Distribution]:
    """Installed distributions by canonical name; METADATA files that cannot be read go to ``errors``."""
    out: dict[str, Distribution] = {}
    for folder in folders:
        for meta in _metadata_files(folder):
            try:
                # only a regular file, and bounded: a FIFO named METADATA would block for ever
                text = read_regular(meta).decode("utf-8", errors="replace")
            except InputError as exc:
                if errors is not None:
                    errors.append(exc)
                continue
            dist = parse_metadata(text)
            if dist is None:
                continue
            dist.path = meta
            out.setdefault(canonical(dist.name), dist)
    return out


def parse_metadata(text: str) -> Distribution | None:
    """Core metadata (RFC 822 style headers); only the headers, not the description."""
    headers: list[tuple[str, str, int]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            break
        if line[:1] in (" ", "\t") and headers:
            key, value, at = headers[-1]
            headers[-1] = (key, value + "\n" + line.strip(), at)
            continue
        key, sep, value = line.partition(":")
        if sep:
            headers.append((key.strip().lower(), value.strip(), number))
    name = next((v for k, v, _ in headers if k == "name"), None)
    if not name:
        return None
    declared: list[Declaration] = []
    license_line = None
    for key, value, number in headers:
        if key == "license-expression" and value:
            declared.append(Declaration(value, "expression"))
            license_line = license_line or number
    for key, value, number in headers:
        if key == "license" and value and value.upper() != "UNKNOWN":
            declared.append(Declaration(value, "text" if "\n" in value or len(value) > 200 else "name"))
            license_line = license_line or number
        elif key == "classifier" and value.startswith("License ::"):
            declared.append(Declaration(value, "classifier"))
            license_line = license_line or number
    return Distribution(
        name=name,
        version=next((v for k, v, _ in headers if k == "version"), None),
        declared=declared,
        requires=[v for k, v, _ in headers if k == "requires-dist"],
        license_files=[v for k, v, _ in headers if k == "license-file"],
        license_line=license_line,
    )


def component(dist: Distribution, errors: list[InputError] | None = None) -> Component:
    """A component for an installed distribution, with its licence texts and copyright lines."""
    out = Component(
        name=dist.name,
        version=dist.version,
        purl=_purl.pypi(dist.name, dist.version),
        declared=list(dist.declared),
    )
    if dist.path is not None:
        out.location = Location(str(dist.path), dist.license_line or 1)
        out.extra["metadata"] = str(dist.path)
        files = _notices.read_named(license_files(dist), errors)
        texts = [text for file, text in files if _is_license_text(file, dist)]
        if texts and _says_nothing_exact(out.declared):
            # a classifier ("Apache Software License" names no version) or a family ("BSD"): the
            # licence files the distribution ships say which licence it is
            _from_license_files(out, texts)
        _notices.attach(out.extra, [text for _, text in files])
    return out


def license_texts(dist: Distribution) -> list[str]:
    """The licence and notice files a distribution ships (for attribution notices)."""
    return _notices.read_texts(license_files(dist))


def license_files(dist: Distribution) -> list[Path]:
    """Files named by License-File, and the LICENSE*, LICENCE*, COPYING* and NOTICE* files beside them."""
    if dist.path is None:
        return []
    info = dist.path.parent
    candidates: list[Path] = []
    for name in dist.license_files:
        if ".." in Path(name).parts or Path(name).is_absolute():
            continue
        # PEP 639 puts them under licenses/, older wheel builds straight into the dist-info folder
        places = (info / "licenses" / name, info / "license_files" / name, info / name)
        candidates += [p for p in places if p.exists() and not p.is_dir()][:1]
    candidates += _notices.license_files(info)
    with contextlib.suppress(OSError):
        if (info / "licenses").is_dir():
            candidates += sorted(p for p in (info / "licenses").rglob("*") if not p.is_dir())
    unique: list[Path] = []
    for p in candidates:
        if all(p != u for u in unique):
            unique.append(p)
    return unique


def _is_license_text(file: Path, dist: Distribution) -> bool:
    """LICENSE, COPYING and the like, and what License-File names; never AUTHORS, CONTRIBUTORS, NOTICE."""
    if _notices.NOT_LICENSE_TEXT.match(file.name):
        return False
    if _notices.LICENSE_TEXT_NAMES.match(file.name):
        return True
    return any(file.as_posix().endswith("/" + Path(name).as_posix()) for name in dist.license_files)


def _says_nothing_exact(declared: list[Declaration]) -> bool:
    """Nothing declared, or only classifiers and names that name no single licence ("BSD")."""
    from osscheck.resolve import normalize  # the licence tables: only for distributions that need them

    return all(d.kind == "classifier" or normalize(d.value, d.kind).license is None for d in declared)


def _from_license_files(out: Component, texts: list[str]) -> None:
    """Add the licence files as declarations; they decide over classifiers of the same licences.

    A classifier names a licence less exactly than its text ("LGPLv2+" where the file says LGPL 2.1+):
    such a classifier is kept as written but left out of the combination, and the component is
    resolved here (a reader that knows better). A classifier of another licence still counts.
    """
    from osscheck.licenses.texts import families  # lazy: start-up
    from osscheck.resolve import combine, normalize

    read = [(text, normalize(text, "text")) for text in texts]
    offered = next(((t, n) for t, n in read if n.license and " OR " in n.license), None)
    if offered is not None:
        # the statement that offers a choice speaks for the texts of the licences it offers
        named = set(families(offered[1].license))
        read = [offered] + [(t, n) for t, n in read if not n.license or not set(families(n.license)) <= named]
    elif not any(n.license for _, n in read):
        read = read[:1]  # nothing recognised: the first file says the licence is not a known one
    out.declared.extend(Declaration(text, "text") for text, _ in read)
    in_texts = {f for _, n in read for f in families(n.license)}
    kept = [d for d in out.declared if not _superseded(d, in_texts)]
    if len(kept) == len(out.declared):
        return  # the stage that resolves all components combines them as usual
    results: list[Normalized] = [normalize(d.value, d.kind) for d in kept]
    combined = combine(results, [d.kind for d in kept], "all", [d.value for d in kept])
    out.license, out.method, out.confidence = combined.license, combined.method, combined.confidence


def _superseded(declared: Declaration, in_texts: set[str]) -> bool:
    """A classifier of a licence whose text the distribution ships (its family is in the texts)."""
    from osscheck.licenses.texts import families  # lazy: start-up
    from osscheck.resolve import normalize

    if declared.kind != "classifier":
        return False
    named = families(normalize(declared.value, declared.kind).license)
    return bool(named) and set(named) <= in_texts


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


def read(path: Path, data: bytes) -> InputFile:
    """An installed environment named on the command line: every distribution in it."""
    folders = site_packages(path)
    if not folders:
        raise InputError(Message("input.no-site-packages"), path)
    result = InputFile(path=str(path), format="python-environment")
    dists = distributions(folders, result.errors)
    if not dists and not any(_metadata_files(f) for f in folders):
        raise InputError(Message("input.no-dist-info"), path)
    editable: list[Distribution] = []
    for key in sorted(dists):
        dist = dists[key]
        if _is_editable(dist) and not editable:
            editable.append(dist)  # the project itself, installed for development
            continue
        result.components.append(component(dist, result.errors))
    if editable:
        own = editable[0]
        where = Location(str(own.path), own.license_line or 1) if own.path else None
        result.project = Project(own.name, own.version, list(own.declared), where)
    return result


def _is_editable(dist: Distribution) -> bool:
    if dist.path is None:
        return False
    try:
        info = json.loads(read_head(dist.path.parent / "direct_url.json", 1 << 16).decode("utf-8"))
    except (InputError, ValueError, RecursionError):
        return False
    return (
        isinstance(info, dict)
        and isinstance(info.get("dir_info"), dict)
        and bool(info["dir_info"].get("editable"))
    )
