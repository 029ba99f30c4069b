"""``osscheck init``: set a project up in one step (issue 16), asking nothing it can find out.

It chooses a policy by one rule (osscheck.init.choose) and reads the outbound licence from the
manifests as ``osscheck check`` does, then writes the configuration (``[tool.osscheck]`` in
pyproject.toml, else ``.osscheck.toml``), the pre-commit hook and, with ``--ci``, the CI file of
the README's CI section. It never overwrites: a file that exists and differs from what it would
write is appended to where that is safe and checked, else left alone with the proposed change shown
as a unified diff. Exit 0 when done, 1 when something was left as a diff, 2 on an error.
"""

from __future__ import annotations

from pathlib import Path

from osscheck.errors import UsageError, printable_lines
from osscheck.messages import Message, render

TYPE_CHECKING = False
if TYPE_CHECKING:
    from osscheck.init.edits import Change
    from osscheck.report import Report

#: what ``--ci`` takes, and the file each writes
CI_FILES = {"gitlab": ".gitlab-ci.yml", "github": ".github/workflows/osscheck.yml", "jenkins": "Jenkinsfile"}


def command(
    path: str = ".",
    ci: str | None = None,
    policy: str | None = None,
    outbound: str | None = None,
    lang: str | None = None,
) -> int:
    """Set up the project in ``path``; print what was chosen, written and left alone."""
    from osscheck import i18n, runner

    runner.set_error_language(lang)
    language = i18n.detect(lang)
    folder = Path(path)
    if not folder.is_dir():
        raise UsageError(Message("init.not-a-folder"), path)
    changes, said = plan(folder, ci, policy, outbound, lang, language)
    for line in said:
        _say(render(line, language))
    left = 0
    for change in changes:
        left += _apply(change, folder, language)
    _say(render(Message("init.next-diff") if left else Message("init.next"), language))
    return 1 if left else 0


def plan(
    folder: Path, ci: str | None, policy: str | None, outbound: str | None, lang: str | None, language: str
) -> tuple[list[Change], list[Message]]:
    """The changes to make, and the messages that say what was chosen and why."""
    import osscheck
    from osscheck.config import find_config
    from osscheck.init import choose, edits

    if ci is not None and ci not in CI_FILES:
        raise UsageError(Message("usage.not-a-choice", option="--ci", choices=", ".join(CI_FILES), value=ci))
    configured = find_config(folder)
    chosen, why = choose.policy_for(folder, policy, configured.policy, configured.source)
    if policy is not None:
        osscheck.load_policy(policy)  # a name or file that is no policy is an error now, not in CI
    report = osscheck.check([folder], policy=chosen, outbound=outbound or configured.outbound)
    said = [Message("init.chose-policy", policy=chosen, reason=why)]
    values = {"policy": chosen}
    if outbound is not None:
        said.append(Message("init.outbound.given", license=report.outbound))
        values["outbound"] = str(report.outbound)
    elif configured.outbound is not None:
        file = choose.file_name(configured.source, folder)
        said.append(Message("init.outbound.configured", license=report.outbound, file=file))
        values["outbound"] = str(report.outbound)
    elif report.outbound_source == "project":
        said.append(
            Message("init.outbound.project", license=report.outbound, file=_declared_in(report, folder))
        )
        values["outbound"] = str(report.outbound)
    elif report.outbound is not None:
        said.append(Message("init.outbound.policy", license=report.outbound))
    else:
        said.append(Message("init.outbound.unknown"))
    if lang is not None:
        values["lang"] = lang
    comment = Message("init.comment.config", policy=chosen, reason=why)
    target = Path(configured.source) if configured.source else folder / "pyproject.toml"
    if not target.is_file():
        target = folder / ".osscheck.toml"
    known = {key: getattr(configured, key) for key in values if getattr(configured, key) is not None}
    changes = [edits.config(target, edits.read(target), values, known, render(comment, language))]
    hook = folder / ".pre-commit-config.yaml"
    changes.append(edits.precommit(hook, edits.read(hook), render(Message("init.comment.hook"), language)))
    if ci is not None:
        where = folder / CI_FILES[ci]
        make = {"gitlab": edits.gitlab, "github": edits.github, "jenkins": edits.jenkins}[ci]
        changes.append(make(where, edits.read(where), render(Message("init.comment.ci"), language)))
    return changes, said


def _declared_in(report: Report, folder: Path) -> str:
    """The manifest that declared the project's licence (the first, as api.check reads them)."""
    for source in report.inputs:
        project = source.project
        if project is not None and project.declared:
            found = Path(source.path)
            try:
                return str(found.resolve().relative_to(folder.resolve()))
            except ValueError:
                return str(found)
    return ""


def _apply(change: Change, folder: Path, lang: str) -> int:
    """Do the change (or show its diff); 1 when it was left as a diff."""
    from osscheck.init.edits import APPEND, DIFF, UNCHANGED, WRITE

    name = _relative(change.path, folder)
    if change.action == UNCHANGED:
        _say(render(Message("init.unchanged", file=name, what=change.what), lang))
        return 0
    if change.action == DIFF:
        import difflib

        _say(render(Message("init.left-alone", file=name, what=change.what), lang))
        diff = difflib.unified_diff(
            (change.current or "").splitlines(keepends=True),
            change.proposed.splitlines(keepends=True),
            f"a/{name}",
            f"b/{name}",
        )
        _say("".join(line if line.endswith("\n") else line + "\n" for line in diff).rstrip("\n"))
        return 1
    try:
        change.path.parent.mkdir(parents=True, exist_ok=True)
        if change.action == WRITE:
            with change.path.open("xb") as out:  # never over a file that appeared meanwhile
                out.write(change.proposed.encode("utf-8"))
        else:
            assert change.action == APPEND
            change.path.write_bytes(change.proposed.encode("utf-8"))
    except OSError as exc:
        raise UsageError(Message("init.cannot-write", reason=str(exc.strerror or exc)), name) from None
    if change.action == WRITE:
        done = Message("init.wrote", file=name, what=change.what)
    else:
        done = Message("init.appended", file=name, what=change.what)
    _say(render(done, lang))
    return 0


def _relative(path: Path, folder: Path) -> str:
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return str(path)


def _say(text: str) -> None:
    print(printable_lines(text))
