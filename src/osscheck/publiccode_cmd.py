"""``osscheck publiccode [PATH]``: the ``legal`` block of publiccode.yml as osscheck finds the project.

The licence is the one ``check`` takes as the project's (its manifests, or a publiccode.yml already
there); the main copyright owner is read from the root LICENSE file's copyright line or REUSE.toml's
``SPDX-FileCopyrightText``, where there is one. A comment names the SBOM among the inputs, or says
how to write one: openCode asks for both. The values are written by PyYAML (quoted where YAML needs
it), the comments through ``printable``: nothing from the project reaches the terminal as markup.
"""

from __future__ import annotations

import re
from pathlib import Path

from osscheck.messages import Message, render

TYPE_CHECKING = False
if TYPE_CHECKING:
    from osscheck.model import InputFile

# "Copyright (c) 2021-2024 Stadt Dortmund" / "Copyright © 2020, Jane Doe": the owner after the years
_COPYRIGHT = re.compile(
    r"^\s*(?:SPDX-FileCopyrightText:\s*)?(?:copyright\b\s*)?(?:\(c\)|©)\s*|^\s*copyright\b\s*(?:\(c\)|©)?\s*",
    re.IGNORECASE,
)
_YEARS = re.compile(r"^\d{4}(?:\s*[-–,]\s*\d{4})*\s*,?\s*")
# template text, not an owner: [yyyy] [name of copyright owner], <year> <copyright holders>
_PLACEHOLDER = re.compile(r"[\[<{](?:yyyy|year|name|fullname|copyright|owner)", re.IGNORECASE)


def command(paths: tuple[str, ...], lang: str | None) -> int:
    """Print the block; 0 when the project's licence was found, 1 when there is nothing to paste."""
    import sys

    import yaml  # lazy: start-up

    from osscheck import i18n, runner
    from osscheck.errors import printable
    from osscheck.options import CheckOptions

    report, config = runner.configured_check(paths, CheckOptions(lang=lang))
    lang = i18n.detect(lang or config.lang)
    folder = Path(paths[0]) if paths and Path(paths[0]).is_dir() else Path(".")
    out = [f"# {render(Message('publiccode.heading'), lang)}"]
    if report.outbound is None or report.outbound_source != "project":
        out.append(f"# {render(Message('publiccode.no-licence'), lang)}")
        sys.stdout.write("\n".join(out) + "\n")
        return 1
    legal: dict[str, str] = {"license": report.outbound}
    owner = main_copyright_owner(folder) or _stated_owner(report.inputs)
    if owner:
        legal["mainCopyrightOwner"] = owner
    block = yaml.safe_dump({"legal": legal}, allow_unicode=True, sort_keys=False, width=1000)
    out += [line for line in block.splitlines()]
    sboms = [i.path for i in report.inputs if i.format.startswith(("cyclonedx", "spdx"))]
    if sboms:
        out.append(f"# {printable(render(Message('publiccode.sbom', path=', '.join(sboms)), lang))}")
    else:
        out.append(f"# {render(Message('publiccode.no-sbom'), lang)}")
    sys.stdout.write("\n".join(out) + "\n")
    return 0


def main_copyright_owner(folder: Path) -> str | None:
    """The owner named by the first copyright line of the root LICENSE file, else of REUSE.toml."""
    candidates = sorted(
        p
        for pattern in ("LICENSE*", "LICENCE*", "COPYING*")
        for p in folder.glob(pattern)
        if p.is_file() and not p.is_symlink()
    )
    candidates += [p for p in (folder / "REUSE.toml",) if p.is_file() and not p.is_symlink()]
    for path in candidates:
        try:
            head = path.read_bytes()[:65536].decode("utf-8", "replace")
        except OSError:
            continue
        for line in head.splitlines():
            owner = _owner(line.strip().strip('"').strip())
            if owner:
                return owner
    return None


def _stated_owner(inputs: list[InputFile]) -> str | None:
    """The mainCopyrightOwner a publiccode.yml among the inputs already states."""
    from osscheck.readers.publiccode import main_copyright_owner as stated

    for source in inputs:
        if source.format == "publiccode-yml":
            owner = stated(Path(source.path))
            if owner:
                return owner
    return None


def _owner(line: str) -> str | None:
    if "copyright" not in line.lower() and "©" not in line:
        return None
    line = re.sub(r'^SPDX-FileCopyrightText\s*=\s*\[?\s*"?', "", line)
    match = _COPYRIGHT.match(line)
    if match is None or match.end() == 0:
        return None
    rest = _YEARS.sub("", line[match.end() :]).strip().strip('",]').strip()
    if not rest or _PLACEHOLDER.search(rest) or rest.lower().startswith(("notice", "holder", "and ", "law")):
        return None
    if "free software foundation" in rest.lower():  # the GNU texts' own line, not the project's owner
        return None
    # "All rights reserved." trails many copyright lines
    rest = re.sub(r"\.?\s*all rights reserved\.?$", "", rest, flags=re.IGNORECASE).strip(" .,")
    return rest or None
