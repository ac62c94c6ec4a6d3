"""Warm introductions: shortest chains from the team to an organisation's contacts."""

import pytest

from partnerpath.core.network import Edge, warm_introductions

ALICE, BOB = ("user", 1), ("user", 2)
C1, C2, C3, C4, TARGET, OTHER_TARGET = (("contact", i) for i in (11, 12, 13, 14, 20, 21))


def test_a_direct_connection_is_a_one_hop_chain():
    chains = warm_introductions([Edge(ALICE, TARGET, "knows")], [ALICE, BOB], [TARGET])
    assert [c.people for c in chains] == [(ALICE, TARGET)]
    assert chains[0].hops == 1


def test_it_prefers_the_shortest_chain_from_any_team_member():
    edges = [
        Edge(ALICE, C1, "knows"),
        Edge(C1, C2, "worked_with"),
        Edge(C2, TARGET, "knows"),
        Edge(BOB, C3, "knows"),
        Edge(C3, TARGET, "introduced_by"),
    ]
    chains = warm_introductions(edges, [ALICE, BOB], [TARGET])
    assert chains[0].people == (BOB, C3, TARGET)
    assert chains[0].links == ("knows", "introduced_by")


def test_connections_work_both_ways():
    chains = warm_introductions(
        [Edge(TARGET, C1, "knows"), Edge(C1, ALICE, "knows")], [ALICE], [TARGET]
    )
    assert chains[0].people == (ALICE, C1, TARGET)


def test_unreachable_contacts_and_teams_without_connections_give_no_chain():
    assert warm_introductions([Edge(C1, C2, "knows")], [ALICE], [TARGET]) == []
    assert warm_introductions([], [ALICE], [TARGET]) == []


def test_it_returns_one_chain_per_reachable_target_shortest_first_within_the_limit():
    edges = [
        Edge(ALICE, C1, "knows"),
        Edge(C1, TARGET, "knows"),
        Edge(ALICE, OTHER_TARGET, "knows"),
    ]
    chains = warm_introductions(edges, [ALICE], [TARGET, OTHER_TARGET])
    assert [c.people[-1] for c in chains] == [OTHER_TARGET, TARGET]
    assert len(warm_introductions(edges, [ALICE], [TARGET, OTHER_TARGET], limit=1)) == 1


def test_a_team_member_who_is_also_the_target_needs_no_introduction():
    assert warm_introductions([Edge(ALICE, C4, "knows")], [ALICE], [ALICE]) == []


def test_each_link_keeps_the_direction_it_was_recorded_in():
    # Recorded "C1 was introduced by Alice"; the chain walks it from Alice to C1, backwards.
    edges = [Edge(C1, ALICE, "introduced_by"), Edge(C1, TARGET, "knows")]
    (chain,) = warm_introductions(edges, [ALICE], [TARGET])
    assert chain.people == (ALICE, C1, TARGET)
    assert chain.links == ("introduced_by", "knows")
    assert chain.as_recorded == (False, True)


@pytest.mark.parametrize(
    ("edge", "as_recorded"),
    [
        (Edge(ALICE, TARGET, "introduced_by"), True),  # Alice was introduced by the target
        (Edge(TARGET, ALICE, "introduced_by"), False),  # the target was introduced by Alice
    ],
)
def test_a_direct_link_reads_as_recorded_or_reversed(edge, as_recorded):
    (chain,) = warm_introductions([edge], [ALICE], [TARGET])
    assert chain.as_recorded == (as_recorded,)


def test_without_a_limit_every_reachable_target_has_its_chain():
    targets = [("contact", 100 + i) for i in range(8)]
    edges = [Edge(ALICE, t, "knows") for t in targets]
    assert len(warm_introductions(edges, [ALICE], targets)) == 5
    assert len(warm_introductions(edges, [ALICE], targets, limit=None)) == 8
