"""Workspaces: a member's manifest is read through its workspace's lockfile, not on its own.

A folder search finds the manifest of every member of an npm, yarn, pnpm or Cargo workspace beside
the workspace root's lockfile, which already pins what the members need. Read on its own, each
member would list the same packages again, without versions. A member is left out when an ancestor
folder holds the workspace's lockfile (among the files read) and declares it as a member: npm and
yarn in the root package.json ``workspaces`` (a list, or yarn's ``{"packages": [...]}``), pnpm in
pnpm-workspace.yaml ``packages`` (``!`` excludes), Cargo in the root Cargo.toml ``[workspace]
members`` (less ``exclude``). The patterns are globs of folders (``*`` one level, ``**`` any).
"""

from __future__ import annotations

import fnmatch
import json
from pathlib import Path

from osscheck.errors import InputError
from osscheck.readers._source import as_dict, as_list, decode

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    #: a workspace root folder -> the patterns of its members, and those excluded
    Declares = Callable[[Path], tuple[list[str], list[str]]]

#: how far up a member's folder its workspace root is looked for
_MAX_DEPTH = 32


def _npm_members(root: Path) -> tuple[list[str], list[str]]:
    try:
        doc = json.loads(decode(root / "package.json", (root / "package.json").read_bytes()))
    except (OSError, ValueError, RecursionError, InputError):
        return [], []  # no readable root manifest: the member is read on its own
    workspaces = as_dict(doc).get("workspaces")
    if isinstance(workspaces, dict):  # yarn classic: {"packages": [...], "nohoist": [...]}
        workspaces = workspaces.get("packages")
    return [p for p in as_list(workspaces) if isinstance(p, str)], []


def _pnpm_members(root: Path) -> tuple[list[str], list[str]]:
    from osscheck.readers.yarn_lock import load_yaml  # lazy: start-up

    path = root / "pnpm-workspace.yaml"
    try:
        doc = load_yaml(path, decode(path, path.read_bytes()))
    except (OSError, InputError):
        return [], []
    patterns = [p.strip() for p in as_list(as_dict(doc).get("packages")) if isinstance(p, str)]
    return [p for p in patterns if not p.startswith("!")], [p[1:] for p in patterns if p.startswith("!")]


def _cargo_members(root: Path) -> tuple[list[str], list[str]]:
    from osscheck.toml_lines import loads  # lazy: start-up

    path = root / "Cargo.toml"
    try:
        workspace = as_dict(loads(path, decode(path, path.read_bytes())).get("workspace"))
    except (OSError, InputError):
        return [], []
    members = [p for p in as_list(workspace.get("members")) if isinstance(p, str)]
    # an excluded path leaves out the folder and everything below it
    excluded = [p for e in as_list(workspace.get("exclude")) if isinstance(e, str) for p in (e, f"{e}/**")]
    return members, excluded


#: member manifest -> (lockfiles of the workspace root, how that root declares its members)
_KINDS: dict[str, tuple[tuple[tuple[str, ...], Declares], ...]] = {
    "package.json": (
        (("package-lock.json", "npm-shrinkwrap.json", "yarn.lock"), _npm_members),
        (("pnpm-lock.yaml",), _pnpm_members),
    ),
    "Cargo.toml": ((("Cargo.lock",), _cargo_members),),
}


def read_through_root(
    manifest: Path, locks: set[Path], known: dict[tuple[Path, str], tuple[list[str], list[str]]]
) -> bool:
    """Is ``manifest`` a workspace member whose root's lockfile (one of ``locks``, resolved) is read?

    ``known`` keeps each root's declarations for the other members.
    """
    kinds = _KINDS.get(manifest.name)
    if kinds is None:
        return False
    folder = manifest.resolve().parent
    for root in list(folder.parents)[:_MAX_DEPTH]:
        for lock_names, declares in kinds:
            if not any(root / name in locks for name in lock_names):
                continue
            key = (root, lock_names[0])
            if key not in known:
                known[key] = declares(root)
            members, excluded = known[key]
            rel = folder.relative_to(root).as_posix()
            if any(matches(rel, p) for p in members) and not any(matches(rel, p) for p in excluded):
                return True
    return False


def matches(rel: str, pattern: str) -> bool:
    """Does the folder ``rel`` (``packages/a``) match a workspace glob (``packages/*``, ``libs/**``)?"""
    pattern = pattern.strip().removeprefix("./").rstrip("/")
    names, parts = rel.split("/"), [p for p in pattern.split("/") if p not in ("", ".")]
    # reach[j]: the first j pattern parts match the names seen so far (no backtracking, linear)
    reach = [True] + [False] * len(parts)
    for j, part in enumerate(parts):
        reach[j + 1] = reach[j] and part == "**"
    for name in names:
        nxt = [False] * (len(parts) + 1)
        for j, part in enumerate(parts):
            if part == "**":
                nxt[j + 1] = nxt[j + 1] or reach[j] or reach[j + 1] or nxt[j]
            elif reach[j] and fnmatch.fnmatchcase(name, part):
                nxt[j + 1] = True
        for j, part in enumerate(parts):  # "**" also matches no folder at all
            if part == "**" and nxt[j]:
                nxt[j + 1] = True
        reach = nxt
    return reach[-1]
