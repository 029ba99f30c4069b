"""The third-party notice for publication, as data: who wrote what, under which licence, and what
publishing it requires.

Components are grouped by the licence that applies to them (the chosen branch of an OR). Each group
carries the copyright lines and licence texts found in the inputs (``Component.extra["copyrights"]``
and ``["license_texts"]``, filled by readers of installed packages, node_modules and SBOMs); a text
shared by several components is kept once. Where no text is at hand, the notice says so and names
the SPDX licence page, rather than inventing one. Development-only components that the policy does
not judge are not shipped, so they are not listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from osscheck.licenses.expression import leaf_license, leaves, try_parse
from osscheck.licenses.obligations import OBLIGATIONS
from osscheck.model import Component, Status
from osscheck.report import Report

SPDX_LICENSE_URL = "https://spdx.org/licenses/{}.html"
_SPACE = re.compile(r"\s+")


@dataclass
class NoticeText:
    """One licence text, or the absence of one, and the components it is for."""

    license: str
    text: str | None
    url: str | None
    components: list[str] = field(default_factory=list)


@dataclass
class NoticeEntry:
    name: str
    version: str | None
    purl: str | None
    license: str | None  # the full expression when a branch of it was chosen
    status: Status | None
    copyrights: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.name} {self.version}" if self.version else self.name


@dataclass
class NoticeGroup:
    license: str | None  # None: no licence could be determined
    entries: list[NoticeEntry] = field(default_factory=list)
    texts: list[NoticeText] = field(default_factory=list)


@dataclass
class Notice:
    project: str | None
    version: str | None
    outbound: str | None
    policy_name: str
    context: str
    groups: list[NoticeGroup] = field(default_factory=list)
    # obligation id -> the components that bring it, in the order of licenses/obligations.py
    obligations: list[tuple[str, list[str]]] = field(default_factory=list)
    not_cleared: list[tuple[str, Status]] = field(default_factory=list)  # denied or under review


def build(report: Report) -> Notice:
    from osscheck.reports._stamp import project_of  # lazy: start-up

    name, version = project_of(report)
    notice = Notice(name, version, report.outbound, report.policy_name, report.context)
    shipped = [c for c in report.components if c.status is not Status.IGNORED]
    by_license: dict[str | None, list[Component]] = {}
    for c in shipped:
        by_license.setdefault(c.chosen or c.license, []).append(c)
    for lic in sorted(by_license, key=lambda k: (k is None, (k or "").lower())):
        members = sorted(by_license[lic], key=lambda c: (c.name.lower(), c.version or "", c.purl or ""))
        notice.groups.append(_group(lic, members))
    brought: dict[str, list[str]] = {}
    for c in shipped:
        for ob in c.obligations:
            brought.setdefault(ob, []).append(c.ref)
    order = list(OBLIGATIONS)
    for ob in sorted(brought, key=lambda o: (order.index(o) if o in order else len(order), o)):
        notice.obligations.append((ob, sorted(dict.fromkeys(brought[ob]))))
    notice.not_cleared = [
        (c.ref, c.status) for c in shipped if c.status in (Status.DENIED, Status.REVIEW) and c.status
    ]
    return notice


def _group(lic: str | None, members: list[Component]) -> NoticeGroup:
    group = NoticeGroup(lic)
    for c in members:
        copyrights = [
            _SPACE.sub(" ", x).strip() for x in c.extra.get("copyrights") or () if isinstance(x, str)
        ]
        group.entries.append(
            NoticeEntry(
                c.name,
                c.version,
                c.purl,
                c.license if c.license and c.license != lic else None,
                c.status,
                [x for x in dict.fromkeys(copyrights) if x],
            )
        )
    ids = _license_ids(lic)
    for key in ids:
        group.texts.extend(_texts_for(key, members, ids))
    if len(ids) > 1:
        # texts the input did not label with one of the group's licences (a LICENSE file of a
        # component under "MIT AND BSD-3-Clause"): kept, under the whole expression
        group.texts.extend(_texts_for(None, members, ids))
    return group


def _license_ids(expression: str | None) -> list[str]:
    """The licences (without exceptions) an expression names, in order, once each."""
    if not expression:
        return []
    parsed = try_parse(expression)
    if parsed is None or parsed.expression is None:
        return [expression]
    return list(dict.fromkeys(str(leaf_license(x)) for x in leaves(parsed.expression)))


def _texts_for(key: str | None, members: list[Component], ids: list[str]) -> list[NoticeText]:
    """Distinct texts of licence ``key`` among ``members``, then one entry for those without a text.

    A text without a (recognisable) label belongs to the only licence of a single-licence group; in
    a group of several it is collected with ``key=None``. A text labelled with another licence (the
    branch of an OR that was not chosen) is not this group's.
    """
    texts: dict[str, NoticeText] = {}
    without: list[str] = []
    for c in members:
        found = []
        for label, text in _component_texts(c):
            if label is None:  # unlabelled: the single licence's, or the whole group's
                if len(ids) == 1 or key is None:
                    found.append(text)
            elif key is not None and key in _license_ids(label):
                found.append(text)
        if not found and key is not None:
            without.append(c.ref)
        for text in found:
            fold = _SPACE.sub(" ", text).strip()
            entry = texts.setdefault(fold, NoticeText(key or " AND ".join(ids), text.strip("\n"), None))
            if c.ref not in entry.components:
                entry.components.append(c.ref)
    out = sorted(texts.values(), key=lambda t: (t.components[0], t.text or ""))
    if without and key is not None:
        out.append(NoticeText(key, None, spdx_url(key), without))
    return out


def _component_texts(c: Component) -> list[tuple[str | None, str]]:
    """(licence id or None, text) for each licence text the inputs gave for ``c``."""
    out: list[tuple[str | None, str]] = []
    for entry in c.extra.get("license_texts") or ():
        if not isinstance(entry, dict):
            continue
        text = entry.get("text")
        if not isinstance(text, str) or not text.strip():
            continue
        lic = entry.get("license")
        out.append((_canonical(lic) if isinstance(lic, str) and lic.strip() else None, text))
    return out


def _canonical(key: str) -> str | None:
    """The SPDX form of a text's label; ``None`` when the label is no recognisable licence."""
    parsed = try_parse(key)
    if parsed is None or parsed.normalized is None:
        return None
    if any("LicenseRef-" not in symbol for symbol in parsed.unknown):
        return None
    return parsed.normalized


def spdx_url(key: str) -> str | None:
    """The SPDX licence list page of an id on the list (``None`` for LicenseRef-* and unknown ids)."""
    from osscheck.licenses import catalog

    base = key[:-1] if key.endswith("+") else key
    return SPDX_LICENSE_URL.format(base) if catalog.is_spdx_listed(base) else None
