"""The public API: ``scan`` finds and reads inputs, ``check`` judges them under a policy.

import osscheck
report = osscheck.check(["."], policy="public-code")
print(report.summary.passed)
"""

from __future__ import annotations

import functools
import gc
from pathlib import Path

from osscheck import __version__
from osscheck.errors import CacheError, ExpressionError, InputError, OsscheckError, UsageError
from osscheck.messages import Message
from osscheck.model import Component, Finding, InputFile, Inventory, Location, Severity
from osscheck.policy.model import Policy
from osscheck.report import FAIL_ON, Report

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Iterable, Sequence
    from typing import Any, TypeVar

    from osscheck.enrich.settings import Settings as EnrichSettings
    from osscheck.filelicences import FileLicences

    F = TypeVar("F", bound=Callable[..., Any])


def _without_cyclic_gc(function: F) -> F:
    """Pause Python's cyclic garbage collector while a check runs.

    Reading a large SBOM makes millions of small objects and no reference cycles worth collecting;
    the collector would otherwise walk them again and again (half the time of a 100,000-component
    check). Its earlier state is restored afterwards.
    """

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return wrapper  # type: ignore[return-value]


@_without_cyclic_gc
def scan(paths: Sequence[str | Path] = (".",), exclude: Iterable[str] = ()) -> Inventory:
    """Read every input under ``paths``; unreadable ones end up in ``Inventory.errors``."""
    from osscheck import readers

    paths = list(paths)
    targets, problems = readers.discover(paths, exclude)
    if not targets and not problems:  # finding nothing to check is no passed check
        where = paths[0] if len(paths) == 1 else None
        problems.append(InputError(Message("input.no-inputs"), where))
    inventory = Inventory(errors=list(problems))
    from osscheck.progress import Progress

    found: list[InputFile] = []  # inputs a folder search found, not named
    named = {Path(p).resolve() for p in paths if Path(p).is_file()}  # also found by a search
    with Progress(len(targets), "reading") as progress:
        for target in targets:
            progress.step(str(target.path))
            try:
                source = readers.read(target)
            except InputError as exc:
                inventory.errors.append(exc)
                continue
            inventory.inputs.append(source)
            if not target.explicit and target.path.resolve() not in named:
                found.append(source)
            # entries that could not be read: their file's readable components are still reported
            inventory.errors.extend(source.errors)
    _set_aside_own_output(inventory.inputs, found)
    return inventory


def _set_aside_own_output(inputs: list[InputFile], found: list[InputFile]) -> None:
    """An SBOM that osscheck wrote, found by a folder search beside other inputs, is not read.

    It repeats what those inputs said when it was written: a stale one would outvote the lockfile
    it came from. Kept among the inputs without components (a note says why); named, it is read.
    """
    from osscheck.readers._source import SET_ASIDE, written_by_osscheck

    own = [i for i in found if written_by_osscheck(i)]
    if not own or len(own) == len(inputs):
        return
    for source in own:
        source.components = []
        if source.project is not None:
            source.project.declared = []
            source.project.extra[SET_ASIDE] = True


