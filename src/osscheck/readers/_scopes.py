"""Scopes from a dependency graph: what a run-time root reaches is run-time, and so on.

Lockfiles often list packages without saying why they are there; the manifest says which direct
dependencies are for run time, optional or development only, and the lockfile's edges carry that
down. A package reached both ways takes the scope that ships (run time before optional before dev).
"""

from __future__ import annotations

from osscheck.model import Scope

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Hashable, Iterable, Mapping
    from typing import TypeVar

    Node = TypeVar("Node", bound=Hashable)
    Edges = Mapping[Node, Iterable[Node]] | Callable[[Node], Iterable[Node]]

ORDER = (Scope.RUNTIME, Scope.OPTIONAL, Scope.DEV)


def propagate(
    roots: Iterable[tuple[Node, Scope]], edges: Edges[Node], origins: dict[Node, Node] | None = None
) -> dict[Node, Scope]:
    """The scope of every node reachable from the roots (breadth first, without recursion).

    ``origins``, when given, is filled with the root each node was reached from (the direct
    dependency that pulls it in), so that a report can point at the line that declares it.
    """
    follow = edges if callable(edges) else (lambda n: edges.get(n, ()))
    by_scope: dict[Scope, list[Node]] = {s: [] for s in ORDER}
    for node, scope in roots:
        by_scope[scope].append(node)
    out: dict[Node, Scope] = {}
    origin: dict[Node, Node] = {} if origins is None else origins
    for scope in ORDER:
        queue = [n for n in by_scope[scope] if n not in out]
        for n in queue:
            out[n] = scope
            origin[n] = n
        while queue:
            nxt: list[Node] = []
            for node in queue:
                for child in follow(node):
                    if child not in out:
                        out[child] = scope
                        origin[child] = origin[node]
                        nxt.append(child)
            queue = nxt
    return out
