"""Run the look-ups: pick the components that need one, ask the sources in order, apply answers.

The declared licence always wins: an answer fills a licence only where the input gave none
that could be read (licences observed in the files are no declaration: an answer replaces them);
where the input's (low-confidence) licence and the answer differ, a ``license-mismatch`` finding
shows both. A look-up that fails leaves the licence unknown and a
``lookup-failed`` finding says why; it never stops the run.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from types import ModuleType

from osscheck.enrich import clearlydefined, depsdev, npm, pypi
from osscheck.enrich.answers import Answer, read_statement
from osscheck.enrich.client import NOT_ASKED, Call, Client, Fetched
from osscheck.enrich.coordinates import Package, package_of
from osscheck.enrich.settings import Settings
from osscheck.messages import Message
from osscheck.model import Component, Finding, Scope, Severity
from osscheck.policy.model import Policy
from osscheck.rules import severity

SOURCE_MODULES: dict[str, ModuleType] = {
    depsdev.NAME: depsdev,
    pypi.NAME: pypi,
    npm.NAME: npm,
    clearlydefined.NAME: clearlydefined,
}
TITLES = {"deps.dev": "deps.dev", "pypi": "PyPI", "npm": "npm registry", "clearlydefined": "ClearlyDefined"}


def needs_lookup(c: Component, policy: Policy) -> bool:
    """Unknown, or recognised with less confidence than the policy asks for; not an ignored dev dependency."""
    if c.scope is Scope.DEV and not policy.dev_dependencies:
        return False
    return c.license is None or (c.confidence is not None and c.confidence < policy.min_confidence)


def run(components: list[Component], policy: Policy, online: bool, settings: Settings) -> list[Finding]:
    from osscheck.enrich.cache import open_session, require_libraries  # lazy: start-up

    require_libraries()  # asked for look-ups: say what is missing even when nothing needs one
    wanted = [c for c in components if needs_lookup(c, policy)]
    if not wanted:
        return []
    findings: list[Finding] = []
    by_package: dict[Package, list[Component]] = {}
    for c in wanted:
        package, why = package_of(c)
        if package is None:
            findings.append(_not_looked_up(c, why or Message("lookup.cannot-look-up")))
        else:
            by_package.setdefault(package, []).append(c)
    if not by_package:
        return findings
    session = open_session(settings, online)
    try:
        client = Client(session, settings, online)
        answers, tried = _ask(client, settings, sorted(by_package, key=lambda p: p.sort_key), policy)
    finally:
        if session is not None:
            session.close()
    for package, comps in sorted(by_package.items(), key=lambda item: item[0].sort_key):
        for c in comps:
            answer = answers.get(package)
            if answer is not None:
                findings.extend(_apply(c, answer))
            else:
                findings.append(_failed(c, tried.get(package, []), online))
    return findings


def _ask(
    client: Client, settings: Settings, packages: list[Package], policy: Policy
) -> tuple[dict[Package, Answer], dict[Package, list[Answer]]]:
    """Ask the sources in order until one gives a licence the policy trusts (else keep the best one)."""
    from osscheck.progress import Progress

    answers: dict[Package, Answer] = {}
    tried: dict[Package, list[Answer]] = {p: [] for p in packages}
    settled: set[Package] = set()
    for source in settings.sources:
        module = SOURCE_MODULES[source]
        todo = [p for p in packages if p not in settled and module.supports(p)]
        if not todo:
            continue
        calls: list[Call] = module.calls(todo, settings.url(source))
        with Progress(len(calls), f"looking up licences at {TITLES[source]}") as progress:
            fetched_all = _uniform_when_held_back(
                _fetch_all(client, calls, settings.concurrency, progress.step)
            )
        for call, fetched in fetched_all:
            for package in call.packages:
                answer = _read(module, call, fetched, package, policy.multiple_licenses)
                if answer.license is None:
                    tried[package].append(answer)
                    continue
                # a vague answer (a bare "BSD License" classifier) is kept, and the next source asked
                best = answers.get(package)
                if best is None or answer.confidence > best.confidence:
                    answers[package] = answer
                if answer.confidence >= policy.min_confidence:
                    settled.add(package)
    return answers, tried


def _fetch_all(
    client: Client, calls: list[Call], concurrency: int, step: Callable[[str], None]
) -> list[tuple[Call, Fetched]]:
    results: list[Fetched | None] = [None] * len(calls)
    pool = ThreadPoolExecutor(max_workers=max(1, min(concurrency, len(calls))), thread_name_prefix="osscheck")
    try:
        futures = {pool.submit(client.fetch, call): i for i, call in enumerate(calls)}
        for future in as_completed(futures):
            i = futures[future]
            try:
                results[i] = future.result()
            except Exception as exc:  # a bug in a source must not cost the other look-ups
                internal = Message("lookup.internal-error", error=type(exc).__name__, detail=str(exc))
                results[i] = Fetched(failure=internal, transport=True)
            step(calls[i].packages[0].full_name)
    except BaseException:
        # Ctrl-C: drop the queued look-ups and stop retries; only requests in flight run to their timeout
        client.cancel()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return [(call, r) for call, r in zip(calls, results, strict=True) if r is not None]


def _uniform_when_held_back(fetched: list[tuple[Call, Fetched]]) -> list[tuple[Call, Fetched]]:
    """One failure for every failed call of a source that stopped being asked.

    Which calls failed before the breaker held the rest back depends on thread timing; the same
    message for all of them keeps a report against a service that is down the same run after run.
    """
    if not any(f.failure is not None and f.failure.code == NOT_ASKED for _, f in fetched):
        return fetched
    first = next(
        (
            f.failure
            for _, f in fetched
            if f.transport and f.failure is not None and f.failure.code != NOT_ASKED
        ),
        Message("lookup.no-answer"),
    )
    failure = Message("lookup.held-back", first=first)
    return [(call, Fetched(failure=failure, transport=True) if f.transport else f) for call, f in fetched]


def _read(module: ModuleType, call: Call, fetched: Fetched, package: Package, multiple: str) -> Answer:
    source = module.NAME
    if fetched.failure is not None or fetched.data is None:
        return Answer(
            source,
            module.url(call, package),
            failure=fetched.failure or Message("lookup.no-answer"),
            transport=fetched.transport,
        )
    try:
        return read_statement(source, module.statement(call, fetched.data, package), multiple)
    except Exception as exc:  # a strange answer is that source's failure, not the run's
        return Answer(source, call.url, failure=Message("lookup.unreadable-answer", error=type(exc).__name__))


def _apply(c: Component, answer: Answer) -> list[Finding]:
    source = {"method": answer.method, "url": answer.url, "license": answer.license}
    if c.license is None or c.method == "observed":
        # nothing declared: what the registry says the package declares beats what a scan found
        # in its files (which stay in extra["observed"] and are compared with it when judged)
        c.license, c.method, c.confidence = answer.license, answer.method, answer.confidence
        c.extra["source"] = source
        return []
    c.extra["source"] = source
    if _same(c.license, answer.license):  # type: ignore[arg-type]
        # the registry confirms a licence the input only hinted at
        c.confidence = max(c.confidence or 0.0, answer.confidence)
        return []
    title = TITLES[answer.source]
    return [
        Finding(
            "license-mismatch",
            severity("license-mismatch"),
            _of(
                c, Message("finding.license-mismatch", license=c.license, source=title, found=answer.license)
            ),
            Message("hint.license-mismatch", url=answer.url),
            c.ref,
            c.location,
        )
    ]


def _same(a: str, b: str) -> bool:
    from osscheck.errors import ExpressionError
    from osscheck.licenses.expression import parse

    if a == b:
        return True
    try:
        x, y = parse(a).expression, parse(b).expression
    except ExpressionError:
        return False
    return x is not None and y is not None and _shape(x) == _shape(y)


def _shape(node: object) -> object:
    """An order-insensitive form of an expression: ``MIT AND ISC`` equals ``ISC AND MIT``."""
    from osscheck.licenses.expression import And, Or

    if isinstance(node, (And, Or)):
        return (type(node).__name__, frozenset(_shape(a) for a in node.args))
    return str(node)


def _failed(c: Component, tried: list[Answer], online: bool) -> Finding:
    if not tried:
        return _not_looked_up(c, Message("finding.no-lookup-source", purl=c.purl))
    reasons: Message | None = None
    for a in tried:
        reason = Message("lookup.source-failure", source=TITLES[a.source], failure=a.failure)
        reasons = reason if reasons is None else Message("reason.and", first=reasons, second=reason)
    transport = any(a.transport for a in tried)
    if not online:
        hint = Message("rule.lookup-failed.hint")
    elif transport:
        hint = Message("hint.lookup-transport", mirrors="OSSCHECK_DEPSDEV_URL, OSSCHECK_PYPI_URL, ...")
    else:
        hint = Message("hint.lookup-unknown")
    return Finding(
        "lookup-failed",
        # a service that could not be reached may know the licence: worth more than a note
        Severity.WARNING if transport else severity("lookup-failed"),
        _of(c, Message("finding.lookup-failed", reasons=reasons)),
        hint,
        c.ref,
        c.location,
    )


def _of(c: Component, detail: Message) -> Message:
    return Message("finding.of-component", ref=c.ref, detail=detail)


def _not_looked_up(c: Component, why: Message) -> Finding:
    return Finding(
        "lookup-failed",
        severity("lookup-failed"),
        _of(c, Message("finding.not-looked-up", why=why)),
        Message("hint.not-looked-up"),
        c.ref,
        c.location,
    )
