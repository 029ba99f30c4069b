"""``osscheck accept``: a contractor's SBOM delivery, checked for acceptance (issue 17).

Since the EVB-IT revision a contractor (Auftragnehmer) delivers an SBOM with commissioned software.
``accept(path)`` checks it against a guideline's profile (BSI TR-03183-2 by default: format and
version, every required field per component and for the document) and judges its licences under a
policy, as ``check`` does; the :class:`~osscheck.accept.result.Acceptance` it returns renders as the
acceptance record (Abnahmeprotokoll) in Markdown, HTML or JSON (``osscheck-accept/1``).

::

    import osscheck
    result = osscheck.accept("sbom.cdx.json", contract="vertrag.toml")
    print(result.result, result.completeness.score)
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

    from osscheck.accept.contract import Contract
    from osscheck.accept.result import Acceptance
    from osscheck.policy.model import Policy

__all__ = ["FORMATS", "accept"]

#: what ``-f`` takes
FORMATS = ("markdown", "html", "json")


def accept(
    path: str | Path,
    policy: str | Path | Policy | None = None,
    profile: str | None = None,
    contract: str | Path | Contract | None = None,
    outbound: str | None = None,
) -> Acceptance:
    """Check the SBOM ``path`` for acceptance.

    ``profile``: ``bsi-tr-03183-2`` (its current version) or ``bsi-tr-03183-2@2.1.0``; ``contract``:
    a contract file (or a :class:`~osscheck.accept.contract.Contract`) whose policy, outbound licence
    and profile apply where the arguments leave them out. An SBOM that cannot be read raises
    :class:`~osscheck.errors.InputError`; any SBOM that can gets a result, however incomplete.
    """
    from osscheck.accept.completeness import assess
    from osscheck.accept.contract import Contract, load_contract
    from osscheck.accept.delivery import read_delivery
    from osscheck.accept.profile import load_profile
    from osscheck.accept.result import Acceptance
    from osscheck.accept.verdict import decide, licence_check
    from osscheck.reports._stamp import stamp_time

    terms = contract if isinstance(contract, Contract) or contract is None else load_contract(contract)
    chosen_profile = load_profile(profile or (terms.profile if terms is not None else None))
    if policy is None and terms is not None:
        policy = terms.policy
    if outbound is None and terms is not None:
        outbound = terms.outbound
    delivery = read_delivery(path)
    date = stamp_time()
    completeness = assess(delivery, chosen_profile)
    report = licence_check(delivery, policy, outbound, date.date())
    result, reasons, fixes = decide(delivery, chosen_profile, completeness, report)
    return Acceptance(
        result,
        reasons,
        fixes,
        delivery,
        chosen_profile,
        terms,
        completeness,
        report,
        date,
        format_accepted=not any(f.kind == "format" for f in fixes),
    )


def _callable_module() -> None:
    """``osscheck.accept(...)`` calls the function even after this package was imported (as diff)."""
    import sys
    import types

    class _Module(types.ModuleType):
        def __call__(self, *args: object, **kwargs: object) -> Acceptance:
            return accept(*args, **kwargs)  # type: ignore[arg-type]

    sys.modules[__name__].__class__ = _Module


_callable_module()
