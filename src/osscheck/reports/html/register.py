"""The justification register: every exception of the policy, its approval, expiry and state.

An exception expiring within SOON_DAYS of the report's date is flagged; where the evaluation found
an exception expired or in force, that decides its state, whatever the report's date says.
"""

from __future__ import annotations

import datetime as dt

from osscheck.messages import Message
from osscheck.report import Report
from osscheck.reports.html.markup import e, ths
from osscheck.reports.html.words import Translate

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: an exception expiring within this many days is flagged, so that its renewal can be planned
SOON_DAYS = 90


def register(report: Report, today: dt.date, _: Translate) -> str:
    out = [
        '<section id="register" aria-labelledby="h-register">\n'
        f'<h2 id="h-register">{e(_("Justification register"))} ({len(report.exceptions)})</h2>\n'
        f"<p>{e(_(Message('html.register-intro', days=SOON_DAYS)))}</p>"
    ]
    if not report.exceptions:
        out.append(f'<p class="empty">{e(_("The policy records no exceptions."))}</p>\n</section>')
        return "\n".join(out)
    out.append(
        "<table>\n<thead><tr>"
        + ths(
            _("Package"),
            _("Licence"),
            _("Justification"),
            _("Approved by"),
            _("Reference"),
            _("Expires"),
            _("State"),
            _("Applies to"),
        )
        + "</tr></thead>\n<tbody>"
    )
    # which components each entry covers (or would cover, had it not expired): one pass, not one per entry
    applied_to: dict[str, list[str]] = {}
    for c in report.components:
        if c.exception:
            applied_to.setdefault(_exception_key(c.exception), []).append(c.ref)
    # the components each entry expired for: the evaluation's findings name the entry (and its line)
    expired_for_entry: dict[tuple[int | None, object], list[str]] = {}
    for f in report.findings:
        if f.rule == "expired-exception" and f.component and f.detail.code == "finding.expired-exception":
            entry = (f.location.line if f.location else None, f.detail.args["exception"])
            expired_for_entry.setdefault(entry, []).append(f.component)
    for exc in report.exceptions:
        applied = sorted(applied_to.get(_exception_key(exc.to_dict()), ()))
        expired_for = sorted(expired_for_entry.get((exc.line, exc.describe()), ()))
        state, label = _state(exc.expires, today, bool(applied or expired_for), _)
        counted = True  # the days left or ago, counted from the stamp's date
        if exc.status != "approved":  # requested or rejected: it clears nothing, whatever its dates
            state, label = (
                ("soon pending", _("pending")) if exc.status == "requested" else ("expired", _("rejected"))
            )
        elif expired_for and state != "expired":
            # the evaluation found it expired (its date, not the stamp's, decided the verdicts)
            state, label, counted = "expired", _("expired"), False
        elif applied and state == "expired":
            # the evaluation found it in force: so it is, whatever SOURCE_DATE_EPOCH says
            state, label, counted = "active", _("in force"), False
        # a register entry names a purl, or a component without one by its name, or no package
        package = exc.package or (f"{_('component')} {exc.name}" if exc.name else _("any package"))
        if exc.version:
            package += f" {exc.version}"
        expires = _("never")
        if exc.expires is not None:
            days = (exc.expires - today).days
            when = f"{days} {_('days left')}" if days >= 0 else f"{-days} {_('days ago')}"
            expires = f'<span class="date">{e(exc.expires.isoformat())}</span>'
            if counted:  # one date decides both the state and the count beside it
                expires += f'<span class="detail">{e(when)}</span>'

        else:
            expires = e(expires)
        targets = applied or expired_for
        out.append(
            f'<tr class="{state}"><td class="mono pkg">{e(package)}</td>'
            f"<td>{e(exc.license or _('any licence'))}</td>"
            f"<td>{e(exc.justification)}{_details(exc, report.policy_source, _)}</td>"
            f"<td>{e(exc.approved_by or '–')}</td>"
            f"<td>{e(exc.reference or '–')}</td><td>{expires}</td>"
            f'<td><span class="badge {state}">{e(label)}</span></td>'
            f'<td class="mono">{"<br>".join(e(t) for t in targets) or "–"}</td></tr>'
        )
    out.append("</tbody>\n</table>\n</section>")
    return "\n".join(out)


def _details(
    exc: Any,  # a PolicyException: reports stand below the policy
    policy_source: str | None,
    _: Translate,
) -> str:
    """The register's other fields of an entry, as labelled lines below its justification."""
    shown: list[tuple[str, str]] = []
    if exc.id:
        shown.append((_("Register ID"), exc.id))
    if exc.basis:
        shown.append((_("Basis"), _(exc.basis)))
    for label, value in (
        ("Alternatives", exc.alternatives),
        ("Exit strategy", exc.exit_strategy),
        ("Exit by", exc.exit_by.isoformat() if exc.exit_by else None),
        ("Requested by", exc.requested_by),
        ("Decided on", exc.decided_on.isoformat() if exc.decided_on else None),
        ("Review every", exc.review_every),
        ("Scope", ", ".join(exc.scope) if exc.scope else None),
    ):
        if value:
            shown.append((_(label), value))
    lines = [f'<span class="detail">{e(label)}: {e(value)}</span>' for label, value in shown]
    if exc.source and exc.source != policy_source:  # an entry of a register file
        lines.append(
            f'<span class="detail">{e(_(Message("html.register-source", source=exc.source)))}</span>'
        )
    return "".join(lines)


def _exception_key(entry: dict) -> str:
    return "\x1f".join(f"{k}={entry.get(k)}" for k in sorted(entry))


def _state(expires: dt.date | None, today: dt.date, used: bool, _: Translate) -> tuple[str, str]:
    if expires is not None and expires < today:
        return "expired", _("expired")
    if expires is not None and (expires - today).days <= SOON_DAYS:
        return "soon", _("expires soon")
    if not used:
        return "unused", _("matches no component")
    return "active", _("in force")
