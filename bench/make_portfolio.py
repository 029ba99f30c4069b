"""Write a portfolio of N osscheck-report/1 files of about 1,000 components each, from one real report.

The seed is the JSON report ``osscheck check`` writes for ``bench/make_sbom.py``'s 1,000-component
SBOM. Each project gets its own name, date and version, keeps a shared core of the components (so
that the dashboard's "used by most projects" has work) and renames the rest to its own.

    python bench/make_portfolio.py SEED.json 500 bench/out/portfolio-500/
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from pathlib import Path


def main(seed: Path, count: int, folder: Path) -> None:
    report = json.loads(seed.read_text())
    components = report["components"]
    rnd = random.Random(13)
    folder.mkdir(parents=True, exist_ok=True)
    start = dt.date(2026, 6, 1)
    for n in range(count):
        project = f"fachverfahren-{n:03d}"
        own = []
        for i, component in enumerate(components):
            if rnd.random() < 0.6:  # shared: the same purl in many projects
                own.append(component)
                continue
            renamed = dict(component, name=f"{project}-lib-{i}")
            renamed["purl"] = f"pkg:npm/{project}-lib-{i}@1.0.{i % 7}"
            own.append(renamed)
        report.update(
            project={"name": project, "version": f"1.{n % 10}.0"},
            date=(start + dt.timedelta(days=n % 180)).isoformat(),
            components=own,
        )
        (folder / f"{project}.json").write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]))
