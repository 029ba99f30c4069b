"""Write a synthetic CycloneDX 1.6 JSON SBOM with N components and realistic licence blocks.

The licence blocks are drawn from the distribution seen in real SBOMs of the shared corpus: mostly
SPDX ids, some expressions, free-text names, URLs and components without licence.

    python bench/make_sbom.py 100000 bench/out/sbom-100000.cdx.json
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

LICENSE_BLOCKS = [
    [{"license": {"id": "MIT"}}],
    [{"license": {"id": "Apache-2.0", "url": "https://www.apache.org/licenses/LICENSE-2.0.txt"}}],
    [{"license": {"id": "BSD-3-Clause"}}],
    [{"license": {"id": "ISC"}}],
    [{"license": {"id": "BSD-2-Clause"}}],
    [{"license": {"id": "LGPL-2.1-only"}}],
    [{"license": {"id": "MPL-2.0"}}],
    [{"license": {"id": "EPL-2.0"}}],
    [{"expression": "MIT OR Apache-2.0"}],
    [{"expression": "(CDDL-1.0 OR GPL-2.0-only WITH Classpath-exception-2.0)"}],
    [
        {
            "license": {
                "name": "Apache License, Version 2.0",
                "url": "https://www.apache.org/licenses/LICENSE-2.0",
            }
        }
    ],
    [{"license": {"name": "The MIT License"}}],
    [{"license": {"id": "GPL-3.0-only"}}],
    [{"license": {"id": "CC0-1.0"}}],
    [],
]
WEIGHTS = [30, 20, 8, 6, 5, 3, 3, 2, 5, 1, 4, 3, 1, 2, 6]


def make(n: int, seed: int = 1) -> dict:
    rnd = random.Random(seed)
    components = []
    for i in range(n):
        eco = ("npm", "maven", "pypi")[i % 3]
        name = f"component-{i}"
        version = f"{rnd.randint(0, 9)}.{rnd.randint(0, 30)}.{rnd.randint(0, 99)}"
        purl = (
            f"pkg:maven/org.example.group{i % 97}/{name}@{version}"
            if eco == "maven"
            else f"pkg:{eco}/{name}@{version}"
        )
        comp = {
            "type": "library",
            "bom-ref": purl,
            "name": name,
            "version": version,
            "purl": purl,
            "description": "A component of a synthetic benchmark SBOM.",
            "hashes": [{"alg": "SHA-256", "content": f"{rnd.getrandbits(256):064x}"}],
            "externalReferences": [{"type": "website", "url": f"https://example.org/{name}"}],
        }
        block = rnd.choices(LICENSE_BLOCKS, WEIGHTS)[0]
        if block:
            comp["licenses"] = block
        components.append(comp)
    return {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "version": 1,
        "metadata": {
            "component": {
                "type": "application",
                "name": "bench",
                "version": "1",
                "licenses": [{"license": {"id": "EUPL-1.2"}}],
            }
        },
        "components": components,
    }


def main() -> None:
    n = int(sys.argv[1])
    out = Path(sys.argv[2])
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(make(n), indent=2))


if __name__ == "__main__":
    main()