@_without_cyclic_gc
def check(
    paths: Sequence[str | Path] = (".",),
    policy: str | Path | Policy | None = None,
    outbound: str | None = None,
    fail_on: str = "denied",
    include_dev: bool | None = None,
    exclude: Iterable[str] = (),
    today: dt.date | None = None,
    inventory: Inventory | None = None,
    online: bool | None = None,
    enrich_settings: EnrichSettings | None = None,
    cached_answers: bool = False,
    reuse_lint: str | Path | None = None,
    run_reuse: bool = False,
    reuse_headers: bool | None = None,
) -> Report:
    """Scan ``paths`` (or use ``inventory``) and judge every component under ``policy``.

    The licences of the project's own files are judged too, as components marked as files
    (:mod:`osscheck.filelicences`): from ``reuse_lint`` (a ``reuse lint --json`` output), else from
    the reuse tool where ``run_reuse`` and it is installed, else from a bounded scan of the headers.
    ``reuse_headers``: ``None`` scans the folders in ``paths`` only; ``True`` also the current folder
    when only files are named (the pre-commit hook); ``False`` never. With ``inventory`` given, only
    ``reuse_lint`` adds file licences.

    ``online``: ``True`` looks unknown and unclear licences up (cached); ``False`` answers those
    look-ups from the cache alone, without a connection; ``None`` looks nothing up, except that
    with ``cached_answers`` the answers of earlier look-ups are used where the cache has them.
    """
    from osscheck.policy import load_policy
    from osscheck.policy.evaluate import evaluate
    from osscheck.resolve import resolve

    if fail_on not in FAIL_ON:
        raise UsageError(Message("usage.fail-on", choices=", ".join(FAIL_ON)))
    loaded = policy if isinstance(policy, Policy) else load_policy(policy, online=online is True)
    if include_dev is not None:
        loaded = loaded.replace(dev_dependencies=include_dev)
    if outbound is not None:
        _check_outbound(outbound)
    files = None  # an inventory given is what the caller chose to judge: its files are not scanned
    if inventory is None or reuse_lint is not None:
        files = _file_licences(paths, exclude, reuse_lint, run_reuse, reuse_headers)
    if inventory is None:
        inventory = scan(paths, exclude)
    if files is not None:  # the project's own files: judged as components, their input listed
        inventory.inputs.extend(files.inputs)
        main = list(inventory.errors)
        inventory.errors.extend(e for e in files.errors if not _said(e, main))
    from osscheck.merge import merge

    components, merge_findings = merge(inventory.inputs, loaded.multiple_licenses)
    resolve(components, loaded.multiple_licenses)
    lookup_findings: list[Finding] = []
    if online is not None:
        from osscheck.enrich import enrich

        lookup_findings = enrich(components, loaded, online, enrich_settings)
    elif cached_answers:
        lookup_findings = _answers_from_cache(components, loaded, enrich_settings)
    chosen_outbound, outbound_source, project_findings = _outbound(outbound, inventory.inputs, loaded)
    findings = evaluate(components, loaded, chosen_outbound, today, _project_name(inventory.inputs))
    findings = project_findings + findings + lookup_findings + _project_findings(loaded, inventory, paths)
    findings += _set_aside_notes(inventory.inputs)
    findings += merge_findings + _dev_group_notes(inventory.inputs)
    own_licences = None  # None: the report lists what the manifests named on the command line declare
    if any(Path(p).is_dir() for p in paths):  # the hook names files: nothing more is read or imported
        from osscheck.ownlicense import check_folders  # lazy: start-up

        # facts about the project, not policy: they are found under every policy
        own_licences, own_findings, unreadable = check_folders(paths, inventory.inputs)
        findings += own_findings
        inventory.errors.extend(unreadable)  # fail closed: a licence file not read has not passed
    if files is not None:
        findings += files.findings
    if any(i.format == "publiccode-yml" for i in inventory.inputs):  # its dependsOn entries and its validity
        from osscheck.readers.publiccode import publiccode_findings  # lazy: start-up

        findings += publiccode_findings(inventory.inputs)
    if loaded.deny_from.get("rules"):  # staged rules: their errors are warnings until the day
        from osscheck.policy.staging import stage_findings  # lazy: start-up

        findings = stage_findings(findings, loaded, today)
    return Report(
        tool_version=__version__,
        policy_name=loaded.name,
        policy_title=loaded.title,
        policy_source=loaded.source,
        policy_digest=loaded.digest,
        context=loaded.context,
        outbound=chosen_outbound,
        outbound_source=outbound_source,
        inputs=sorted(inventory.inputs, key=lambda i: i.path),  # the order of arguments does not matter
        components=components,
        findings=_sorted_findings(findings),
        errors=inventory.errors,
        notes=loaded.notes,
        fail_on=fail_on,
        exceptions=loaded.exceptions,
        project_licenses=own_licences,
        opencode=loaded.non_opencode != "allow",
        reuse=files.status if files is not None else None,
    )


