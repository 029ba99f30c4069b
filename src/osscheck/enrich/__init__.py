"""Online enrichment: look up licences the inputs leave unknown or unclear.

Sources (deps.dev, ClearlyDefined, the PyPI JSON API, the npm registry) are asked in a configurable
order, through one HTTP session behind a persistent cache. Nothing here imports ``requests``
until a look-up runs, so a check without ``--online``/``--offline`` stays fast.
"""

from __future__ import annotations

from osscheck.licenses.catalog import NON_STANDARD as NON_STANDARD  # its home is below policy and enrich

TYPE_CHECKING = False
if TYPE_CHECKING:
    from osscheck.config import Config
    from osscheck.enrich.settings import Settings
    from osscheck.model import Component, Finding
    from osscheck.policy.model import Policy


def enrich(
    components: list[Component],
    policy: Policy,
    online: bool,
    settings: Settings | None = None,
    config: Config | None = None,
) -> list[Finding]:
    """Fill unknown or low-confidence licences in place; return findings about the look-ups.

    ``online=False`` answers from the cache alone and never opens a connection.
    """
    from osscheck.enrich.runner import run  # lazy: start-up
    from osscheck.enrich.settings import Settings

    return run(components, policy, online, settings or Settings.load(config))
