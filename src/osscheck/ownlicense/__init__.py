"""The project's own licence, collected from everywhere it is declared, and checked.

A project says its licence in many places: its manifests (pyproject.toml, package.json, ...), its
publiccode.yml, the LICENSE / COPYING files in its root, the REUSE texts in ``LICENSES/`` and the
default annotation of ``REUSE.toml`` or ``.reuse/dep5``. openCode asks for a LICENSE file that is
complete and correct and agrees with the rest; :func:`check_folders` collects each declaration with
its FILE:LINE (:mod:`.record`) and reports where they disagree (:mod:`.agreement`) and what is wrong
with a licence text (:mod:`.files`). Facts about the project, not policy: they fire under any policy.

Only folders are searched for licence files; for files named on the command line (the pre-commit
hook) only what the readers already made of the manifests is listed (:func:`declared_in_inputs`),
so nothing is read or imported there that a hook run would not need anyway.
"""

from __future__ import annotations

from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from osscheck.errors import InputError
    from osscheck.model import Finding, InputFile
    from osscheck.ownlicense.record import ProjectLicence


def check_folders(
    paths: Sequence[str | Path], inputs: list[InputFile]
) -> tuple[list[ProjectLicence], list[Finding], list[InputError]]:
    """Every declaration of the licence of each folder in ``paths``, the findings, the unreadable files."""
    from osscheck.ownlicense.agreement import disagreements
    from osscheck.ownlicense.files import licence_files
    from osscheck.ownlicense.manifests import declared
    from osscheck.ownlicense.reuse import reuse_declarations

    records: list[ProjectLicence] = []
    findings: list[Finding] = []
    errors: list[InputError] = []
    for folder in dict.fromkeys(Path(p) for p in paths if Path(p).is_dir()):
        here = declared(inputs, folder)
        found, problems, unreadable = licence_files(folder)
        here += found + reuse_declarations(folder, unreadable)
        records += here
        findings += problems + disagreements(here, folder)
        errors += unreadable
    return sorted_records(records), findings, errors


def declared_in_inputs(inputs: Iterable[InputFile]) -> list[ProjectLicence]:
    """The project licences the readers found in manifests (for files named, not folders searched)."""
    from osscheck.ownlicense.manifests import declared

    return sorted_records(declared(list(inputs), None))


def sorted_records(records: Iterable[ProjectLicence]) -> list[ProjectLicence]:
    """A stable order: by file and line, then source; each declaration once."""
    unique = dict.fromkeys(records)
    return sorted(unique, key=lambda r: (r.location.path, r.location.line or 0, r.source, r.license or ""))
