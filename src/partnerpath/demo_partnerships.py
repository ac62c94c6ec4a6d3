"""The demo programme's three partnerships, at different stages of the journey: one running under
a signed agreement with its health checks, one in co-creation held up by an open deal-breaker and
a disagreement on the type, and one still being cultivated. Everything is fictional.

Loaded through the partnerships services, so the timeline, history and gates are what a user
would have produced; the entries each step writes are then dated back to when it would have
happened. Idempotent: a partnership already present (by title) is left alone."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.db.models import Max
from django.utils import timezone

from partnerpath.accounts.models import Membership, Programme, User
from partnerpath.partnerships.models import (
    Agreement,
    Concern,
    Contribution,
    Partner,
    Partnership,
    SuccessIndicator,
)
from partnerpath.partnerships.services import agreement as agreements
from partnerpath.partnerships.services import health, health_links, partners, stages, trust
from partnerpath.partnerships.services.partners import add_partner
from partnerpath.registry.models import Contact, Organisation

SEA = "Ethical recruitment at sea"
VOICE = "Worker voice in electronics supply chains"
SHELTER = "Equipment for the Harbour Light shelter"

# A minimal, valid one-page PDF that says what it is.
_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
    b"/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
    b"4 0 obj<</Length 76>>stream\nBT /F1 14 Tf 60 780 Td (Fictional demo agreement: no real "
    b"parties signed it.) Tj ET\nendstream endobj\n"
    b"5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


# The running partnership's two health checks, partner by partner (the group, the NGO, the
# union): a light per aspect in the order of ASPECTS (G green, A amber, R red, - not rated) and
# the comments given. They differ, as partners' views do.
ASPECTS = ("trust", "communication", "mutual_benefit", "progress", "resources", "shared_vision")
LIGHTS = {"G": "green", "A": "amber", "R": "red"}
Rated = tuple[str, dict[str, str]]
EARLIER: list[Rated] = [
    ("GGGAG-", {"progress": "The second plant's audit slipped a month."}),
    ("GA-GAG", {"communication": "Minutes reach the NGO late.", "resources": "Helpline money?"}),
    ("AGG--G", {"trust": "Crews are not yet sure the helpline is independent."}),
]
LATEST: list[Rated] = [
    ("GGGGAG", {"progress": "Both plants audited.", "resources": "The fund needs topping up."}),
    ("GAGARG", {"progress": "The fleet has not started.", "resources": "No money after month 12."}),
    ("GAGAAG", {"trust": "Two crews felt pressed not to call.", "shared_vision": "Still shared."}),
]


class PartnershipDemo:
    """Creates the demo partnerships that are missing; ``created`` counts them."""

    def __init__(
        self,
        programme: Programme,
        users: dict[str, User],
        orgs: dict[str, Organisation],
        contacts: dict[str, Contact],
        today: date,
    ) -> None:
        self.programme = programme
        self.users = users
        self.orgs = orgs
        self.contacts = contacts
        self.today = today
        self.created = 0

    def run(self) -> None:
        """Load the three partnerships (those not there yet)."""
        existing = set(
            Partnership.objects.filter(programme=self.programme).values_list("title", flat=True)
        )
        for title, build in ((SEA, self._sea), (VOICE, self._voice), (SHELTER, self._shelter)):
            if title not in existing:
                build()
                self.created += 1

    # -- helpers -----------------------------------------------------------------------------

    def _at(self, days_ago: int) -> datetime:
        day = self.today - timedelta(days=days_ago)
        return timezone.make_aware(datetime.combine(day, time(10, 0)))

    @contextmanager
    def _dated(self, partnership: Partnership, days_ago: int) -> Iterator[None]:
        """Date the partnership's timeline entries written in the block back to ``days_ago``."""
        # Stage moves are made outside these blocks: they carry their own date (advance's now).
        before = partnership.events.aggregate(last=Max("id"))["last"] or 0
        yield
        when = self._at(days_ago)
        partnership.events.filter(id__gt=before).update(at=when, recorded_at=when)

    def _new(self, title: str, days_ago: int, lead: str, **fields: Any) -> Partnership:
        return stages.create_partnership(
            self.programme,
            title,
            self.users[lead],
            programme_point_person=self.users[lead],
            stage_since=self._at(days_ago),
            **fields,
        )

    def _partner(
        self, partnership: Partnership, org: str, role: str, contact: str | None, **fields: Any
    ) -> Partner:
        return add_partner(
            Partner(
                programme=self.programme,
                partnership=partnership,
                organisation=self.orgs[org],
                role=role,
                point_person=self.contacts[contact] if contact else None,
                **fields,
            )
        )

    def _move(self, partnership: Partnership, target: str, days_ago: int, reason: str = "") -> None:
        lead = Membership.objects.get(programme=self.programme, user=self.users["linh.demo"])
        stages.advance(partnership, target, lead, reason, now=self._at(days_ago))

    def _concern(
        self, partnership: Partnership, raised_by: Partner | None, days_ago: int, **fields: Any
    ) -> Concern:
        """A concern raised ``days_ago``, the day its timeline entry carries."""
        raised_on = self.today - timedelta(days=days_ago)
        return trust.raise_concern(
            partnership,
            Concern(programme=self.programme, raised_by=raised_by, raised_on=raised_on, **fields),
        )

    def _ratings(self, sides: list[Partner], given: list[Rated]) -> list[health.NewRating]:
        """Each partner's own lights and comments, aspect by aspect."""
        return [
            health.NewRating(partner, aspect, LIGHTS[light], comments.get(aspect, ""))
            for partner, (lights, comments) in zip(sides, given, strict=True)
            for aspect, light in zip(ASPECTS, lights, strict=True)
            if light != "-"
        ]

    # -- the three partnerships --------------------------------------------------------------

    def _sea(self) -> None:
        """A shared-value partnership with a seafood group, a migrant workers' NGO and the
        fishers' union, signed and in implementation, with two health checks."""
        p = self._new(
            SEA,
            330,
            "linh.demo",
            partnership_type="shared_value",
            shared_vision="No worker on the group's vessels or in its plants pays a recruitment "
            "fee, and every worker can raise a grievance in their own language without fear.",
        )
        with self._dated(p, 330):
            company = self._partner(
                p,
                "andaman",
                "company_partner",
                "andaman.wanida",
                preferred_type="shared_value",
                objectives="Meet buyers' employer-pays requirements; keep crews stable.",
            )
            ngo = self._partner(
                p,
                "safe_passage",
                "ngo",
                "safe_passage.mya",
                preferred_type="shared_value",
                objectives="Reach workers before they leave home; run the helpline.",
            )
            self._partner(
                p,
                "union",
                "ngo",
                "union.htet",
                preferred_type="shared_value",
                objectives="Organise crews; take part in remediation.",
            )
        with self._dated(p, 320):
            partners.save_type_work(
                p,
                list(p.partners.order_by("id")),
                {
                    "impact": "lasting_change",
                    "timeframe": "long",
                    "programme_role": "co_creates",
                    "resources": "shared",
                    "business_link": "core",
                    "partner_roles": {
                        str(side.pk): "co_creates" for side in p.partners.order_by("id")
                    },
                },
                {},
                p.partnership_type,
            )
        with self._dated(p, 300):
            worry = self._concern(
                p,
                company,
                300,
                title="Findings made public before remediation",
                category="reputation",
                severity="high",
                is_deal_breaker=True,
            )
            self._concern(
                p,
                ngo,
                300,
                title="Who pays for the helpline after year one",
                category="resources",
            )
        self._move(p, "cultivating", 300)
        self._move(p, "co_creation", 240)
        with self._dated(p, 230):
            trust.record_meeting(
                p,
                title="Co-creation workshop: recruitment corridors",
                occurred_on=self.today - timedelta(days=230),
                is_workshop=True,
                summary="Mapped the Myanmar-Thailand corridor and where fees are charged.",
                organisations=[self.orgs["andaman"], self.orgs["safe_passage"], self.orgs["union"]],
                contacts=[self.contacts["andaman.wanida"], self.contacts["safe_passage.mya"]],
                team=[self.users["linh.demo"], self.users["arun.demo"]],
                decisions=[
                    "Start with the two processing plants, then the fleet.",
                    "Findings go to the steering group first; public reporting after 90 days.",
                ],
                actions=[
                    trust.ActionItem(
                        "Draft the grievance protocol",
                        self.users["arun.demo"],
                        self.today - timedelta(days=200),
                    )
                ],
                user=self.users["linh.demo"],
            )
        worry.status = "resolved"
        worry.resolution = "Agreed: findings go to the steering group first, public after 90 days."
        worry.resolved_on = self.today - timedelta(days=229)  # before the agreement gate
        with self._dated(p, 229):
            trust.update_concern(worry, "Settled in the co-creation workshop.")
        deal = Agreement(
            programme=self.programme,
            partnership=p,
            activities="Fee audit of two plants; helpline in Burmese and Khmer; crew training.",
            roles="The group reimburses fees; the NGO runs the helpline; the union trains crews.",
            contributions_agreed=True,
            steering_body="One senior person per partner and the programme's PSE lead.",
            cadence="quarterly",
            decision_rule="Consensus; the programme's PSE lead chairs.",
            risk_protocol="A suspected case goes to the NGO's case worker within 24 hours and "
            "to the labour inspectorate with the worker's consent; no worker is dismissed.",
            do_no_harm="No worker is named in any report; workers choose whether to be "
            "referred; no vessel visit without the union present.",
            review_on=self.today + timedelta(days=120),
            checklist={
                "partners": "fully_in_place",
                "representatives": "fully_in_place",
                "vision": "fully_in_place",
                "objectives": "fully_in_place",
                "activities": "fully_in_place",
                "work_plan": "partially_in_place",
                "resources": "fully_in_place",
                "roles": "fully_in_place",
                "indicators": "partially_in_place",
                "governance": "fully_in_place",
                "sustainability": "not_in_place",
                "risk_protocol": "fully_in_place",
            },
        )
        with self._dated(p, 180):
            agreements.save_agreement(deal, ["activities", "roles", "steering_body"])
            for partner, kind, what, value, currency in (
                (company, "cash", "Fee reimbursement fund", "120000", "USD"),
                (ngo, "expertise", "Helpline case workers", None, ""),
                (company, "in_kind", "Training rooms and paid training time", "15000", "USD"),
            ):
                agreements.add_contribution(
                    Contribution(
                        programme=self.programme,
                        partnership=p,
                        partner=partner,
                        kind=kind,
                        description=what,
                        value=value,
                        currency=currency,
                    )
                )
            agreements.add_indicator(
                SuccessIndicator(
                    programme=self.programme,
                    partnership=p,
                    name="Workers reimbursed for recruitment fees",
                    target="100% of identified workers",
                    means_of_verification="Payroll records checked by the NGO",
                )
            )
        self._move(p, "agreement", 180)
        deal.signed_on = self.today - timedelta(days=150)
        deal.signed_document.save("demo-agreement.pdf", ContentFile(_PDF), save=False)
        with self._dated(p, 150):
            agreements.save_agreement(deal, ["signed_document", "signed_on"])
        self._move(p, "implementation", 150)
        sides = list(p.partners.order_by("id"))  # the group, the NGO, the union
        with self._dated(p, 60):
            health.record_check(p, self.today - timedelta(days=60), self._ratings(sides, EARLIER))
        # The latest check: the NGO and the union rated with the team; the group's point-person
        # rated it through a private link.
        held_on = self.today - timedelta(days=5)
        own, others = self._ratings(sides[:1], LATEST[:1]), self._ratings(sides[1:], LATEST[1:])
        with self._dated(p, 5):
            health.record_check(p, held_on, others)
            (link,) = health_links.ask_partners(
                p, sides[:1], self.users["linh.demo"], today=held_on
            )
            health_links.submit(link, own)

    def _voice(self) -> None:
        """An electronics maker and the NGO in co-creation: the company wants a supporter role,
        the NGO shared value, and a deal-breaker on worker anonymity is still open."""
        p = self._new(
            VOICE,
            150,
            "arun.demo",
            shared_vision="Migrant workers in the company's Malaysian plants and its labour "
            "suppliers can report fees and retained passports safely.",
        )
        with self._dated(p, 150):
            company = self._partner(
                p,
                "kinta",
                "company_partner",
                "kinta.mei",
                preferred_type="supporter",
                objectives="Guidance on employer-pays; fewer audit findings.",
            )
            self._partner(
                p,
                "safe_passage",
                "ngo",
                "safe_passage.tom",
                preferred_type="shared_value",
                objectives="A worker-voice channel run with workers, not for them.",
            )
        self._move(p, "cultivating", 120)
        self._move(p, "co_creation", 40)
        with self._dated(p, 30):
            trust.save_buy_in(
                company,
                [
                    trust.BuyInRow("hr", "supportive", self.contacts["kinta.mei"], "Champion."),
                    trust.BuyInRow("sourcing", "informed", self.contacts["kinta.arjun"], ""),
                    trust.BuyInRow(
                        "legal", "opposed", None, "Worried about liability for findings."
                    ),
                    trust.BuyInRow("sustainability", "informed", None, ""),
                    trust.BuyInRow("senior_leadership", "not_engaged", None, ""),
                ],
            )
            self._concern(
                p,
                company,
                30,
                title="Workers who report must stay anonymous to the labour supplier",
                category="workers_safety",
                severity="high",
                is_deal_breaker=True,
                status="being_resolved",
                description="The company fears its labour supplier will retaliate against workers.",
            )

    def _shelter(self) -> None:
        """A one-off CSR gift from a placement agency to a shelter, still being cultivated."""
        p = self._new(
            SHELTER,
            45,
            "linh.demo",
            partnership_type="csr_philanthropy",
            shared_vision="Survivors in the shelter have beds, a kitchen and a study room.",
        )
        with self._dated(p, 45):
            self._partner(p, "golden_lotus", "company_partner", "golden_lotus.bopha")
            self._partner(
                p, "harbour", "ngo", "harbour.channary", preferred_type="csr_philanthropy"
            )
        self._move(p, "cultivating", 20)
        with self._dated(p, 18):
            self._concern(
                p,
                None,
                18,
                title="Check the agency's own recruitment fees before accepting the gift",
                category="reputation",
                severity="medium",
            )
