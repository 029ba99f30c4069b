"""What ``osscheck init`` would do to each file: write it new, append to it, leave it as it is, or
only show a diff. Pure functions from the file's current text to a :class:`Change`.

Appending is done only where it is safe and checked: the edited text must still parse, to the old
data plus exactly what was added; otherwise the change is shown as a diff and nothing is written.
Everything before an appended part stays byte for byte as it was (comments, line endings).
"""

from __future__ import annotations

import re
from pathlib import Path

from osscheck.errors import InputError, yaml_error
from osscheck.init import texts
from osscheck.messages import Message
from osscheck.model import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

WRITE, APPEND, UNCHANGED, DIFF = "write", "append", "unchanged", "diff"


class Change(Record):
    """One file: its path, its text now (``None``: not there), the text proposed, what to do, and
    ``what`` it holds (a message)."""

    _fields = ("path", "current", "proposed", "action", "what")

    def __init__(self, path: Path, current: str | None, proposed: str, action: str, what: Message) -> None:
        self.path = path
        self.current = current
        self.proposed = proposed
        self.action = action
        self.what = what


def read(path: Path) -> str | None:
    """The file's text exactly as stored (no newline translation), ``None`` when it is not there."""
    if not path.exists():
        return None
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(Message("config.cannot-read", reason=str(exc)), path) from None


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _appended(current: str, lines: list[str]) -> str:
    """``current`` with ``lines`` after it (a blank line between), in the file's line endings."""
    nl = _newline(current)
    head = current if current.endswith(("\n", "\r")) or not current else current + nl
    gap = nl if head.strip() else ""
    return head + gap + nl.join(lines) + nl


# --- the configuration ---------------------------------------------------------------------------


def config(
    path: Path, current: str | None, values: dict[str, str], configured: dict[str, Any], comment: str
) -> Change:
    """``[tool.osscheck]`` in pyproject.toml, or ``.osscheck.toml``, holding ``values``.

    ``configured``: the keys the project's configuration already sets (``{}``: it has none).
    """
    what = Message("init.what.config", keys=", ".join(values))
    pyproject = path.name == "pyproject.toml"
    if current is None:
        return Change(path, None, "\n".join(texts.config_lines(values, comment)) + "\n", WRITE, what)
    if all(configured.get(key) == value for key, value in values.items()):
        return Change(path, current, current, UNCHANGED, what)
    data = _toml(path, current)
    table: tuple[str, ...] = (
        ("tool", "osscheck") if pyproject else ("osscheck",) if "osscheck" in data else ()
    )
    if pyproject and not configured and "osscheck" not in (data.get("tool") or {}):
        proposed = _appended(current, ["[tool.osscheck]", *texts.config_lines(values, comment)])
        edited = _parsed(path, proposed)
        expected = dict(data)
        expected["tool"] = {**(data.get("tool") or {}), "osscheck": values}
        if edited == expected:
            return Change(path, current, proposed, APPEND, what)
        return Change(path, current, proposed, DIFF, what)
    return Change(path, current, _set_keys(current, table, values), DIFF, what)


def _toml(path: Path, text: str) -> dict[str, Any]:
    from osscheck.toml_lines import loads  # lazy: start-up

    return loads(path, text)


def _parsed(path: Path, text: str) -> dict[str, Any] | None:
    try:
        return _toml(path, text)
    except InputError:
        return None  # the edit does not parse: only a diff


def _set_keys(current: str, table: tuple[str, ...], values: dict[str, str]) -> str:
    """``current`` with each key of ``values`` set in ``table``: its line replaced, or a new line
    after the table's header (at the top for the top level of .osscheck.toml)."""
    from osscheck.toml_lines import TomlLines  # lazy: start-up

    nl = _newline(current)
    lines = current.splitlines()
    where = TomlLines(current)
    added: list[str] = []
    for key, value in values.items():
        line = where.key_line(table, key) if (table, key) in where.keys else None
        if line is not None:
            lines[line - 1] = f"{key} = {texts.toml_string(value)}"
        else:
            added.append(f"{key} = {texts.toml_string(value)}")
    header = where.table(table) if table else 0
    at = header if header is not None else len(lines)
    if header is None:
        added = ["", "[" + ".".join(table) + "]", *added]
    lines[at:at] = added
    return nl.join(lines) + nl


# --- pre-commit ----------------------------------------------------------------------------------


