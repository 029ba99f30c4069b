"""Time online enrichment: 200 look-ups against a local deps.dev stand-in with artificial latency.

The script starts a small threaded ``http.server`` on 127.0.0.1 that answers deps.dev v3 version
documents after a fixed delay, writes a CycloneDX SBOM of N pinned PyPI packages without licences,
and times ``osscheck.check(..., online=True)`` with an empty cache (every look-up goes to the server),
again with a warm cache, and with ``online=False`` (cache only). Nothing leaves the machine.

    .venv/bin/python bench/enrich_bench.py                  # 200 packages, 5 ms latency
    .venv/bin/python bench/enrich_bench.py --packages 1000 --latency 20 --concurrency 1
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

LICENSES = ("MIT", "Apache-2.0", "BSD-3-Clause", "ISC", "MPL-2.0")


class _DepsDev(BaseHTTPRequestHandler):
    latency = 0.005
    requests = 0
    lock = threading.Lock()

    def do_GET(self) -> None:
        time.sleep(self.latency)
        with _DepsDev.lock:
            _DepsDev.requests += 1
        parts = self.path.split("/")
        # /v3/systems/pypi/packages/{name}/versions/{version}
        if len(parts) != 8 or parts[1:3] != ["v3", "systems"]:
            self._send(404, {"error": "not found"})
            return
        name = unquote(parts[5])
        lic = LICENSES[int(name.rsplit("-", 1)[-1]) % len(LICENSES)]
        self._send(
            200,
            {
                "versionKey": {"system": "PYPI", "name": name, "version": unquote(parts[7])},
                "licenses": [lic],
                "licenseDetails": [{"license": lic, "spdx": lic}],
            },
        )

    def _send(self, status: int, doc: object) -> None:
        body = json.dumps(doc).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass


def _sbom(path: Path, count: int) -> None:
    doc = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.5",
        "version": 1,
        "metadata": {
            "component": {"type": "application", "name": "app", "licenses": [{"expression": "EUPL-1.2"}]}
        },
        "components": [
            {
                "type": "library",
                "name": f"pkg-{i:05d}",
                "version": "1.0.0",
                "purl": f"pkg:pypi/pkg-{i:05d}@1.0.0",
            }
            for i in range(count)
        ],
    }
    path.write_text(json.dumps(doc))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", type=int, default=200)
    parser.add_argument("--latency", type=float, default=5.0, help="milliseconds per answer")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median shown)")
    args = parser.parse_args()

    import osscheck
    from osscheck.enrich.settings import Settings

    _DepsDev.latency = args.latency / 1000
    ThreadingHTTPServer.request_queue_size = 128  # the default 5 drops concurrent connections (1 s SYN retry)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _DepsDev)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with tempfile.TemporaryDirectory() as tmp:
            sbom = Path(tmp) / "bom.cdx.json"
            _sbom(sbom, args.packages)

            def settings(cache: Path) -> Settings:
                env = {"OSSCHECK_CACHE_DIR": str(cache)}
                env.update({f"OSSCHECK_{s}_URL": base for s in ("DEPSDEV", "PYPI", "NPM", "CLEARLYDEFINED")})
                loaded = Settings.load(None, env)
                return loaded.replace(sources=("deps.dev",), concurrency=args.concurrency)

            def timed(online: bool, cache: Path) -> tuple[float, int]:
                before = _DepsDev.requests
                start = time.perf_counter()
                report = osscheck.check([sbom], online=online, enrich_settings=settings(cache))
                elapsed = time.perf_counter() - start
                filled = sum(1 for c in report.components if c.license is not None)
                assert filled == args.packages, f"only {filled} of {args.packages} filled"
                return elapsed, _DepsDev.requests - before

            baseline = statistics.median(_time(lambda: osscheck.check([sbom])) for _ in range(args.repeat))
            cold, warm, offline = [], [], []
            asked = 0
            for run in range(args.repeat):
                cache = Path(tmp) / f"cache-{run}"
                seconds, asked = timed(True, cache)
                cold.append(seconds)
                warm.append(timed(True, cache)[0])
                offline.append(timed(False, cache)[0])
            print(
                f"{args.packages} packages, {args.latency:g} ms latency per answer, "
                f"concurrency {args.concurrency}, median of {args.repeat}"
            )
            print(f"  check without look-ups:        {baseline * 1000:8.1f} ms")
            print(
                f"  --online, empty cache:         {statistics.median(cold) * 1000:8.1f} ms"
                f"  ({asked} requests; {args.packages * args.latency:.0f} ms of latency if asked one by one)"
            )
            print(f"  --online, warm cache:          {statistics.median(warm) * 1000:8.1f} ms  (0 requests)")
            print(f"  --offline (cache only):        {statistics.median(offline) * 1000:8.1f} ms")
    finally:
        server.shutdown()


def _time(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
