"""Make complete.cdx.json: the npm demo SBOM (npm-demo.bom.1.6.json, real cyclonedx-npm output)
completed with what BSI TR-03183-2 2.1.0 asks for and the original lacks.

Run from this folder: ``python complete.py``. What is added (see tests/data/SOURCES.md):
- the document: serialNumber, metadata.timestamp, metadata.manufacturer (a fictional contractor with
  e-mail and URL) and a compositions entry saying the dependency graph is complete;
- every component: manufacturer (its npm "homepage" URL), the bsi:component:filename (the tarball's
  name from its distribution URL), executable/archive/structured properties, the concluded licence
  (= the declared one, MPLv2.0 as MPL-2.0; as licence objects, since CycloneDX 1.6 allows an
  expression only alone, so the one declared expression "(MIT AND CC-BY-3.0)" becomes two declared
  ids) and the effective licence property, and an empty dependency entry where the graph had none;
- a SHA-512 beside the SHA-1 of the 50 components whose npm integrity is SHA-1 only: a placeholder
  (the SHA-512 of "placeholder:FILENAME"), said so in the reference's comment;
- the primary component (the demo project itself, never published): a distribution reference with
  an invented URL and the SHA-512 of its name as a placeholder hash.
Nothing the original says is changed.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

HERE = Path(__file__).parent
NAMES = {"MPLv2.0": "MPL-2.0"}


def _walk(components: list[dict]) -> list[dict]:
    out = []
    for c in components:
        out.append(c)
        out.extend(_walk(c.get("components", [])))
    return out


def _ids(licenses: list[dict]) -> list[str]:
    """The SPDX ids the entries name (an expression of ANDed ids split into them)."""
    ids = []
    for entry in licenses:
        if "expression" in entry:
            ids += [t.strip("() ") for t in entry["expression"].split(" AND ")]
        else:
            lic = entry["license"]
            ids.append(lic.get("id") or NAMES[lic["name"]])
    return ids


def _licenses(c: dict) -> str:
    """Declared and concluded licences as licence objects: CycloneDX 1.6 allows an expression only
    as the one entry of ``licenses``, so an expression cannot stand beside a concluded licence."""
    ids = _ids(c["licenses"])
    if any("expression" in entry for entry in c["licenses"]):
        c["licenses"] = [{"license": {"id": i, "acknowledgement": "declared"}} for i in ids]
    c["licenses"] += [{"license": {"id": i, "acknowledgement": "concluded"}} for i in ids]
    return " AND ".join(ids)


def _complete(c: dict) -> None:
    refs = c.setdefault("externalReferences", [])
    website = next((r["url"] for r in refs if r["type"] == "website"), None)
    c["manufacturer"] = {
        "name": c.get("author") or c["name"],
        "url": [website or f"https://www.npmjs.com/package/{c['name']}"],
    }
    distribution = next((r for r in refs if r["type"] == "distribution"), None)
    if distribution is None:  # the demo project itself: never published
        tarball = f"{c['name']}-{c['version']}.tgz"
        digest = hashlib.sha512(tarball.encode()).hexdigest()
        refs.append(
            {
                "url": f"https://downloads.muster-software.example/{tarball}",
                "type": "distribution",
                "hashes": [{"alg": "SHA-512", "content": digest}],
            }
        )
        distribution = refs[-1]
    filename = distribution["url"].rsplit("/", 1)[-1]
    if not any(h["alg"] == "SHA-512" for h in distribution.get("hashes", [])):
        # most of these old npm packages have a SHA-1 integrity only: a placeholder, marked as such
        placeholder = hashlib.sha512(f"placeholder:{filename}".encode()).hexdigest()
        distribution.setdefault("hashes", []).append({"alg": "SHA-512", "content": placeholder})
        distribution["comment"] = (
            distribution.get("comment", "") + " (SHA-512: a test placeholder, not the tarball's digest)"
        )
    concluded = _licenses(c)
    c.setdefault("properties", []).extend(
        [
            {"name": "bsi:component:filename", "value": filename},
            {"name": "bsi:component:executable", "value": "non-executable"},
            {"name": "bsi:component:archive", "value": "archive"},
            {"name": "bsi:component:structured", "value": "structured"},
            {"name": "bsi:component:effectiveLicense", "value": concluded},
        ]
    )


def main() -> None:
    bom = json.loads((HERE / "npm-demo.bom.1.6.json").read_text(encoding="utf-8"))
    bom["serialNumber"] = "urn:uuid:6f1c5a52-2d63-4c8e-9a55-1c0a5e1d7b42"
    metadata = bom["metadata"]
    metadata["timestamp"] = "2026-03-02T09:30:00Z"
    metadata["manufacturer"] = {
        "name": "Muster Software GmbH",
        "url": ["https://muster-software.example"],
        "contact": [{"name": "SBOM-Team", "email": "sbom@muster-software.example"}],
    }
    components = [metadata["component"], *_walk(bom["components"])]
    for c in components:
        _complete(c)
    listed = {d["ref"] for d in bom["dependencies"]}
    bom["dependencies"] += [{"ref": c["bom-ref"]} for c in components if c["bom-ref"] not in listed]
    bom["compositions"] = [{"aggregate": "complete", "dependencies": [metadata["component"]["bom-ref"]]}]
    text = json.dumps(bom, indent=2, ensure_ascii=False) + "\n"
    (HERE / "complete.cdx.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
