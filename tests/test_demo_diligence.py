"""The demo's screening and due diligence: a fictional watch list with hits on demo companies and
people, some decided (the sibling agency a false positive), checklists with a spread of ratings,
nothing created twice, and the pages a reviewer clicks through showing all of it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from partnerpath import demo, demo_diligence
from partnerpath.accounts.models import Programme, User
from partnerpath.audit.context import acting_as, because
from partnerpath.audit.models import Change
from partnerpath.demo_data.people import DEMO_PASSWORD, DEMO_USERNAME, TEAM
from partnerpath.diligence.models import Checklist, ChecklistAnswer, ReferenceDataset
from partnerpath.diligence.services import profile_of
from partnerpath.engagement.services import today
from partnerpath.registry.models import Organisation
from partnerpath.screening import services as screening
from partnerpath.screening.choices import HitStatus
from partnerpath.screening.models import Adjudication, Hit, ListVersion, Screening

pytestmark = pytest.mark.django_db

SIBLING = "Golden Lotus Manpower Placement Agency Co., Ltd."
MODELS: list[Any] = [ListVersion, Screening, Hit, Adjudication, Checklist, ChecklistAnswer, Change]


def _load(programme: Programme, data: Path | None) -> demo_diligence.Created:
    """Run the loader the way demo.load runs its parts: as the demo loader, in one transaction."""
    users = {m.username: User.objects.get(username=m.username) for m in TEAM}
    by_name = {o.name: o for o in Organisation.objects.filter(programme=programme)}
    orgs = {spec["key"]: by_name[spec["name"]] for spec in demo.ORGANISATIONS}
    with acting_as(None, label="demo loader"), because("Demo data"):
        return demo_diligence.load(programme, users, orgs, {}, today(), data=data)


@pytest.fixture
def programme(tmp_path: Path) -> Programme:
    demo.load()
    found = Programme.objects.get(slug=demo.DEMO_SLUG)
    _load(found, tmp_path / "no-shared-data")
    return found


def _latest_hits(programme: Programme) -> list[Hit]:
    return list(
        screening.hits_queryset().filter(programme=programme, is_latest=True).order_by("id")
    )


def test_the_screening_finds_demo_companies_and_people_and_some_hits_are_decided(
    programme: Programme,
) -> None:
    hits = _latest_hits(programme)
    statuses = sorted(h.status for h in hits)
    assert {h.list_entry.version.watch_list.name for h in hits} == {demo_diligence.DEMO_LIST}
    assert statuses == sorted(
        [
            HitStatus.AWAITING_SECOND_PERSON,
            HitStatus.FALSE_POSITIVE,
            HitStatus.NEEDS_ESCALATION,
            HitStatus.NEW,
            HitStatus.NEW,
        ]
    )
    # A key individual is found under a transliterated, family-name-first listing.
    person = next(h for h in hits if h.matched_name == "VORAPONGSA, Rattana")
    assert person.key_individual is not None and person.key_individual.name == "Ratana Vorapongsa"
    # Every decision keeps its reason and its history.
    decided = Adjudication.objects.filter(programme=programme)
    assert all(a.reason.startswith("Demo:") for a in decided if a.decision)
    assert Change.objects.filter(object_id__in=[str(a.pk) for a in decided]).count() >= 3
    # The dashboard counts what needs attention: the undecided, the escalated, the awaiting.
    assert screening.new_hits(programme).count == 4


def test_the_sibling_agency_is_a_false_positive_and_the_true_match_awaits_a_second_person(
    programme: Programme,
) -> None:
    hits = {h.matched_name: h for h in _latest_hits(programme)}
    sibling = hits[SIBLING]
    assert sibling.organisation.name == "Golden Lotus Placement Agency Co., Ltd."
    assert sibling.status == HitStatus.FALSE_POSITIVE and "another agency" in (
        sibling.adjudication.reason if sibling.adjudication else ""
    )
    fleet = hits["Andaman Blue Fleet Services Company Limited"]
    adjudication = fleet.adjudication
    assert adjudication is not None and adjudication.decision == "true_match"
    assert fleet.status == HitStatus.AWAITING_SECOND_PERSON
    assert adjudication.proposed_by != adjudication.decided_by
    assert screening.can_confirm(fleet, User.objects.get(username=DEMO_USERNAME))


def test_the_checklists_show_a_spread_of_ratings_and_states(programme: Programme) -> None:
    on = today()
    checklists = {
        c.organisation.name: c
        for c in Checklist.objects.filter(programme=programme).select_related("organisation")
    }
    ratings = {c.rating for c in checklists.values()}
    states = {str(c.status(on)) for c in checklists.values()}
    assert {"low", "medium", "high"} <= ratings and "" in ratings  # one still in progress
    assert {"signed off", "expired", "in progress"} <= states
    for checklist in checklists.values():
        answers = list(checklist.answers.all())
        assert answers and all(a.has_evidence for a in answers)
        if checklist.signed_off_by_id:
            assert checklist.signed_off_by_id not in {a.reviewed_by_id for a in answers}
    expired = checklists["Andaman Blue Seafood Group Public Co., Ltd."]
    assert expired.expires_on is not None and expired.expires_on <= on


def test_loading_twice_creates_nothing_twice(programme: Programme, tmp_path: Path) -> None:
    before = {model.__name__: model.objects.count() for model in MODELS}
    again = _load(programme, tmp_path / "absent")
    assert not +again  # nothing created
    assert again.notes and "skipped" in again.notes[0]
    assert {model.__name__: model.objects.count() for model in MODELS} == before


def test_a_reviewer_clicking_through_the_demo_sees_hits_and_checklists(
    programme: Programme, client: Any
) -> None:
    assert client.login(username=DEMO_USERNAME, password=DEMO_PASSWORD)
    base = f"/p/{programme.slug}"
    page = client.get(f"{base}/screening/").content.decode()
    assert demo_diligence.DEMO_LIST in page and "Pham Van Tai" in page
    assert "Awaiting second person" in page
    page = client.get(f"{base}/screening/hits/?status=false_positive").content.decode()
    assert SIBLING in page
    dashboard = client.get(f"{base}/").content.decode()
    assert "Screening hits needing attention" in dashboard
    page = client.get(f"{base}/diligence/").content.decode()
    for shown in ("signed off", "expired", "in progress", ">low<", ">medium<", ">high<"):
        assert shown in page, shown


@pytest.mark.shared_data
def test_with_the_real_files_the_lists_are_screened_and_profiles_rated(
    shared_data: Path, tmp_path: Path
) -> None:
    demo.load()
    found = Programme.objects.get(slug=demo.DEMO_SLUG)
    made = _load(found, shared_data)
    assert not made.notes
    names = {v.watch_list.name for v in screening.current_versions()}
    assert {"OFAC SDN", "UN consolidated", demo_diligence.DEMO_LIST} <= names
    assert set(ReferenceDataset.objects.values_list("kind", flat=True)) == {
        "dol-goods",
        "tip-tiers",
        "prevalence",
    }
    latest = Screening.objects.filter(programme=found).latest("created_at")
    assert latest.list_versions.count() == 3
    andaman = Organisation.objects.get(programme=found, name__startswith="Andaman Blue Seafood G")
    assert profile_of(andaman).level is not None
    assert not +_load(found, shared_data)
