"""The contract a delivery is accepted under (``--contract vertrag.toml``).

::

    [contract]
    reference = "VG-2026-0042"            # the contract's file number (Vertragsnummer, Vergabe-Nr.)
    title = "Fachverfahren Wohngeld"      # what was commissioned
    client = "Stadt Musterstadt, Amt 10"  # the administration (Auftraggeber)
    supplier = "Muster GmbH"              # the contractor (Auftragnehmer)
    policy = "public-code"                # built-in name, or a policy file beside the contract
    outbound = "EUPL-1.2"                 # the licence the administration will publish under
    profile = "bsi-tr-03183-2"            # the SBOM the contract asks for
    fix-deadline = 2026-04-30             # by when the contractor must fix what the record lists

Every key but ``reference`` may be left out. A file that is not TOML, an unknown key or a value of
the wrong kind is one error ``FILE:LINE: ...`` (exit 2), as a policy file's.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from osscheck.errors import UsageError
from osscheck.messages import Message

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: the keys of [contract] and the type of each value
KEYS: dict[str, type] = {
    "reference": str,
    "title": str,
    "client": str,
    "supplier": str,
    "policy": str,
    "outbound": str,
    "profile": str,
    "fix-deadline": dt.date,
}
_TYPE_WORDS = {str: Message("accept.type.string"), dt.date: Message("accept.type.date")}


class Contract:
    """The terms that decide an acceptance; ``source`` is the file they came from."""

    def __init__(
        self,
        reference: str,
        source: str | None = None,
        title: str | None = None,
        client: str | None = None,
        supplier: str | None = None,
        policy: str | None = None,
        outbound: str | None = None,
        profile: str | None = None,
        fix_deadline: dt.date | None = None,
        digest: str | None = None,
    ) -> None:
        self.reference = reference
        self.source = source
        self.title = title
        self.client = client
        self.supplier = supplier
        self.policy = policy
        self.outbound = outbound
        self.profile = profile
        self.fix_deadline = fix_deadline
        self.digest = digest

    def to_dict(self) -> dict[str, Any]:
        return {
            "reference": self.reference,
            "title": self.title,
            "client": self.client,
            "supplier": self.supplier,
            "policy": self.policy,
            "outbound": self.outbound,
            "profile": self.profile,
            "fix_deadline": self.fix_deadline.isoformat() if self.fix_deadline else None,
            "source": self.source,
            "sha256": self.digest,
        }


def load_contract(path: str | Path) -> Contract:
    """The contract in ``path``; every problem is one :class:`UsageError` with the file and line."""
    from osscheck.digest import sha256
    from osscheck.toml_lines import TomlLines, loads  # lazy: start-up

    file = Path(path)
    try:
        data = file.read_bytes()
        text = data.decode("utf-8")
    except OSError as exc:
        raise UsageError(
            Message("accept.contract-unreadable", reason=exc.strerror or str(exc)), file
        ) from None
    except UnicodeDecodeError:
        raise UsageError(Message("accept.contract-not-utf8"), file) from None
    parsed = loads(file, text, UsageError)
    lines = TomlLines(text)
    for key in parsed:
        if key != "contract":
            raise UsageError(Message("accept.contract-unknown-table", key=key), file, lines.line((key,)) or 1)
    table = parsed.get("contract")
    if not isinstance(table, dict):
        raise UsageError(Message("accept.contract-no-table"), file, 1)
    values: dict[str, Any] = {}
    for key, value in table.items():
        line = lines.line(("contract",), key)
        kind = KEYS.get(key)
        if kind is None:
            raise UsageError(
                Message("accept.contract-unknown-key", key=key, known=", ".join(KEYS)), file, line
            )
        empty = isinstance(value, str) and not value.strip()
        if not isinstance(value, kind) or isinstance(value, dt.datetime) or empty:
            raise UsageError(
                Message("accept.contract-wrong-type", key=key, expected=_TYPE_WORDS[kind]), file, line
            )
        values[key.replace("-", "_")] = value
    if "reference" not in values:
        raise UsageError(Message("accept.contract-no-reference"), file, lines.table(("contract",)) or 1)
    _check_terms(values, file, lines)
    policy = values.get("policy")
    if policy and (file.parent / policy).is_file():  # a policy file named beside the contract
        values["policy"] = str(file.parent / policy)
    return Contract(source=str(file), digest=sha256(data), **values)


def _check_terms(values: dict[str, Any], file: Path, lines: Any) -> None:
    """A licence that is no SPDX expression, or a profile osscheck does not know, at its line."""
    from osscheck.errors import ExpressionError, OsscheckError

    outbound = values.get("outbound")
    if outbound is not None:
        from osscheck.licenses.expression import parse

        line = lines.line(("contract",), "outbound")
        try:
            ok = parse(outbound).expression is not None
        except ExpressionError as exc:
            raise UsageError(
                Message("accept.contract-bad-outbound", problem=exc.message), file, line
            ) from None
        if not ok:
            raise UsageError(Message("accept.contract-bad-outbound", problem=repr(outbound)), file, line)
    profile = values.get("profile")
    if profile is not None:
        from osscheck.accept.profile import load_profile

        try:
            load_profile(profile)
        except OsscheckError as exc:
            raise UsageError(exc.message, file, lines.line(("contract",), "profile")) from None
