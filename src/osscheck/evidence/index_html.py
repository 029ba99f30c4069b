"""index.html: one page, German then English, listing every file with its purpose and digest."""

from __future__ import annotations

from osscheck.evidence import purposes
from osscheck.messages import Message, label, render
from osscheck.reports.html.markup import e


def render_index(release: str, digests: dict[str, str], verdict: bool, retain_until: str) -> str:
    """``digests``: bundle path -> SHA-256 of every file but the manifest (which lists this page's)."""
    sections = [_section(lang, release, digests, verdict, retain_until) for lang in ("de", "en")]
    title = e(render(Message("evidence.index.title", release=release), "de"))
    return (
        '<!DOCTYPE html>\n<html lang="de">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #999;padding:.3em .6em;text-align:left;vertical-align:top}"
        "code{font-size:.85em;word-break:break-all}</style>\n</head>\n<body>\n"
        + "\n".join(sections)
        + "</body>\n</html>\n"
    )


def _section(lang: str, release: str, digests: dict[str, str], verdict: bool, retain_until: str) -> str:
    rows = []
    for path in sorted(digests):
        purpose, clauses = purposes.of(path)
        rows.append(
            f'<tr><td><a href="{e(path)}">{e(path)}</a></td><td>{e(render(purpose, lang))}</td>'
            f"<td>{e('; '.join(clauses))}</td><td><code>{e(digests[path])}</code></td></tr>"
        )
    rows.append(
        f'<tr><td><a href="manifest.json">manifest.json</a></td>'
        f"<td>{e(render(purposes.MANIFEST, lang))}</td><td>{e(purposes.ISO_ARCHIVE)}</td><td></td></tr>"
    )
    head = "".join(f"<th>{e(label(word, lang))}</th>" for word in ("File", "Purpose", "Evidences", "SHA-256"))
    status = label("passed" if verdict else "failed", lang)
    summary = render(Message("evidence.index.summary", verdict=status, date=retain_until), lang)
    title = render(Message("evidence.index.title", release=release), lang)
    return (
        f'<section lang="{lang}">\n<h1>{e(title)}</h1>\n'
        f"<p>{e(summary)}</p>\n<table>\n<tr>{head}</tr>\n" + "\n".join(rows) + "\n</table>\n</section>\n"
    )
