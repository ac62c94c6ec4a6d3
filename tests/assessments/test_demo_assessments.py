"""The demo's assessments: most demo companies on the Maturity Spectrum (some repeatedly, some only
"at least" a level), one company self-assessment awaiting review, two PSE readiness
self-assessments that compare; all fictional, loaded through the services, and loaded once."""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import urlsplit

import pytest

from partnerpath import demo, demo_assessments
from partnerpath.accounts.models import Programme, User
from partnerpath.assessments.choices import Kind, Review, Source, Status
from partnerpath.assessments.models import AnswerRecord, Assessment, SelfAssessmentInvite
from partnerpath.demo_data.people import CONTACTS, DEMO_USERNAME, TEAM
from partnerpath.engagement.services import today
from partnerpath.registry.models import Contact, Organisation

pytestmark = pytest.mark.django_db


def _load(programme: Programme) -> Counter[tuple[str, str]]:
    """Call the loader as `partnerpath demo load` does, with the demo's people and records."""
    orgs = {
        spec["key"]: Organisation.objects.get(programme=programme, name=spec["name"])
        for spec in demo.ORGANISATIONS
    }
    contacts = {c.key: Contact.objects.get(programme=programme, name=c.name) for c in CONTACTS}
    users = {m.username: User.objects.get(username=m.username) for m in TEAM}
    return demo_assessments.load(programme, users, orgs, contacts, today())


@pytest.fixture
def programme() -> Programme:
    demo.load()
    found = Programme.objects.get(slug=demo.DEMO_SLUG)
    _load(found)
    return found


def _maturity(programme: Programme) -> Any:
    return Assessment.objects.filter(
        programme=programme, kind=Kind.MATURITY, source=Source.PROGRAMME
    )


def test_most_demo_companies_sit_at_the_level_their_story_gives_them(programme):
    from partnerpath.assessments import services

    companies = Organisation.objects.filter(
        programme=programme, kind__in=["company", "recruitment"]
    )
    assessed = {a.organisation.name for a in _maturity(programme).select_related("organisation")}
    assert len(assessed) > companies.count() / 2
    by_key = {spec["key"]: spec["name"] for spec in demo.ORGANISATIONS}
    for key, visits in demo_assessments.MATURITY.items():
        org = Organisation.objects.get(programme=programme, name=by_key[key])
        history = services.final_maturity(org)
        assert [(a.level, a.result["determinable"]) for a in history] == [
            (v.level, not v.floor) for v in visits
        ], key
    assert {n for n in (a.level for a in _maturity(programme))} == {0, 1, 2, 3, 4}
    assert sum(len(v) > 1 for v in demo_assessments.MATURITY.values()) >= 3  # charts with a line


def test_evidence_lives_on_fictional_example_addresses(programme):
    urls = AnswerRecord.objects.filter(programme=programme).exclude(evidence_url="")
    assert urls.exists()
    assert all(
        urlsplit(u).hostname == "example.org" for u in urls.values_list("evidence_url", flat=True)
    )
    met = AnswerRecord.objects.filter(assessment__in=_maturity(programme), value="met")
    assert not met.filter(evidence_url="").exists()  # every "met" is backed, so it counts


def test_one_company_self_assessment_awaits_the_programme_s_review(programme):
    from partnerpath.assessments import services

    link = SelfAssessmentInvite.objects.select_related("assessment", "contact").get(
        programme=programme
    )
    assert link.submitted_at is not None and link.contact is not None
    assessment = link.assessment
    assert (assessment.source, assessment.status) == (Source.COMPANY, Status.DRAFT)
    pending = AnswerRecord.objects.filter(assessment=assessment, review=Review.PENDING)
    assert pending.count() == len(demo_assessments.SELF_ANSWERS)
    assert "Review the company's answers first" in services.finalise_problem(assessment)


def test_the_later_pse_self_assessment_compares_with_the_earlier(programme):
    from partnerpath.assessments import pse, services
    from partnerpath.core.rubric import ReadinessResult

    earlier, later = Assessment.objects.filter(programme=programme, kind=Kind.PSE).order_by(
        "assessed_on"
    )
    assert earlier.status == later.status == Status.FINAL
    result = services.compute(later)
    assert isinstance(result, ReadinessResult)
    readiness = pse.readiness(later, result)
    assert readiness.previous == earlier and readiness.comparison is not None
    assert readiness.comparison.overall_delta is not None and readiness.comparison.overall_delta > 0


def test_a_fresh_demo_shows_a_pyramid_charts_and_the_pse_page(programme, client):
    client.force_login(User.objects.get(username=DEMO_USERNAME))
    base = f"/p/{programme.slug}/assessments"
    pyramid = client.get(f"{base}/pyramid/")
    assert pyramid.context["found"].total == len(demo_assessments.MATURITY)
    assert pyramid.context["found"].at_least  # the floors show as "at least"
    kinta = Organisation.objects.get(programme=programme, name__startswith="Kinta")
    page = client.get(f"/p/{programme.slug}/organisations/{kinta.pk}/").content.decode()
    assert page.count("<circle") == 3
    pse_page = client.get(f"{base}/pse/").content.decode()
    assert pse_page.count("<tr>") == 3  # the header and two self-assessments
    later = Assessment.objects.filter(programme=programme, kind=Kind.PSE).first()
    assert later is not None
    assert client.get(f"{base}/{later.pk}/").status_code == 200


def test_loading_twice_creates_nothing_twice(programme):
    counts = {
        m.__name__: m.objects.count() for m in (Assessment, AnswerRecord, SelfAssessmentInvite)
    }
    assert _load(programme) == Counter()
    assert counts == {
        m.__name__: m.objects.count() for m in (Assessment, AnswerRecord, SelfAssessmentInvite)
    }
