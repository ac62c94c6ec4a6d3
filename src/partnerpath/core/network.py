"""Warm introductions: the shortest chains of people from the team to an organisation's contacts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

import networkx as nx

# A person is ("user", id) for a team member or ("contact", id) for a contact.
Person = tuple[str, int]


@dataclass(frozen=True)
class Edge:
    """Two people who know each other, and how, in the direction it was recorded: ``a`` <kind>
    ``b`` (e.g. a "was introduced by" b)."""

    a: Person
    b: Person
    kind: str


@dataclass(frozen=True)
class Chain:
    """People from a team member to a target contact, with how each pair is connected."""

    people: tuple[Person, ...]
    links: tuple[str, ...]
    # For each link: True when it was recorded from this person to the next (people[i] <kind>
    # people[i+1]), False when the chain walks it backwards (people[i+1] <kind> people[i]).
    as_recorded: tuple[bool, ...] = ()

    @property
    def hops(self) -> int:
        """Introductions needed: the number of links in the chain."""
        return len(self.links)


def warm_introductions(
    edges: Iterable[Edge],
    team: Iterable[Person],
    targets: Iterable[Person],
    limit: int | None = 5,
) -> list[Chain]:
    """Shortest chain to each reachable target contact, shortest first (ties by target); at most
    ``limit`` chains (None: all of them).

    Connections are treated as going both ways: if A knows B, B can introduce A. Each link keeps
    the direction it was recorded in, so "A was introduced by B" is not read as the reverse.
    """
    graph: nx.Graph[Person] = nx.Graph()
    for edge in edges:
        if edge.a != edge.b:
            graph.add_edge(edge.a, edge.b, kind=edge.kind, start=edge.a)
    sources = [p for p in team if p in graph]
    if not sources:
        return []
    # One multi-source search: each node's shortest path from the nearest team member.
    paths = nx.multi_source_dijkstra_path(graph, set(sources))
    chains: list[Chain] = []
    for target in sorted(set(targets)):
        path = paths.get(target)
        if path is None or len(path) < 2:
            continue
        steps = list(pairwise(path))
        links = tuple(str(graph.edges[u, v]["kind"]) for u, v in steps)
        forward = tuple(graph.edges[u, v]["start"] == u for u, v in steps)
        chains.append(Chain(tuple(path), links, forward))
    chains.sort(key=lambda c: (c.hops, c.people[-1]))
    return chains if limit is None else chains[:limit]
