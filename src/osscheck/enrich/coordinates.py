"""Which package a component is, in the terms the look-up services use (from its purl)."""

from __future__ import annotations

from dataclasses import dataclass

from osscheck.messages import Message
from osscheck.model import Component


@dataclass(frozen=True)
class Package:
    """A package version as the purl names it: ``type`` is the purl type (npm, pypi, golang, ...)."""

    type: str
    namespace: str | None
    name: str
    version: str

    @property
    def sort_key(self) -> tuple[str, str, str, str]:
        return (self.type, self.namespace or "", self.name, self.version)

    @property
    def full_name(self) -> str:
        """The name registries use: ``@scope/name`` (npm), ``group:artifact`` (maven), a module path (go)."""
        if not self.namespace:
            return self.name
        if self.type == "maven":
            return f"{self.namespace}:{self.name}"
        return f"{self.namespace}/{self.name}"


def package_of(c: Component) -> tuple[Package | None, Message | None]:
    """The package to look up, or ``None`` and why it cannot be looked up."""
    if not c.purl:
        return None, Message("lookup.no-purl")
    from packageurl import PackageURL  # lazy: start-up

    try:
        p = PackageURL.from_string(c.purl)
    except ValueError:
        return None, Message("lookup.unreadable-purl", purl=c.purl)
    version = p.version or c.version
    if not version:
        return None, Message("lookup.no-exact-version")
    return Package(p.type.lower(), p.namespace or None, p.name, version), None
