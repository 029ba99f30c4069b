"""Benchmarks of osscheck against the floor (run by hand, not in CI).

    .venv/bin/python bench/run.py            # all, prints a Markdown table for the README
    .venv/bin/python bench/run.py --quick    # 1,000 and 10,000 components only

Run it with bytecode caching on (``env -u PYTHONDONTWRITEBYTECODE``), as an installation has it:
without, every run compiles osscheck's modules again and the pre-commit figures more than double.

What is measured, each in a fresh process, median of several runs:
- ``osscheck check SBOM -f text|json`` of a CycloneDX SBOM with 1,000 / 10,000 / 100,000 components with
  real licence blocks, against ``json.load`` of the same file in a bare interpreter (same start-up);
- peak memory (max RSS) of that check, against the ``json.load`` process;
- ``osscheck check`` of an SPDX 2.3 YAML document of about 20 MB (30,000 packages), against
  ``json.load`` of the same document written as JSON;
- the pre-commit path: ``osscheck check package-lock.json`` of a 50-package lockfile, and the
  hook entry point, against a bare ``python -I -c pass``; the hook's first run after installing
  (an empty cache folder, so the licence-data snapshots are made); the same lockfile in a project
  with its own policy and exception register named in ``[tool.osscheck]``; and the hook on this repository's
  pyproject.toml, whose dependencies' licences are read from the installed distributions;
- ``osscheck normalize`` per string, in-process, on distinct messy licence strings;
- ``osscheck portfolio -f html`` of 500 reports of 1,000 components each (``bench/make_portfolio.py``),
  against ``json.load`` of the 500 reports in one bare interpreter; its peak memory against that of
  ``json.load`` of one report, and against the portfolio of 50 of the reports, to show that memory
  grows with the distinct components only, not with the reports (``--portfolio``: these rows only);
- ``osscheck diff -f json`` of the 100,000-component SBOM against its next release
  (``bench/make_changed_sbom.py``: of every 100 components one upgraded, one relicensed, one without
  licence, one removed, one added), against ``json.load`` of both in one bare interpreter
  (``--diff``: this row only);
- ``osscheck check -f json`` of the 100,000-component SBOM with a policy whose register file holds
  10,000 exceptions (50 of them for components of the SBOM), against the same policy without
  (``--register``: this row only);
- ``osscheck accept -f json`` of the 10,000- and 100,000-component SBOMs (which lack most of what
  BSI TR-03183-2 asks for, so the record lists about 11 places per component), against ``check -f
  json`` of the same SBOM (``--accept``: these rows only);
- ``osscheck check`` of a git work tree of 5,000 source files with SPDX-License-Identifier headers
  and a lockfile, with the header scan against ``reuse-headers = false`` (``--headers``: this row
  only).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
PYTHON = sys.executable
BIN = Path(PYTHON).parent


def timed(cmd: list[str], cwd: Path | None = None, fresh_cache: bool = False) -> tuple[float, int]:
    """Wall time in seconds and peak RSS in MiB of one run of ``cmd``.

    ``fresh_cache``: an empty cache folder, as on the first run after installing osscheck.
    """
    env = None
    if fresh_cache:
        env = dict(os.environ, OSSCHECK_CACHE_DIR=tempfile.mkdtemp(prefix="osscheck-bench-cache-"))
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd, env=env)
    _, _, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - started, usage.ru_maxrss // 1024


def median(
    cmd: list[str], runs: int, cwd: Path | None = None, fresh_cache: bool = False
) -> tuple[float, int]:
    results = [timed(cmd, cwd, fresh_cache) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def sbom(n: int) -> Path:
    path = OUT / f"sbom-{n}.cdx.json"
    if not path.exists():
        subprocess.run([PYTHON, str(HERE / "make_sbom.py"), str(n), str(path)], check=True)
    return path


def spdx_yaml(n: int = 30_000) -> tuple[Path, Path]:
    """An SPDX 2.3 document with ``n`` packages, as YAML (about 20 MB for 30,000) and as JSON."""
    yaml_path, json_path = OUT / f"spdx-{n}.spdx.yaml", OUT / f"spdx-{n}.spdx.json"
    if yaml_path.exists() and json_path.exists():
        return yaml_path, json_path
    import random

    import yaml

    rnd = random.Random(1)
    licences = ["MIT", "Apache-2.0", "BSD-3-Clause", "ISC", "MIT OR Apache-2.0", "NOASSERTION"]
    packages: list[dict[str, object]] = [
        {"SPDXID": "SPDXRef-Project", "name": "app", "versionInfo": "1.0", "downloadLocation": "NOASSERTION",
         "licenseConcluded": "NOASSERTION", "licenseDeclared": "EUPL-1.2", "copyrightText": "NOASSERTION"}
    ]  # fmt: skip
    relationships = [
        {"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES",
         "relatedSpdxElement": "SPDXRef-Project"}
    ]  # fmt: skip
    for i in range(n):
        licence = rnd.choice(licences)
        packages.append(
            {
                "SPDXID": f"SPDXRef-Package-{i}",
                "name": f"component-{i}",
                "versionInfo": f"{rnd.randint(0, 9)}.{rnd.randint(0, 30)}.{rnd.randint(0, 99)}",
                "downloadLocation": f"https://registry.example.org/component-{i}/-/component-{i}.tgz",
                "filesAnalyzed": False,
                "licenseConcluded": licence,
                "licenseDeclared": licence,
                "copyrightText": f"Copyright (c) 20{rnd.randint(10, 24)} Author {i}",
                "supplier": f"Organization: Supplier {i % 97}",
                "checksums": [{"algorithm": "SHA256", "checksumValue": f"{rnd.getrandbits(256):064x}"}],
                "externalRefs": [
                    {"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
                     "referenceLocator": f"pkg:npm/component-{i}@1.0.0"}
                ],
            }
        )  # fmt: skip
        relationships.append(
            {"spdxElementId": "SPDXRef-Project", "relationshipType": "DEPENDS_ON",
             "relatedSpdxElement": f"SPDXRef-Package-{i}"}
        )  # fmt: skip
    doc = {
        "spdxVersion": "SPDX-2.3",
        "dataLicense": "CC0-1.0",
        "SPDXID": "SPDXRef-DOCUMENT",
        "name": "bench",
        "documentNamespace": "https://example.org/spdxdocs/bench",
        "creationInfo": {"created": "2024-01-01T00:00:00Z", "creators": ["Tool: bench"]},
        "packages": packages,
        "relationships": relationships,
    }
    OUT.mkdir(exist_ok=True)
    json_path.write_text(json.dumps(doc, indent=2))
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    yaml_path.write_text(yaml.dump(doc, Dumper=dumper, sort_keys=False))
    return yaml_path, json_path


def spdx_yaml_row(osscheck: str, runs: int = 3) -> str:
    yaml_path, json_path = spdx_yaml()
    load, _ = median([PYTHON, "-c", f"import json; json.load(open({str(json_path)!r}))"], runs)
    check, check_mem = median([osscheck, "check", str(yaml_path), "-f", "json", "-o", os.devnull], runs)
    return (
        f"| `check -f json`, SPDX YAML {yaml_path.stat().st_size / 1e6:.0f} MB (30,000 packages) "
        f"| {check:.2f} s | json.load of it as JSON {load:.2f} s | **{check / load:.1f}x** "
        f"| {check_mem} MiB |"
    )


def municipal_project(lock: Path) -> Path:
    """A project as a city sets one up: [tool.osscheck] names its own policy with an exception register."""
    folder = Path(tempfile.mkdtemp(prefix="osscheck-bench-city-"))
    (folder / "package-lock.json").write_text(lock.read_text())
    (folder / "pyproject.toml").write_text(
        '[project]\nname = "fachverfahren"\n\n[tool.osscheck]\npolicy = "city.toml"\n'
    )
    (folder / "city.toml").write_text(
        '[policy]\nname = "city"\nextends = "public-code"\n\n'
        '[[exceptions]]\npackage = "pkg:npm/p1"\njustification = "needed by the procedure"\n'
        "expires = 2099-06-30\n\n"
        '[[exceptions]]\nlicense = "MPL-2.0"\njustification = "file-level copyleft, reviewed"\n'
        'approved-by = "OSPO"\nexpires = 2099-12-31\n'
    )
    return folder


def lockfile() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="osscheck-bench-"))
    packages = {"": {"name": "x", "license": "EUPL-1.2"}}
    packages.update({f"node_modules/p{i}": {"version": "1.0.0", "license": "MIT"} for i in range(50)})
    path = folder / "package-lock.json"
    path.write_text(json.dumps({"name": "x", "lockfileVersion": 3, "packages": packages}))
    return path


def normalize_per_string() -> tuple[float, int]:
    sys.path.insert(0, str(ROOT / "src"))
    from osscheck.licenses.normalize import normalize

    strings = [
        "MIT",
        "Apache 2.0",
        "Apache License, Version 2.0",
        "GPLv2+",
        "GNU General Public License v3 (GPLv3)",
        "BSD 3-Clause",
        "License :: OSI Approved :: MIT License",
        "https://opensource.org/licenses/MIT",
        "LGPL v3",
        "MPL 2.0",
        "Expat",
        "zlib/libpng",
        "MIT/X11",
        "The Unlicense",
        "EUPL 1.2",
        "ASL 2.0",
        "Common Development and Distribution License",
        "Eclipse Public License - v 2.0",
        "ISC License (ISCL)",
        "(MIT OR Apache-2.0)",
        "BSD",
        "UNLICENSED",
        "SEE LICENSE IN LICENSE.md",
        "Public Domain",
    ]
    variants = [f"{s} " * (1 + i % 3) for i in range(200) for s in strings]  # distinct strings, no cache hits
    started = time.perf_counter()
    for text in variants:
        normalize(text, "name")
    return (time.perf_counter() - started) / len(variants), len(variants)


def _installed() -> int:
    """How many components the hook reports for pyproject.toml (its dependencies, as installed)."""
    out = subprocess.run(
        [str(BIN / "osscheck-hook"), "-f", "json", "pyproject.toml"],
        cwd=ROOT,
        capture_output=True,
        check=False,
    ).stdout
    return len(json.loads(out)["components"])


def startup_rows(osscheck: str, rounds: int = 21) -> list[str]:
    """The pre-commit cases against a bare start, measured in turns (one run of each per round).

    Taking turns keeps a burst of load on this shared machine from landing on one case only; each
    figure is the median of its rounds.
    """
    lock = lockfile()
    fast = str(BIN / "osscheck-hook")
    city = municipal_project(lock)
    cases: list[tuple[str, list[str], Path | None, bool]] = [
        ("bare", [PYTHON, "-I", "-c", "pass"], None, False),
        (
            "pre-commit: `osscheck check` of a 50-package package-lock.json",
            [osscheck, "check", str(lock)],
            None,
            False,
        ),
        ("pre-commit hook entry (`osscheck-hook`), same lockfile", [fast, str(lock)], None, False),
        (
            "same, first run after installing (no snapshots in the cache folder)",
            [fast, str(lock)],
            None,
            True,
        ),
        (
            "same lockfile in a project with `[tool.osscheck]` naming its own policy (extends public-code, "
            "an exception register)",
            [fast, "package-lock.json"],
            city,
            False,
        ),
        (
            f"pre-commit hook on this repository's pyproject.toml ({_installed()} dependencies, "
            "licences read from the installed distributions)",
            [fast, "pyproject.toml"],
            ROOT,
            False,
        ),
    ]
    for _, cmd, cwd, fresh in cases:
        timed(cmd, cwd, fresh)  # once, so that what a first run keeps is there for the others
    times: dict[str, list[float]] = {what: [] for what, *_ in cases}
    for _ in range(rounds):
        for what, cmd, cwd, fresh in cases:
            times[what].append(timed(cmd, cwd, fresh)[0])
    bare = statistics.median(times["bare"])
    rows = []
    for what, *_ in cases[1:]:
        took = statistics.median(times[what])
        rows.append(
            f"| {what} | {took * 1000:.0f} ms | bare `python -I -c pass` {bare * 1000:.0f} ms "
            f"| **{took / bare:.1f}x** | |"
        )
    return rows


def portfolio_reports(osscheck: str, count: int) -> Path:
    """``count`` reports of about 1,000 components, made from the report of ``sbom(1_000)``."""
    folder = OUT / f"portfolio-{count}"
    if not folder.is_dir():
        seed = OUT / "report-1000.json"
        subprocess.run(
            [osscheck, "check", str(sbom(1_000)), "-f", "json", "--fail-on", "never", "-o", str(seed)],
            check=True,
        )
        subprocess.run(
            [PYTHON, str(HERE / "make_portfolio.py"), str(seed), str(count), str(folder)], check=True
        )
    return folder


def portfolio_rows(osscheck: str, runs: int = 3) -> list[str]:
    folder, small = portfolio_reports(osscheck, 500), portfolio_reports(osscheck, 50)
    files = sorted(folder.glob("*.json"))
    size = sum(f.stat().st_size for f in files) / 1e6
    load_all = (
        f"import json, pathlib\nfor p in sorted(pathlib.Path({str(folder)!r}).glob('*.json')):\n"
        " json.load(open(p))"
    )
    load, _ = median([PYTHON, "-c", load_all], runs)
    _, one_mem = median([PYTHON, "-c", f"import json; json.load(open({str(files[0])!r}))"], runs)
    command = [osscheck, "portfolio", "-f", "html", "-o", os.devnull, "--today", "2026-12-01"]
    took, mem = median([*command, str(folder)], runs)
    _, small_mem = median([*command, str(small)], runs)
    return [
        f"| `portfolio -f html`, 500 reports of 1,000 components ({size:.0f} MB) | {took:.2f} s "
        f"| json.load of the 500 {load:.2f} s | **{took / load:.2f}x** "
        f"| {mem} MiB vs {one_mem} MiB for json.load of one report; 50 reports: {small_mem} MiB |"
    ]


def register_policy(count: int = 10_000) -> tuple[Path, Path]:
    """A policy with a register file of ``count`` exceptions, and the same policy without it.

    Most entries name packages, names and licences the SBOM does not have (a city's central
    register serves many projects); 50 name packages of bench's SBOM (``make_sbom``'s npm ones).
    """
    folder = OUT / f"register-{count}"
    folder.mkdir(parents=True, exist_ok=True)
    head = '[policy]\nname = "bench"\nextends = "public-code"\n'
    (folder / "without.toml").write_text(head, encoding="utf-8")
    (folder / "with.toml").write_text(head + 'registers = ["register.toml"]\n', encoding="utf-8")
    matching = 50
    entries = []
    for i in range(count - matching):
        kind = i % 100
        if kind < 98:
            subject = f'package = "pkg:npm/absent-{i}"'
        elif kind == 98:
            subject = f'name = "absent-{i}"'
        else:
            subject = f'license = "LicenseRef-absent-{i}"'
        entries.append(f'[[exceptions]]\n{subject}\njustification = "bench"\nexpires = 2099-01-01\n')
    for i in range(matching):
        entries.append(f'[[exceptions]]\npackage = "pkg:npm/component-{i * 3}"\njustification = "bench"\n')
    (folder / "register.toml").write_text("\n".join(entries), encoding="utf-8")
    return folder / "with.toml", folder / "without.toml"


def register_rows(osscheck: str, runs: int = 3) -> list[str]:
    """``check`` of the 100,000-component SBOM with a 10,000-entry register, against the same without."""
    path = sbom(100_000)
    with_register, without = register_policy()
    command = [osscheck, "check", str(path), "-f", "json", "-o", os.devnull, "-p"]
    plain, plain_mem = median([*command, str(without)], runs)
    took, mem = median([*command, str(with_register)], runs)
    return [
        f"| `check -f json`, CycloneDX 100,000 components, register of 10,000 exceptions | {took:.2f} s "
        f"| without a register {plain:.2f} s | **{took / plain:.2f}x** | {mem} MiB vs {plain_mem} MiB |"
    ]


def changed_sbom(n: int) -> tuple[Path, Path]:
    """``sbom(n)`` and its next release (bench/make_changed_sbom.py)."""
    old, new = sbom(n), OUT / f"sbom-{n}-next.cdx.json"
    if not new.exists():
        subprocess.run([PYTHON, str(HERE / "make_changed_sbom.py"), str(old), str(new)], check=True)
    return old, new


def diff_rows(osscheck: str, runs: int = 3) -> list[str]:
    old, new = changed_sbom(100_000)
    load_both = f"import json\nfor p in ({str(old)!r}, {str(new)!r}):\n json.load(open(p))"
    timed([PYTHON, "-c", load_both])  # once, so that both files are in the page cache for both
    load, load_mem = median([PYTHON, "-c", load_both], runs)
    took, mem = median([osscheck, "diff", str(old), str(new), "-f", "json", "-o", os.devnull], runs)
    size = (old.stat().st_size + new.stat().st_size) / 1e6
    return [
        f"| `diff -f json`, two CycloneDX SBOMs of 100,000 components ({size:.0f} MB; 5% changed) "
        f"| {took:.2f} s | json.load of both {load:.2f} s | **{took / load:.2f}x** "
        f"| {mem} MiB vs {load_mem} MiB ({mem / load_mem:.1f}x) |"
    ]


def accept_rows(osscheck: str, runs: int = 3) -> list[str]:
    """``accept`` of a delivery against ``check`` of the same SBOM: what completeness costs."""
    rows = []
    for n in (10_000, 100_000):
        path = sbom(n)
        plain, plain_mem = median([osscheck, "check", str(path), "-f", "json", "-o", os.devnull], runs)
        took, mem = median([osscheck, "accept", str(path), "-f", "json", "-o", os.devnull], runs)
        rows.append(
            f"| `accept -f json`, CycloneDX {n:,} components (about 11 places to fix each) | {took:.2f} s "
            f"| `check -f json` {plain:.2f} s | **{took / plain:.2f}x** | {mem} MiB vs {plain_mem} MiB |"
        )
    return rows


def header_tree(files: int = 5_000) -> Path:
    """A git work tree of ``files`` source files, each under an SPDX header, and a lockfile."""
    tree = OUT / f"headers-{files}"
    if (tree / ".git").exists():
        return tree
    licences = ("MIT", "Apache-2.0", "BSD-3-Clause", "GPL-3.0-or-later", "CC0-1.0")
    for i in range(files):
        path = tree / f"pkg{i % 50}" / f"module{i}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        body = "".join(f"def f{j}(x):\n    return x + {j}\n\n" for j in range(40))
        header = f"# SPDX-FileCopyrightText: 2026 Stadt\n# SPDX-License-Identifier: {licences[i % 5]}\n\n"
        path.write_text(header + body, encoding="utf-8")
    (tree / "package-lock.json").write_bytes(lockfile().read_bytes())
    subprocess.run(["git", "init", "-q", str(tree)], check=True)
    subprocess.run(["git", "-C", str(tree), "add", "-A"], check=True)
    return tree


def header_rows(osscheck: str, runs: int = 5) -> list[str]:
    tree = header_tree()
    off = OUT / "headers-off.toml"
    off.write_text("reuse-headers = false\n", encoding="utf-8")
    config = tree / ".osscheck.toml"
    command = [osscheck, "check", ".", "-f", "json", "-o", os.devnull, "--fail-on", "never"]
    config.write_bytes(off.read_bytes())
    plain, plain_mem = median(command, runs, cwd=tree)
    config.unlink()
    took, mem = median(command, runs, cwd=tree)
    return [
        f"| `check .`, git work tree of 5,000 source files with SPDX headers and a lockfile | {took:.2f} s "
        f"| `reuse-headers = false` {plain:.2f} s | **{took / plain:.2f}x** | {mem} MiB vs {plain_mem} MiB |"
    ]


def main() -> None:
    osscheck = str(BIN / "osscheck")
    # one group of rows alone: --accept, --headers, --portfolio, --register, --diff
    alone = {
        "--accept": accept_rows,
        "--headers": header_rows,
        "--portfolio": portfolio_rows,
        "--register": register_rows,
        "--diff": diff_rows,
    }
    for flag, rows_of in alone.items():
        if flag in sys.argv:
            print("\n".join(rows_of(osscheck)))
            return
    quick = "--quick" in sys.argv
    rows = []
    sizes = (1_000, 10_000) if quick else (1_000, 10_000, 100_000)
    for n in sizes:
        path = sbom(n)
        runs = 5 if n < 100_000 else 3
        load, load_mem = median([PYTHON, "-c", f"import json; json.load(open({str(path)!r}))"], runs)
        for fmt in ("text", "json"):
            check, check_mem = median([osscheck, "check", str(path), "-f", fmt, "-o", os.devnull], runs)
            rows.append(
                f"| `check -f {fmt}`, CycloneDX {n:,} components ({path.stat().st_size / 1e6:.1f} MB) "
                f"| {check:.2f} s | json.load {load:.2f} s | **{check / load:.2f}x** "
                f"| {check_mem} MiB vs {load_mem} MiB ({check_mem / load_mem:.1f}x) |"
            )
    rows.append(spdx_yaml_row(osscheck))
    rows.extend(startup_rows(osscheck))
    per, count = normalize_per_string()
    rows.append(f"| `normalize`, {count:,} distinct messy strings | {per * 1e6:.0f} µs per string | | | |")
    rows.extend(portfolio_rows(osscheck))
    rows.extend(diff_rows(osscheck))
    rows.extend(register_rows(osscheck))
    rows.extend(accept_rows(osscheck))
    rows.extend(header_rows(osscheck))
    print("| what | osscheck | floor | ratio | peak memory |")
    print("| --- | --- | --- | --- | --- |")
    print("\n".join(rows))
    print(f"\nPython {sys.version.split()[0]}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}")


if __name__ == "__main__":
    main()