def precommit(path: Path, current: str | None, comment: str) -> Change:
    """The osscheck hook in .pre-commit-config.yaml: the file new, or one entry added to ``repos:``."""
    what = Message("init.what.hook", rev=texts.REV)
    if current is None:
        return Change(path, None, texts.precommit_config(comment), WRITE, what)
    data = _yaml(path, current)
    repos = data.get("repos") if isinstance(data, dict) else None
    if isinstance(repos, list) and any(_runs_osscheck(repo) for repo in repos):
        return Change(path, current, current, UNCHANGED, Message("init.what.has-hook"))
    expected = dict(data) if isinstance(data, dict) else {}
    expected["repos"] = [*(repos if isinstance(repos, list) else []), texts.hook_data()]
    proposed = _with_entry(current, data)
    if proposed is not None and _loaded(proposed) == expected:
        return Change(path, current, proposed, APPEND, what)
    import yaml

    rewritten = yaml.safe_dump(expected, sort_keys=False, default_flow_style=False)
    return Change(path, current, rewritten, DIFF, what)


def _yaml(path: Path, text: str) -> Any:
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise yaml_error(exc, path, text) from None


def _loaded(text: str) -> Any:
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return None


def _runs_osscheck(repo: object) -> bool:
    hooks = repo.get("hooks") if isinstance(repo, dict) else None
    return isinstance(hooks, list) and any(
        isinstance(h, dict) and h.get("id") == texts.HOOK_ID for h in hooks
    )


_TOP_KEY = re.compile(r"^[^\s#-]")


def _with_entry(current: str, data: Any) -> str | None:
    """``current`` with the hook's entry as the last item of the block list ``repos:``."""
    nl = _newline(current)
    if data is None:  # an empty file, or comments only
        return _appended(current, ["repos:", *texts.hook_entry("  ")])
    lines = current.splitlines()
    start = next((i for i, line in enumerate(lines) if re.match(r"^repos\s*:\s*(#.*)?$", line)), None)
    if start is None:
        return _appended(current, ["repos:", *texts.hook_entry("  ")]) if "repos" not in data else None
    end = next((i for i in range(start + 1, len(lines)) if _TOP_KEY.match(lines[i])), len(lines))
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1  # the blank lines before the next key stay before it
    items = [re.match(r"^(\s*)- ", line) for line in lines[start + 1 : end]]
    indent = next((m.group(1) for m in items if m), "  ")
    if end == len(lines):
        head = current if current.endswith(("\n", "\r")) else current + nl
        return head + nl.join(texts.hook_entry(indent)) + nl
    lines[end:end] = texts.hook_entry(indent)
    return nl.join(lines) + nl


# --- CI ------------------------------------------------------------------------------------------


def gitlab(path: Path, current: str | None, comment: str) -> Change:
    """.gitlab-ci.yml including the component; an existing one gets the include only as a diff."""
    what = Message("init.what.gitlab", component=texts.COMPONENT)
    if current is None:
        return Change(path, None, "\n".join(texts.gitlab_include(comment)) + "\n", WRITE, what)
    if "/osscheck/osscheck@" in current or "osscheck check" in current:
        return Change(path, current, current, UNCHANGED, Message("init.what.has-osscheck"))
    lines = current.splitlines()
    start = next((i for i, line in enumerate(lines) if re.match(r"^include\s*:\s*(#.*)?$", line)), None)
    if start is None:
        return Change(path, current, _appended(current, texts.gitlab_include(comment)), DIFF, what)
    lines[start + 1 : start + 1] = texts.gitlab_item()
    return Change(path, current, _newline(current).join(lines) + _newline(current), DIFF, what)


def github(path: Path, current: str | None, comment: str) -> Change:
    """.github/workflows/osscheck.yml: a workflow of its own, using the action."""
    what = Message("init.what.github", action=texts.ACTION)
    proposed = texts.github_workflow(comment)
    if current is None:
        return Change(path, None, proposed, WRITE, what)
    if current == proposed or f"uses: {texts.ACTION.split('@')[0]}@" in current:
        return Change(path, current, current, UNCHANGED, Message("init.what.has-osscheck"))
    return Change(path, current, proposed, DIFF, what)


def jenkins(path: Path, current: str | None, comment: str) -> Change:
    """A Jenkinsfile with the Licences stage; an existing one gets the stage only as a diff."""
    what = Message("init.what.jenkins")
    if current is None:
        return Change(path, None, texts.jenkinsfile(comment), WRITE, what)
    if "osscheck check" in current:
        return Change(path, current, current, UNCHANGED, Message("init.what.has-osscheck"))
    lines = current.splitlines()
    start = next((i for i, line in enumerate(lines) if re.match(r"^\s*stages\s*\{\s*$", line)), None)
    if start is None:
        return Change(path, current, texts.jenkinsfile(comment), DIFF, what)
    indent = re.match(r"^(\s*)", lines[start]).group(1) + "    "  # type: ignore[union-attr]
    lines[start + 1 : start + 1] = texts.jenkins_stage(indent)
    return Change(path, current, _newline(current).join(lines) + _newline(current), DIFF, what)
