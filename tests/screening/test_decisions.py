"""Decisions on hits: they survive re-screening, a changed list entry is raised again, clearing a
true match needs a second person, and a list import re-screens and flags only new hits."""

from __future__ import annotations

from typing import Any

import pytest

from partnerpath.audit.models import Change
from partnerpath.screening import services
from partnerpath.screening.choices import Decision, HitStatus, ScreeningTrigger
from partnerpath.screening.models import Adjudication, Screening
from tests.screening.conftest import GENERIC, OFAC, UN_XML, hit_on

pytestmark = pytest.mark.django_db

COMPANY = ("C1", "Anglo Caribbean Company Limited", "Company", "gb", "")
OTHER = ("C2", "Mekong Shipping Lines Ltd", "Company", "vn", "")


def test_a_decision_survives_re_screening(
    cast: Any, listed: Any, imported_lists: Any, screen: Any
) -> None:
    first = screen(listed.org)
    services.decide(
        hit_on(first, "ofac-173"),
        Decision.FALSE_POSITIVE,
        "UK shop, not the Cuban firm",
        cast.member,
    )
    second = screen(listed.org)
    again = hit_on(second, "ofac-173")
    assert not again.is_new and again.adjudication is not None
    assert again.status == HitStatus.FALSE_POSITIVE
    assert again.adjudication.reason == "UK shop, not the Cuban firm"
    assert (second.hit_count, second.new_hit_count) == (2, 1)
    open_ids = {h.entity_id for h in services.new_hits(cast.programme).hits}
    assert open_ids == {"ofac-6365"}


def test_a_decision_holds_for_an_unchanged_entry_in_a_new_list_version(
    cast: Any, listed: Any, screen: Any, write_list: Any
) -> None:
    services.import_list(write_list(COMPANY), "Local list", rescreen=False)
    first = screen(listed.org)
    services.decide(hit_on(first, "C1"), Decision.NEEDS_ESCALATION, "Ask legal", cast.member)
    # A new version where only another entry was added: the decision still applies.
    services.import_list(write_list(COMPANY, OTHER), "Local list")
    rescreen = Screening.objects.filter(trigger=ScreeningTrigger.LIST_UPDATE).get()
    hit = hit_on(rescreen, "C1")
    assert hit.list_entry.version.is_current and hit.list_entry != hit_on(first, "C1").list_entry
    assert not hit.is_new and hit.status == HitStatus.NEEDS_ESCALATION
    assert rescreen.new_hit_count == 0
    # Escalated is not settled: it stays among the open hits on the dashboard until decided.
    assert [h.pk for h in services.new_hits(cast.programme).hits] == [hit.pk]
    services.decide(hit, Decision.FALSE_POSITIVE, "Legal says another firm", cast.member)
    assert services.new_hits(cast.programme).count == 0


def test_a_changed_list_entry_is_raised_again_with_the_earlier_decision(
    cast: Any, listed: Any, screen: Any, write_list: Any
) -> None:
    services.import_list(write_list(COMPANY), "Local list", rescreen=False)
    first = screen(listed.org)
    old = services.decide(hit_on(first, "C1"), Decision.FALSE_POSITIVE, "Other firm", cast.member)
    changed = ("C1", "Anglo Caribbean Company Limited", "Company", "gb", "Anglo-Carib Holdings")
    services.import_list(write_list(changed), "Local list")
    rescreen = Screening.objects.get(trigger=ScreeningTrigger.LIST_UPDATE)
    hit = hit_on(rescreen, "C1")
    assert hit.is_new and hit.adjudication is None and hit.status == HitStatus.NEW
    assert hit.entry_changed and hit.previous_adjudication == old.adjudication
    assert rescreen.new_hit_count == 1
    assert [h.pk for h in services.new_hits(cast.programme).hits] == [hit.pk]
    # The old decision stays on the old hit.
    assert hit_on(first, "C1").status == HitStatus.FALSE_POSITIVE


def test_a_decision_needs_a_reason(
    cast: Any, listed: Any, imported_lists: Any, screen: Any
) -> None:
    hit = hit_on(screen(listed.org), "ofac-173")
    with pytest.raises(services.DecisionError, match="reason"):
        services.decide(hit, Decision.FALSE_POSITIVE, "   ", cast.member)
    assert not Adjudication.objects.exists()


def test_clearing_a_true_match_needs_a_second_person(
    cast: Any, listed: Any, imported_lists: Any, screen: Any
) -> None:
    hit = hit_on(screen(listed.org), "ofac-6365")
    services.decide(hit, Decision.TRUE_MATCH, "Same passport number", cast.member)
    outcome = services.decide(
        hit, Decision.FALSE_POSITIVE, "Different person after all", cast.member
    )
    assert outcome.awaiting_second_person and "second person" in outcome.message
    adj = Adjudication.objects.get()
    assert adj.decision == Decision.TRUE_MATCH and adj.status == HitStatus.AWAITING_SECOND_PERSON
    assert not services.can_confirm(hit, cast.member) and services.can_confirm(hit, cast.owner)

    with pytest.raises(services.SamePersonError):
        services.confirm_clearance(hit, cast.member)
    assert Adjudication.objects.get().decision == Decision.TRUE_MATCH

    services.confirm_clearance(hit, cast.owner)
    adj = Adjudication.objects.get()
    assert adj.decision == Decision.FALSE_POSITIVE and not adj.awaiting_second_person
    assert (adj.decided_by, adj.confirmed_by) == (cast.member, cast.owner)
    assert adj.reason == "Different person after all"