def _said(error: OsscheckError, errors: list[OsscheckError]) -> bool:
    """Whether ``errors`` already tell of what ``error`` says: the same line (a folder neither walk
    could list), or a file named in another's message (a FIFO a requirements file includes)."""
    import re

    from osscheck.messages import render

    line = str(error)
    if any(str(e) == line for e in errors):
        return True
    if error.path is None:
        return False
    name = re.escape(Path(error.path).name)
    named = re.compile(rf"(?:^|[\s/:'\"]){name}(?:$|[\s:'\"])")
    # in the message, not in where it is: two FIFOs of one name in two folders are two errors
    return any(e.path != error.path and named.search(render(e.message, "en")) for e in errors)


def _file_licences(
    paths: Sequence[str | Path],
    exclude: Iterable[str],
    lint: str | Path | None,
    run_reuse: bool,
    headers: bool | None,
) -> FileLicences | None:
    """The licences of the project's own files, where a folder is checked or they are asked for."""
    folders = list(dict.fromkeys(Path(p) for p in paths if Path(p).is_dir()))
    if not folders and (headers or lint is not None):  # reuse = true alone does not slow the hook
        folders = [Path(".")]  # files named (the hook): the project is the current folder
    if not folders or (headers is False and lint is None and not run_reuse):
        return None
    from osscheck.filelicences import file_licences  # lazy: start-up
    from osscheck.readers import excluded

    patterns = tuple(exclude)
    return file_licences(folders, lint, run_reuse, lambda rel: excluded(rel, patterns))


def _answers_from_cache(
    components: list[Component], policy: Policy, settings: EnrichSettings | None
) -> list[Finding]:
    """The default between --online and --offline: what earlier look-ups found, if they were made.

    Costs nothing when no cache exists or every licence is known (the pre-commit case); a component
    the cache does not know stays as it was, without a finding about it.
    """
    from osscheck.cache_folder import HTTP_CACHE_NAME as CACHE_NAME
    from osscheck.enrich.settings import Settings

    settings = settings or Settings.load()
    unclear = any(c.license is None or (c.confidence or 0) < policy.min_confidence for c in components)
    if not unclear or not (settings.cache_dir / CACHE_NAME).is_file():
        return []
    from importlib.util import find_spec

    if find_spec("requests_cache") is None or find_spec("requests") is None:
        return []
    from osscheck.enrich import enrich

    try:
        found = enrich(components, policy, False, settings)
    except CacheError as exc:  # damaged: this run was not asked for look-ups, so it goes on without
        from osscheck.runner import warn

        warn(exc)
        return []
    return [f for f in found if f.rule != "lookup-failed"]


def _project_name(inputs: Iterable[InputFile]) -> str | None:
    """The project's name as its inputs give it (the first that names one), for a register's scope."""
    for source in sorted(inputs, key=lambda i: i.path):
        if source.project is not None and source.project.name:
            return str(source.project.name)
    return None


def _check_outbound(outbound: str) -> None:
    from osscheck.licenses.expression import parse

    try:
        if parse(outbound).expression is None:
            raise UsageError(Message("usage.outbound-not-a-licence", value=repr(outbound)))
    except ExpressionError as exc:
        raise UsageError(Message("usage.outbound", problem=exc.message)) from None


def _dev_group_notes(inputs: list[InputFile]) -> list[Finding]:
    """Which dependency groups the readers took as development (``Project.extra["dev_groups"]``)."""
    notes: dict[tuple[Message, Location], Finding] = {}
    for source in sorted(inputs, key=lambda i: i.path):
        taken = source.project.extra.get("dev_groups") if source.project is not None else None
        if taken is None:
            continue
        names, where = taken
        message = Message("finding.dev-groups", groups=", ".join(names))
        from osscheck import rules  # lazy: start-up

        notes.setdefault(
            (message, where),
            Finding(
                "dev-groups",
                rules.severity("dev-groups"),
                message,
                Message("rule.dev-groups.hint"),
                location=where,
            ),
        )
    return list(notes.values())


