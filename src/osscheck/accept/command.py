"""``osscheck accept SBOM``: write the acceptance record and exit 0 (accepted, also with conditions),
1 (rejected) or 2 (the SBOM, the contract or an option cannot be used: one error line)."""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

    from osscheck.accept.result import Acceptance


def command(
    sbom: str,
    policy: str | None,
    profile: str | None,
    contract: str | None,
    outbound: str | None,
    fmt: str,
    output: Path | None,
    lang: str | None,
) -> int:
    from osscheck import i18n, runner
    from osscheck.accept import accept

    runner.set_error_language(lang)
    result = accept(sbom, policy=policy, profile=profile, contract=contract, outbound=outbound)
    language = i18n.detect(lang)
    runner.write_output(render(result, fmt, language), output)
    for error in result.errors:
        print(runner.error_line(error, language), file=sys.stderr)
    return result.exit_code


def render(acceptance: Acceptance, fmt: str, lang: str = "en") -> str:
    """The record in ``fmt`` (markdown, html, json)."""
    if fmt == "json":
        from osscheck.reports.json_report import dumps

        return dumps(acceptance.to_dict(), large=len(acceptance.fixes) > 1000)
    if fmt == "html":
        from osscheck.accept import html

        return html.render(acceptance, lang)
    from osscheck.accept import markdown

    return markdown.render(acceptance, lang)