def test_deciding_true_match_again_withdraws_a_pending_clearing(
    cast: Any, listed: Any, imported_lists: Any, screen: Any
) -> None:
    hit = hit_on(screen(listed.org), "ofac-6365")
    services.decide(hit, Decision.TRUE_MATCH, "Same passport", cast.member)
    services.decide(hit, Decision.NEEDS_ESCALATION, "Not sure any more", cast.member)
    services.decide(hit, Decision.TRUE_MATCH, "Checked again: same passport", cast.owner)
    adj = Adjudication.objects.get()
    assert adj.status == HitStatus.TRUE_MATCH and adj.decided_by == cast.owner
    with pytest.raises(services.DecisionError, match="Nothing"):
        services.confirm_clearance(hit, cast.owner)


def test_a_true_match_on_an_earlier_entry_content_still_needs_a_second_person(
    cast: Any, listed: Any, screen: Any, write_list: Any
) -> None:
    services.import_list(write_list(COMPANY), "Local list", rescreen=False)
    services.decide(hit_on(screen(listed.org), "C1"), Decision.TRUE_MATCH, "Same firm", cast.member)
    changed = ("C1", "Anglo Caribbean Company Limited", "Company", "gb", "ACC Ltd")
    services.import_list(write_list(changed), "Local list")
    hit = hit_on(Screening.objects.get(trigger=ScreeningTrigger.LIST_UPDATE), "C1")
    outcome = services.decide(hit, Decision.FALSE_POSITIVE, "New alias, other firm", cast.member)
    assert outcome.awaiting_second_person and hit.status == HitStatus.AWAITING_SECOND_PERSON
    services.confirm_clearance(hit, cast.owner)
    hit.refresh_from_db()
    assert hit.status == HitStatus.FALSE_POSITIVE


def test_a_decision_applies_to_every_hit_with_the_same_key(
    cast: Any, listed: Any, imported_lists: Any, screen: Any
) -> None:
    first, second = screen(listed.org), screen(listed.org)
    services.decide(hit_on(second, "ofac-173"), Decision.FALSE_POSITIVE, "Other firm", cast.member)
    assert hit_on(first, "ofac-173").status == HitStatus.FALSE_POSITIVE


def test_decisions_are_in_the_history_with_who_and_why(
    cast: Any, listed: Any, imported_lists: Any, screen: Any
) -> None:
    hit = hit_on(screen(listed.org), "ofac-173")
    services.decide(hit, Decision.FALSE_POSITIVE, "Registered in Wales, not Cuba", cast.member)
    change = Change.objects.get(content_type__model="adjudication")
    assert change.actor == cast.member and change.reason == "Registered in Wales, not Cuba"
    assert change.programme == cast.programme


def test_a_list_import_re_screens_every_programme_and_flags_only_new_hits(
    cast: Any, listed: Any
) -> None:
    outcome = services.import_list(OFAC, "OFAC SDN")
    assert [s.programme for s in outcome.rescreenings] == [cast.programme]
    rescreen = outcome.rescreenings[0]
    assert rescreen.trigger == ScreeningTrigger.LIST_UPDATE and rescreen.requested_by is None
    assert rescreen.new_hit_count == 2 and services.new_hits(cast.programme).count == 2
    services.decide(
        hit_on(rescreen, "ofac-173"), Decision.FALSE_POSITIVE, "Other firm", cast.member
    )

    again = services.import_list(UN_XML, "UN consolidated").rescreenings[0]
    assert (again.hit_count, again.new_hit_count) == (2, 1)
    assert [h.entity_id for h in services.new_hits(cast.programme).hits] == ["ofac-6365"]
    # Nothing new to screen when the same file comes again.
    assert services.import_list(GENERIC, "Generic").rescreenings
    assert services.import_list(GENERIC, "Generic").rescreenings == []


def test_a_key_individuals_decision_survives_merging_their_organisation_into_another(
    cast: Any, listed: Any, imported_lists: Any, screen: Any
) -> None:
    from partnerpath.registry.services import merge_organisations
    from tests import factories

    hit = hit_on(screen(listed.org), "ofac-6365")
    services.decide(hit, Decision.FALSE_POSITIVE, "Born 1984, not 1957", cast.member)
    keep = factories.organisation(cast.programme, "Anglo Caribbean Holdings", hq_country="GB")
    merge_organisations(keep, listed.org, "Same company")
    again = hit_on(screen(keep), "ofac-6365")
    assert again.key_individual == listed.director and again.status == HitStatus.FALSE_POSITIVE
    assert not again.is_new
