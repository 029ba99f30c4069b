"""SPDX 2.x tag-value (``*.spdx``): ``Tag: value`` lines, multi-line values in ``<text>...</text>``.

The lines are turned into the SPDX JSON document model and read by the JSON reader's code. A
package runs from its ``PackageName`` to the next section start (file, snippet, extracted licence
or package). Every package is a component, the described one included (it is also the project):
a tag-value document lists its packages, and none of them is dropped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from osscheck.errors import InputError
from osscheck.messages import Message
from osscheck.model import InputFile
from osscheck.readers._source import decode
from osscheck.readers.spdx_json import from_document

# tags that begin a new section; a package's tags end at any of them
_SECTION_STARTS = {"PackageName", "FileName", "SnippetSPDXID", "LicenseID"}

# package tag -> key of the JSON model
_PACKAGE_KEYS = {
    "SPDXID": "SPDXID",
    "PackageVersion": "versionInfo",
    "PackageLicenseConcluded": "licenseConcluded",
    "PackageLicenseDeclared": "licenseDeclared",
    "PackageCopyrightText": "copyrightText",
    "PackageSupplier": "supplier",
}
_EXTRACTED_KEYS = {"ExtractedText": "extractedText", "LicenseName": "name", "LicenseComment": "comment"}


def read(path: Path, data: bytes) -> InputFile:
    text = decode(path, data)
    doc, lines_of = to_document(path, text)
    return from_document(doc, path, lambda raw: lines_of.get(id(raw)), "spdx-tagvalue")


def tags(path: Path, text: str) -> list[tuple[str, str, int]]:
    """``(tag, value, line)`` for every tag, ``<text>`` values joined across their lines."""
    out: list[tuple[str, str, int]] = []
    lines = text.splitlines()
    i, count = 0, len(lines)
    while i < count:
        line = lines[i].strip()
        number = i + 1
        i += 1
        if not line or line.startswith("#"):
            continue
        tag, sep, value = line.partition(":")
        if not sep or not tag or " " in tag.strip():
            continue  # not a tag line; tolerated, as SPDX tools do with stray text
        value = value.strip()
        if value.startswith("<text>"):
            body = value[len("<text>") :]
            parts: list[str] = []
            while "</text>" not in body:
                parts.append(body)
                if i >= count:
                    raise InputError(Message("input.text-not-closed", tag=tag.strip()), path, number)
                body = lines[i]
                i += 1
            parts.append(body[: body.index("</text>")])
            value = "\n".join(parts).strip("\n")
        out.append((tag.strip(), value, number))
    return out


def to_document(path: Path, text: str) -> tuple[dict[str, Any], dict[int, int]]:
    """The SPDX JSON model of a tag-value document, and the line of each package (by ``id()``)."""
    doc: dict[str, Any] = {
        "packages": [],
        "hasExtractedLicensingInfos": [],
        "documentDescribes": [],
        "relationships": [],
    }
    lines_of: dict[int, int] = {}
    section: dict[str, Any] | None = None  # the package or extracted licence being read
    kind = ""
    for tag, value, number in tags(path, text):
        if tag in _SECTION_STARTS:
            kind, section = tag, None
            if tag == "PackageName":
                section = {"name": value, "externalRefs": []}
                doc["packages"].append(section)
                lines_of[id(section)] = number
            elif tag == "LicenseID":
                section = {"licenseId": value}
                doc["hasExtractedLicensingInfos"].append(section)
            continue
        if tag == "SPDXVersion":
            doc["spdxVersion"] = value
        elif tag == "Creator" and section is None:
            doc.setdefault("creationInfo", {"creators": []})["creators"].append(value)
        elif tag == "DocumentDescribes":
            doc["documentDescribes"].extend(v.strip() for v in value.split(",") if v.strip())
        elif tag == "Relationship":
            parts = value.split()
            if len(parts) >= 3:
                doc["relationships"].append(
                    {"spdxElementId": parts[0], "relationshipType": parts[1], "relatedSpdxElement": parts[2]}
                )
        elif section is not None and kind == "PackageName":
            _package_tag(section, tag, value)
        elif section is not None and kind == "LicenseID" and tag in _EXTRACTED_KEYS:
            section[_EXTRACTED_KEYS[tag]] = value
    if "spdxVersion" not in doc:
        raise InputError(Message("input.not-spdx-tagvalue"), path)
    return doc, lines_of


def _package_tag(package: dict[str, Any], tag: str, value: str) -> None:
    key = _PACKAGE_KEYS.get(tag)
    if key is not None:
        package.setdefault(key, value)  # the first one counts, as in a JSON object
    elif tag == "PackageLicenseInfoFromFiles":
        package.setdefault("licenseInfoFromFiles", []).append(value)  # one tag per licence found
    elif tag == "ExternalRef":
        parts = value.split(None, 2)
        if len(parts) == 3:
            package["externalRefs"].append(
                {
                    "referenceCategory": parts[0].replace("-", "_"),
                    "referenceType": parts[1],
                    "referenceLocator": parts[2],
                }
            )
