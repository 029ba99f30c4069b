"""``osscheck explain``: the verdict on one expression, term by term, like cargo-deny's diagnostics."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from osscheck.errors import ExpressionError, UsageError
from osscheck.i18n import translator
from osscheck.messages import Message, render
from osscheck.model import Status
from osscheck.policy.evaluate import Verdict, judge


@dataclass
class Explanation:
    expression: str
    normalized: str | None
    policy: str
    outbound: str | None
    verdict: Verdict
    notes: tuple[Message, ...]

    def to_dict(self) -> dict[str, Any]:
        v = self.verdict
        return {
            "expression": self.expression,
            "license": self.normalized,
            "policy": self.policy,
            "outbound": self.outbound,
            "status": str(v.status),
            "category": v.category,
            "chosen": str(v.chosen) if v.chosen is not None else None,
            "terms": [
                {
                    "license": t.license,
                    "category": t.category,
                    "status": str(t.status),
                    "rule": t.rule,
                    "reason": str(t.reason),
                    "chosen": t in v.terms,
                }
                for t in v.considered
            ],
            "notes": [str(n) for n in self.notes],
        }


def explain(expression: str, policy: str | None = None, outbound: str | None = None) -> Explanation:
    from osscheck.licenses.expression import parse
    from osscheck.policy import load_policy

    loaded = load_policy(policy)
    try:
        parsed = parse(expression)
        out = parse(outbound).normalized if outbound else loaded.outbound
    except ExpressionError as exc:
        raise UsageError(exc.message) from None
    out_node = parse(out).expression if out else None
    verdict = judge(parsed.expression, loaded, out_node)
    return Explanation(expression, parsed.normalized, loaded.name, out, verdict, parsed.notes)


_LABEL = {Status.ALLOWED: "accepted", Status.REVIEW: "needs review", Status.DENIED: "rejected"}


def render_text(e: Explanation, lang: str = "en") -> str:
    _ = translator(lang)
    v = e.verdict
    head = f"{e.normalized or _('no licence')} - {_('policy')} {e.policy}"
    if e.outbound:
        head += f", {_('outbound licence')} {e.outbound}"
    lines = [head, f"{_('Verdict')}: {_(str(v.status))}"]
    if v.chosen is not None and str(v.chosen) != e.normalized:
        lines[-1] += f" ({_('chosen')}: {v.chosen})"
    width = max((len(t.license) for t in v.considered), default=0)
    for t in v.considered:
        mark = "*" if t in v.terms else " "
        reason = render(t.reason, lang)
        lines.append(f" {mark} {t.license:<{width}}  {_(_LABEL.get(t.status, str(t.status)))}: {reason}")
    lines.extend(f"   {_('note')}: {render(n, lang)}" for n in e.notes)
    return "\n".join(lines) + "\n"