def _outbound(
    option: str | None, inputs: list[InputFile], policy: Policy
) -> tuple[str | None, str, list[Finding]]:
    """The licence the project is published under: option, else the project's own, else the policy's."""
    from osscheck.resolve import combine, normalize

    if option is not None:
        from osscheck.licenses.expression import normalize as canonical

        return canonical(option), "option", _osi_findings(canonical(option), policy, None)
    for source in sorted(inputs, key=lambda i: i.path):
        project = source.project
        if project is None or not project.declared:
            continue
        result = combine(
            [normalize(d.value, d.kind) for d in project.declared],
            [d.kind for d in project.declared],
            "any" if project.extra.get("choice") else "all",
            [d.value for d in project.declared],
        )
        if result.license is not None:
            return result.license, "project", _osi_findings(result.license, policy, project.location)
    return policy.outbound, "policy", _osi_findings(policy.outbound, policy, None)


def _osi_findings(outbound: str | None, policy: Policy, where: Location | None) -> list[Finding]:
    if not policy.outbound_osi or outbound is None:
        return []
    from osscheck.licenses import catalog
    from osscheck.licenses.expression import parse

    node = parse(outbound).expression
    bad = list(dict.fromkeys(catalog.not_osi_approved(node))) if node else []
    if not bad:
        return []
    from osscheck import rules  # lazy: start-up

    return [
        Finding(
            "outbound-not-osi",
            rules.severity("outbound-not-osi"),
            Message("finding.outbound-not-osi", license=outbound, terms=", ".join(bad)),
            Message("rule.outbound-not-osi.hint"),
            location=where,
        )
    ]


def _project_findings(policy: Policy, inventory: Inventory, paths: Sequence[str | Path]) -> list[Finding]:
    findings: list[Finding] = []
    folders = [Path(p) for p in paths if Path(p).is_dir()]
    if policy.require_license_file and folders:
        for folder in folders:
            if (
                not any(folder.glob("LICENSE*"))
                and not any(folder.glob("LICENCE*"))
                and not any(folder.glob("COPYING*"))
            ):
                from osscheck import rules  # lazy: start-up

                findings.append(
                    Finding(
                        "missing-license-file",
                        rules.severity("missing-license-file"),
                        Message("finding.missing-license-file", folder=str(folder)),
                        Message("hint.missing-license-file"),
                        location=Location(str(folder)),
                    )
                )
    if policy.require_sbom and not any(i.format.startswith(("cyclonedx", "spdx")) for i in inventory.inputs):
        from osscheck import rules  # lazy: start-up

        findings.append(
            Finding(
                "missing-sbom",
                rules.severity("missing-sbom"),
                Message("finding.missing-sbom"),
                Message("rule.missing-sbom.hint"),
            )
        )
    return findings


def _set_aside_notes(inputs: list[InputFile]) -> list[Finding]:
    from osscheck.readers._source import SET_ASIDE

    set_aside = [i for i in inputs if i.project is not None and i.project.extra.get(SET_ASIDE)]
    if not set_aside:
        return []
    from osscheck import rules  # lazy: start-up

    return [
        Finding(
            "own-sbom-not-read",
            rules.severity("own-sbom-not-read"),
            Message("finding.own-sbom-not-read"),
            Message("rule.own-sbom-not-read.hint"),
            location=Location(i.path),
        )
        for i in set_aside
    ]


_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTE: 2}


def _sorted_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(
        findings,
        key=lambda f: (_SEVERITY_ORDER[f.severity], f.component or "", f.rule, str(f.message)),
    )
