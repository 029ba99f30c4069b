"""What the acceptance record (Abnahmeprotokoll) says, shared by its Markdown and HTML forms: the
facts of the delivery, the fixes grouped for reading, and the audit stamp, each as (word, value).

Values are data from the inputs, escaped by the renderer that writes them; words are report words
(looked up in the catalogue's labels) or messages.
"""

from __future__ import annotations

from osscheck.accept.verdict import FAMILY_NAMES
from osscheck.accept.words import LEVEL_WORDS, RESULT_WORDS, decimal, field_word
from osscheck.messages import Message

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from osscheck.accept.result import Acceptance, Fix

    Translate = Callable[[str | Message], str]

#: more rows than this in one table of the record, and the rest is left to the JSON record
MAX_ROWS = 2000
#: the ``-f json`` schema shipped beside this module
SCHEMA_FILE = "osscheck-accept-1.schema.json"


def result_word(acceptance: Acceptance, _: Translate) -> str:
    return _(RESULT_WORDS[acceptance.result])


def facts(acceptance: Acceptance, _: Translate) -> list[tuple[str, str]]:
    """The head of the record: who delivered what under which contract, and when."""
    a, d, c = acceptance, acceptance.delivery, acceptance.contract
    supplier = a.supplier or _("not stated")
    if a.supplier_source == "contract":
        supplier += f" ({_('from the contract')})"
    elif a.supplier_source == "sbom":
        supplier += f" ({_('from the SBOM')})"
    rows = [(_("Supplier (Auftragnehmer)"), supplier)]
    if c is not None and c.client:
        rows.append((_("Client (Auftraggeber)"), c.client))
    if c is not None:
        rows.append((_("Contract"), c.reference + (f" – {c.title}" if c.title else "")))
    else:
        rows.append((_("Contract"), _("none named (--contract)")))
    family = FAMILY_NAMES.get(d.family or "", d.encoding)
    version = f" {d.version}" if d.version else ""
    rows += [
        (_("Delivery"), d.path),
        (_("Format"), f"{family}{version} ({d.encoding})"),
        (_("Components"), str(d.component_count)),
        ("SHA-256", d.digest or ""),
        (_("Date of the check"), a.date.date().isoformat()),
        (_("SBOM profile"), a.profile.label + (f" ({a.profile.published})" if a.profile.published else "")),
        (_("Policy"), a.report.policy_name),
    ]
    if a.report.outbound:
        rows.append((_("Outbound licence"), a.report.outbound))
    if c is not None and c.fix_deadline is not None:
        rows.append((_("Deadline for fixes"), c.fix_deadline.isoformat()))
    return rows


def grouped(fixes: list[Fix], _: Translate) -> list[tuple[str, str, list[Fix]]]:
    """The fixes by place (document or component), in the order found: (where, component, fixes)."""
    groups: dict[tuple[str, str], list[Fix]] = {}
    line = _("line")
    for f in fixes:
        key = (f.where(line) or (f.path or ""), f.component or "")
        groups.setdefault(key, []).append(f)
    return [(where, component, items) for (where, component), items in groups.items()]


def what(fixes: list[Fix], _: Translate) -> str:
    """The problems of one place, in one line: ``no hash; no filename``."""
    return "; ".join(_(f.message) for f in fixes)


def completeness_line(acceptance: Acceptance, _: Translate) -> str:
    c = acceptance.completeness
    if c is None:
        return _(Message("accept.record.not-assessed", format=acceptance.delivery.encoding))
    return _(
        Message(
            "accept.record.completeness",
            score=decimal(c.score),
            present=c.required_present,
            total=c.required_total,
        )
    )


def field_rows(acceptance: Acceptance, _: Translate) -> list[tuple[str, str, str, str]]:
    """(field, section, level, present/total) for every field of the profile."""
    c = acceptance.completeness
    if c is None:
        return []
    return [
        (
            _(field_word(n.field)),
            n.field.section,
            _(LEVEL_WORDS.get(n.field.level, n.field.level)),
            f"{n.present}/{n.total}",
        )
        for n in c.counts
    ]


def recommended_rows(acceptance: Acceptance, _: Translate) -> list[str]:
    return [
        _(Message("accept.record.recommended", field=field_word(i, name), missing=missing, total=total))
        for i, name, missing, total in acceptance.recommended()
    ]


def licence_line(acceptance: Acceptance, _: Translate) -> str:
    s = acceptance.report.summary
    return _(
        Message(
            "accept.record.licences",
            components=s.components,
            allowed=s.allowed,
            exempted=s.exempted,
            review=s.review,
            denied=s.denied,
            unknown=s.unknown,
            policy=acceptance.report.policy_name,
        )
    )


def stamp_rows(acceptance: Acceptance, _: Translate) -> list[tuple[str, str]]:
    from osscheck.licenses.catalog import license_list_version

    a = acceptance
    rows = [
        (_("Input digest (SHA-256)"), a.delivery.digest or ""),
        (_("Policy digest (SHA-256)"), a.report.policy_digest or ""),
    ]
    if a.contract is not None:
        rows.append((_("Contract digest (SHA-256)"), a.contract.digest or ""))
    rows += [
        (_("SBOM profile"), a.profile.name),
        (_("osscheck version"), a.report.tool_version),
        (_("SPDX licence list"), license_list_version()),
        (_("Schema"), "osscheck-accept/1"),
        (_("Date"), a.date.strftime("%Y-%m-%dT%H:%M:%SZ")),
    ]
    return rows
