"""Write the next release of a bench SBOM (bench/make_sbom.py): some versions and licences changed.

Of every 100 components, one is upgraded, one relicensed (upgraded to a source-available or
copyleft licence, as Redis and HashiCorp did), one loses its licence, one is removed and one added:
the changes ``osscheck diff`` looks for, at the scale of a real release.

    python bench/make_changed_sbom.py bench/out/sbom-100000.cdx.json bench/out/sbom-100000-next.cdx.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

RELICENSED = (
    [{"expression": "LicenseRef-RSALv2 OR SSPL-1.0"}],
    [{"license": {"id": "BUSL-1.1"}}],
    [{"license": {"id": "AGPL-3.0-only"}}],
)


def _upgraded(component: dict) -> None:
    major, minor, patch = component["version"].split(".")
    version = f"{major}.{int(minor) + 1}.{patch}"
    old = component["version"]
    component["version"] = version
    for key in ("purl", "bom-ref"):
        component[key] = component[key].removesuffix("@" + old) + "@" + version


def changed(doc: dict) -> dict:
    components = []
    for i, component in enumerate(doc["components"]):
        step = i % 100
        if step == 3:
            continue  # removed
        if step == 0:
            _upgraded(component)
        elif step == 1:
            _upgraded(component)
            component["licenses"] = RELICENSED[(i // 100) % len(RELICENSED)]
        elif step == 2:
            component.pop("licenses", None)
        components.append(component)
        if step == 4:
            name = f"added-{i}"
            components.append(
                {
                    "type": "library",
                    "bom-ref": f"pkg:npm/{name}@1.0.0",
                    "name": name,
                    "version": "1.0.0",
                    "purl": f"pkg:npm/{name}@1.0.0",
                    "licenses": [{"license": {"id": "MIT"}}],
                }
            )
    doc["components"] = components
    doc["metadata"]["component"]["version"] = "2"
    return doc


def main() -> None:
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    target.write_text(json.dumps(changed(json.loads(source.read_text())), indent=2))


if __name__ == "__main__":
    main()
