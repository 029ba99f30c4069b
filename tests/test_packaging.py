"""The wheel carries the shipped policies, so a plain `pip install .` checks with public-code."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_contains_the_policies_and_the_entry_points(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("osscheck-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for policy in ("public-code", "open-code", "internal-use", "network-service", "library"):
        assert f"osscheck/policies/{policy}.toml" in names
    assert "osscheck/policies/README.md" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "osscheck = osscheck.entry:main" in text
    assert "osscheck-hook = osscheck.hook:main" in text
