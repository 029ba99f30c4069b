"""The project licences the readers already found: manifests and publiccode.yml, as ``Project.declared``."""

from __future__ import annotations

from pathlib import Path

from osscheck.ownlicense.record import ProjectLicence

TYPE_CHECKING = False
if TYPE_CHECKING:
    from osscheck.model import InputFile

#: inputs whose project is not this project's own declaration: SBOMs describe a delivery (or repeat
#: what osscheck wrote), installed environments the packages in them
_NOT_DECLARATIONS = ("cyclonedx", "spdx", "python-environment", "node-modules")
_SOURCES = {"publiccode-yml": "publiccode.yml"}


def declared(inputs: list[InputFile], folder: Path | None) -> list[ProjectLicence]:
    """One record per manifest that declares the project's licence; in ``folder``'s root when given.

    A manifest's several statements (an expression and classifiers) come to one licence the way the
    outbound licence is read (api._outbound): OR where the manifest offers a choice, else AND.
    """
    from osscheck.resolve import combine, normalize

    root = folder.resolve() if folder is not None else None
    out: list[ProjectLicence] = []
    for source in sorted(inputs, key=lambda i: i.path):
        project = source.project
        if project is None or not project.declared or source.format.startswith(_NOT_DECLARATIONS):
            continue
        where = project.location
        if where is None:
            from osscheck.model import Location

            where = Location(source.path)
        if root is not None and Path(where.path).resolve().parent != root:
            continue  # a package further down (a workspace member, a test fixture) has its own licence
        result = combine(
            [normalize(d.value, d.kind) for d in project.declared],
            [d.kind for d in project.declared],
            "any" if project.extra.get("choice") else "all",
            [d.value for d in project.declared],
        )
        raw = "; ".join(d.value for d in project.declared)
        name = _SOURCES.get(source.format, Path(where.path).name)
        out.append(ProjectLicence(name, result.license, where, raw))
    return out
