"""The demo programme: promised minimums, idempotency, fictional addresses, and the demo login."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest

from partnerpath import demo
from partnerpath.accounts.models import Membership, Programme, User
from partnerpath.audit.models import Change
from partnerpath.engagement import services as engagement
from partnerpath.engagement.models import Connection, FollowUp, Interaction
from partnerpath.partnerships import models as partnerships
from partnerpath.registry.models import (
    Contact,
    KeyIndividual,
    Organisation,
    OrganisationLink,
    Policy,
    Source,
)

pytestmark = pytest.mark.django_db

ALL_MODELS: list[Any] = [
    Programme,
    User,
    Membership,
    Organisation,
    OrganisationLink,
    Policy,
    KeyIndividual,
    Source,
    Contact,
    Connection,
    Interaction,
    FollowUp,
    Change,
    partnerships.Partnership,
    partnerships.Partner,
    partnerships.Concern,
    partnerships.Agreement,
    partnerships.HealthCheck,
    partnerships.TimelineEvent,
]
BRIEF_SECTORS = {
    "fisheries",
    "construction",
    "hospitality",
    "technology",
    "domestic_work",
    "agriculture",
    "apparel",
    "manufacturing",
}
COUNTRIES = {"TH", "VN", "KH", "LA", "MM", "MY", "ID"}


@pytest.fixture
def programme() -> Programme:
    demo.load()
    return Programme.objects.get(slug=demo.DEMO_SLUG)


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in ALL_MODELS}


def test_it_loads_the_organisations_the_issue_promises(programme: Programme) -> None:
    orgs = Organisation.objects.filter(programme=programme)
    kinds = [o.kind for o in orgs]
    assert programme.is_demo and programme.name == "Mekong Region CTIP Programme"
    assert kinds.count("company") + kinds.count("recruitment") >= 15
    assert kinds.count("association") >= 1 and kinds.count("ngo") >= 2
    assert kinds.count("government") >= 1 and kinds.count("union") >= 1
    assert {s for o in orgs for s in o.sectors} >= BRIEF_SECTORS
    assert {o.hq_country for o in orgs} | {
        c for o in orgs for c in o.countries_of_operation
    } >= COUNTRIES
    assert all("fictional" in o.notes for o in orgs)


def test_it_loads_rich_desk_research_with_sources(programme: Programme) -> None:
    parent = Organisation.objects.get(
        programme=programme, name__startswith="Andaman Blue Seafood Group"
    )
    for field in (
        "products_services",
        "business_model",
        "values",
        "recruitment_practices",
        "grievance_mechanisms",
        "labour_supply_chain",
        "reputation",
        "ctip_commitment",
    ):
        assert getattr(parent, field), field
    statements = Policy.objects.filter(programme=programme, kind="modern_slavery")
    assert statements.count() >= 3 and all(p.year and p.url for p in statements)
    subsidiaries = OrganisationLink.objects.filter(from_organisation=parent, kind="parent_of")
    assert subsidiaries.count() >= 2
    assert all(link.to_organisation.name.startswith("Andaman Blue") for link in subsidiaries)
    assert KeyIndividual.objects.filter(programme=programme).count() >= 10
    sources = list(Source.objects.filter(programme=programme))
    assert len(sources) >= 10 and all(s.accessed_on <= engagement.today() for s in sources)
    assert len({s.field for s in sources}) >= 5


def test_every_web_address_is_on_a_reserved_example_domain(programme: Programme) -> None:
    urls = [o.website for o in Organisation.objects.filter(programme=programme) if o.website]
    urls += [p.url for p in Policy.objects.filter(programme=programme) if p.url]
    urls += [s.url for s in Source.objects.filter(programme=programme)]
    hosts = {urlsplit(u).hostname or "" for u in urls}
    assert urls and all(
        h in ("example.com", "example.org") or h.endswith((".example.com", ".example.org"))
        for h in hosts
    )
    emails = Contact.objects.filter(programme=programme).values_list("email", flat=True)
    assert all(e.endswith("@example.org") for e in emails)


def test_it_loads_contacts_connections_and_18_months_of_interactions(programme: Programme) -> None:
    contacts = Contact.objects.filter(programme=programme)
    assert contacts.count() >= 30
    assert contacts.filter(is_champion=True).count() >= 5
    assert contacts.filter(can_commit_resources=True).count() >= 3
    assert len(set(contacts.values_list("department", flat=True))) >= 5
    interactions = Interaction.objects.filter(programme=programme)
    assert interactions.count() >= 40
    oldest = interactions.order_by("occurred_on").first()
    assert oldest is not None and oldest.occurred_on <= engagement.today() - timedelta(days=500)
    follow_ups = FollowUp.objects.filter(programme=programme)
    assert follow_ups.filter(done_on__isnull=False).exists()
    assert follow_ups.filter(done_on__isnull=True, due_on__lt=engagement.today()).exists()


def test_warm_introductions_of_two_and_three_hops_exist(programme: Programme) -> None:
    hops = set()
    for org in Organisation.objects.filter(programme=programme):
        hops |= {len(chain) - 1 for chain in engagement.warm_introductions_to(org)}
    assert {2, 3} <= hops


def test_the_dashboard_has_overdue_check_ins_open_follow_ups_and_stale_organisations(
    programme: Programme,
) -> None:
    board = engagement.dashboard(programme)
    statuses = {d.checkin.status.value for d in board.due_checkins}
    assert {"overdue", "due soon", "never contacted"} <= statuses
    assert len(board.open_follow_ups) >= 5
    assert board.stale


def test_running_it_twice_creates_nothing_twice(programme: Programme) -> None:
    before = _counts()
    summary = demo.load()
    assert _counts() == before
    assert "nothing" in summary


def test_the_demo_login_works_and_shows_the_dashboard(programme: Programme, client: Any) -> None:
    assert client.login(username="demo", password="demo")
    assert Membership.objects.get(user__username="demo", programme=programme).role == "admin"
    response = client.get("/", follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Check-ins due" in page and "Open follow-ups" in page and "overdue" in page
    assert "fictional" in page


def test_only_the_demo_user_can_log_in(programme: Programme) -> None:
    team = User.objects.filter(memberships__programme=programme).exclude(username="demo")
    assert team.count() >= 3
    assert not any(user.has_usable_password() for user in team)


def test_it_refuses_a_real_programme_that_took_the_demo_slug() -> None:
    Programme.objects.create(name="Real work", slug=demo.DEMO_SLUG)
    with pytest.raises(demo.DemoError):
        demo.load()
    assert not Organisation.objects.exists()


def test_the_command_prints_the_login(capsys: Any) -> None:
    from partnerpath.cli import main

    assert main(["demo", "load"]) == 0
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8000/" in out and "'demo'" in out


@pytest.mark.django_db
def test_the_demo_has_a_risk_protocol_with_referral_contacts_and_steps():
    from partnerpath.demo import load
    from partnerpath.diligence.models import OrganisationGoods, RiskProtocol

    load()
    protocol = RiskProtocol.objects.get(programme__slug="mekong-demo")
    assert protocol.contacts.count() >= 3 and protocol.steps.count() >= 5
    assert protocol.do_no_harm
    assert OrganisationGoods.objects.filter(programme__slug="mekong-demo").count() == 2


def test_it_loads_three_partnerships_at_different_stages_with_their_trust_work(
    programme: Programme,
) -> None:
    from partnerpath.partnerships.services.flags import deal_breaker_flag_of

    found = {p.title: p for p in partnerships.Partnership.objects.filter(programme=programme)}
    assert {p.stage for p in found.values()} == {"implementation", "co_creation", "cultivating"}
    running = next(p for p in found.values() if p.stage == "implementation")
    assert running.agreement.signed_document and running.agreement.cadence == "quarterly"
    assert running.health_checks.count() == 2
    latest = running.health_checks.order_by("-held_on").first()
    assert latest.ratings.filter(by_partner=True).exists()  # the company rated it through a link
    assert latest.ratings.filter(by_partner=False).exists()
    assert running.concerns.filter(is_deal_breaker=True, status="resolved").exists()
    assert running.meetings.filter(is_workshop=True).exists()
    stuck = next(p for p in found.values() if p.stage == "co_creation")
    assert deal_breaker_flag_of(stuck) is not None
    assert set(stuck.partners.values_list("preferred_type", flat=True)) == {
        "supporter",
        "shared_value",
    }
    # The history reads as it happened: months of events, not all on the day of loading.
    dates = {e.at.date() for e in running.events.all()}
    assert len(dates) >= 6


def test_the_score_card_has_opportunities_agreed_weights_and_two_rounds(
    programme: Programme,
) -> None:
    from partnerpath.prioritisation.models import Opportunity, Round, WeightDecision

    found = Opportunity.objects.filter(programme=programme)
    assert 6 <= found.count() <= 8
    assert all("Fictional demo" in o.description and o.roles.exists() for o in found)
    assert {r.organisation.programme_id for o in found for r in o.roles.all()} == {programme.pk}
    assert 1 <= found.filter(status="selected").count() <= 2
    assert all(o.status_reason for o in found.filter(status="selected"))
    ahp = WeightDecision.objects.get(programme=programme, method="ahp")
    assert ahp.consistency_ratio is not None and ahp.consistency_ratio < 0.10
    assert ahp.agreed_by.username and ahp.agreed_on <= engagement.today() and ahp.reason
    internal, team = Round.objects.filter(programme=programme).order_by("created_at", "id")
    assert internal.status == "closed" and internal.weight_decision == ahp
    assert internal.sheets.count() == 3 and not internal.sheets.filter(submitted_at=None).exists()
    assert team.status == "open" and team.sheets.exclude(submitted_at=None).count() == 1


def test_the_internal_round_shows_rationales_a_disagreement_and_an_abstention(
    programme: Programme,
) -> None:
    from partnerpath.prioritisation.models import Round, Score
    from partnerpath.prioritisation.services import results

    internal = Round.objects.get(programme=programme, name="Internal team")
    scores = Score.objects.filter(sheet__round=internal)
    assert scores.filter(insufficient_information=True).count() == 1
    assert scores.exclude(rationale="").count() >= 5
    found = results.round_results(internal)
    assert found is not None and len(found.lines) >= 6
    assert [d.spread >= 2 for _, _, d, _ in found.disagreements] == [True]
    selected = {o.title for o in internal.opportunities.filter(status="selected")}
    assert selected == {line.title for line in found.lines[: len(selected)]}  # the best ones


def test_every_score_card_page_of_the_demo_has_something_to_show(
    programme: Programme, client: Any
) -> None:
    from partnerpath.prioritisation.models import Round

    assert client.login(username="demo", password="demo")
    base = f"/p/{programme.slug}/prioritisation"
    pages = [f"{base}/", f"{base}/rounds/compare/", f"{base}/pipeline/"]
    for found in Round.objects.filter(programme=programme):
        pages += [f"{base}/rounds/{found.pk}/", f"{base}/rounds/{found.pk}/results/"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Employer-pays recruitment in seafood processing" in response.content.decode(), url
    assert "Pairwise comparisons (AHP)" in client.get(f"{base}/weights/").content.decode()


def test_loading_twice_creates_no_score_card_record_twice(programme: Programme) -> None:
    from partnerpath.prioritisation import models

    kinds = [
        models.Opportunity,
        models.WeightDecision,
        models.Round,
        models.RaterSheet,
        models.Score,
        models.ScorecardTemplateVersion,
    ]
    before = {k.__name__: k.objects.count() for k in kinds}
    demo.load()
    assert {k.__name__: k.objects.count() for k in kinds} == before
    assert before["Score"] > 0


def test_the_partnerships_history_is_consistent_with_its_dates(programme: Programme) -> None:
    running = partnerships.Partnership.objects.get(
        programme=programme, title="Ethical recruitment at sea"
    )
    worry = running.concerns.get(is_deal_breaker=True)
    into_agreement = running.stage_changes.get(to_stage="agreement")
    assert worry.raised_on < worry.resolved_on < into_agreement.at.date()
    resolved = running.events.filter(kind="concern", summary__contains="resolved").get()
    assert resolved.at.date() == worry.resolved_on
    for concern in partnerships.Concern.objects.filter(partnership__programme=programme):
        raised = concern.partnership.events.filter(kind="concern", summary__endswith=concern.title)
        assert raised.get().at.date() == concern.raised_on, concern.title
    # Stage moves are attributed to the person who made them, as the list of moves names them.
    moves = running.events.filter(kind="stage_move")
    assert moves.exists() and set(moves.values_list("actor_label", flat=True)) == {"linh.demo"}


def test_the_partners_rate_the_health_differently_and_the_latest_check_covers_every_aspect(
    programme: Programme,
) -> None:
    running = partnerships.Partnership.objects.get(
        programme=programme, title="Ethical recruitment at sea"
    )
    latest = running.health_checks.order_by("-held_on", "-id").first()
    ratings = list(latest.ratings.all())
    assert {r.aspect for r in ratings} == {
        "trust",
        "communication",
        "mutual_benefit",
        "progress",
        "resources",
        "shared_vision",
    }
    by_partner: dict[int, list[tuple[str, str]]] = {}
    for r in ratings:
        by_partner.setdefault(r.partner_id, []).append((r.aspect, r.light))
    assert len(by_partner) == 3
    assert len({tuple(sorted(v)) for v in by_partner.values()}) == 3  # no two partners alike
    assert {r.light for r in ratings} == {"green", "amber", "red"}


def test_a_demo_partnership_has_the_type_advisors_answers(programme: Programme) -> None:
    from partnerpath.partnerships.services.partners import advice_of

    answered = [
        p
        for p in partnerships.Partnership.objects.filter(programme=programme)
        if p.advisor_answers.get("impact")
    ]
    assert answered
    advice = advice_of(answered[0], list(answered[0].partners.select_related("organisation")))
    assert advice.suggestion is not None and advice.suggestion.value == "shared_value"
    assert not advice.unanswered
