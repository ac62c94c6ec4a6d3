"""The demo programme's score card: eight fictional partnership opportunities with the demo
organisations, weights agreed on record (entered directly, then by pairwise comparison), a closed
internal round that three raters submitted (with rationales, one disagreement and one
"insufficient information"), two opportunities selected for development, and a programme-team
round still open with one sheet in. Results, rounds side by side, sensitivity and the pipeline
all have something to show.

Loaded through the prioritisation services, so the rules and the history are what a user would
have produced. Idempotent: an opportunity is found by its title, weights by their reason and a
round by its name; what exists is left alone, whatever people changed in it since."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, NamedTuple

from partnerpath.accounts.models import Programme, User
from partnerpath.core.scorecard.template_files import default_template
from partnerpath.prioritisation.choices import OpportunityStatus
from partnerpath.prioritisation.models import (
    Opportunity,
    Round,
    ScorecardTemplateVersion,
    WeightDecision,
)
from partnerpath.prioritisation.services import opportunities, rounds, templates, weights
from partnerpath.registry.models import Organisation

DEMO_NOTE = "(Fictional demo opportunity.)"
INTERNAL = "Internal team"
PROGRAMME_TEAM = "Programme team"
FACTORS = [f.key for f in default_template().factors]


class OpportunitySpec(NamedTuple):
    """A demo opportunity; `profile` is its typical score (1-5) of each factor in card order:
    development (5), business (3), government (2), risk and transaction costs (5)."""

    title: str
    description: str
    roles: tuple[tuple[str, str], ...]  # (organisation key, role)
    sector: str
    countries: tuple[str, ...]
    partnership_type: str
    cost: int | None
    duration: int
    profile: str


OPPORTUNITIES = [
    OpportunitySpec(
        "Employer-pays recruitment in seafood processing",
        "The seafood group reimburses recruitment fees and hires through vetted agents only; "
        "the migrant workers' network checks payslips and runs a helpline.",
        (("andaman_proc", "partner"), ("safe_passage", "implementer"), ("union", "other")),
        "fisheries",
        ("TH", "MM"),
        "shared_value",
        180_000,
        24,
        "54455 545 43 33334",
    ),
    OpportunitySpec(
        "Worker-voice app for fishing crews",
        "A low-bandwidth grievance app in Burmese and Khmer, piloted on two vessels of the "
        "group's fleet, with the union answering the reports.",
        (("seatrace", "partner"), ("andaman_fleet", "partner"), ("union", "implementer")),
        "technology",
        ("TH",),
        "shared_value",
        90_000,
        18,
        "45544 454 34 43433",
    ),
    OpportunitySpec(
        "Fair placement fees for domestic workers",
        "Two placement agencies cap the fees domestic workers pay and publish them; a shelter "
        "advises workers before departure.",
        (("homecare", "partner"), ("golden_lotus", "partner"), ("harbour", "implementer")),
        "domestic_work",
        ("MY", "KH"),
        "shared_value",
        75_000,
        24,
        "54434 334 45 44444",
    ),
    OpportunitySpec(
        "Ethical recruitment clause for construction sub-contractors",
        "Two builders write the employer-pays principle into their sub-contracts and train site "
        "managers to spot retained passports.",
        (("lanna", "partner"), ("tonle", "partner"), ("ministry", "government")),
        "construction",
        ("TH", "KH"),
        "supporter",
        60_000,
        18,
        "44343 344 44 33343",
    ),
    OpportunitySpec(
        "Forced-labour indicators training for palm oil suppliers",
        "Training of the plantation group's smallholder suppliers on the ILO indicators, with "
        "a referral path to the migrant workers' network.",
        (("borneo", "partner"), ("safe_passage", "implementer")),
        "agriculture",
        ("MY", "ID"),
        "supporter",
        40_000,
        12,
        "33323 343 33 22323",
    ),
    OpportunitySpec(
        "Grievance hotline for apparel factories",
        "A shared hotline for the workers of two garment makers, answered by an independent "
        "team and reported to both companies' boards.",
        (("silkthread", "partner"), ("songhong", "partner")),
        "apparel",
        ("KH", "VN"),
        "supporter",
        50_000,
        12,
        "33333 333 22 33322",
    ),
    OpportunitySpec(
        "Trafficking awareness for hotel staff",
        "A one-day course for front-desk and housekeeping staff of two hotel groups on the signs "
        "of trafficking and whom to call.",
        (("orchid", "partner"), ("luang", "partner")),
        "hospitality",
        ("TH", "LA"),
        "one_off",
        15_000,
        6,
        "32222 334 32 11111",
    ),
    OpportunitySpec(
        "Kitchen equipment for the Harbour Light shelter",
        "A placement agency offers to equip the shelter's kitchen; still an idea, not scored.",
        (("harbour", "implementer"), ("golden_lotus", "co_funder")),
        "civil_society",
        ("KH",),
        "csr",
        8_000,
        3,
        "",
    ),
]
SCORED = [o.title for o in OPPORTUNITIES if o.profile]
SECOND_ROUND = SCORED[:4]
SELECTED = {
    SCORED[0]: "First in the internal round, with the partner's champion ready to start.",
    SCORED[1]: "Second in the internal round; it builds on the seafood group's own pilot.",
}
PARKED = {SCORED[6]: "The hotel groups asked to wait until after the high season."}
INTERNAL_RATERS = ("linh.demo", "arun.demo", "demo")
TEAM_RATERS = ("sophea.demo", "arun.demo")

DIRECT_REASON = (
    "Demo: first planning workshop (Linh, Arun): development value first, the default shares "
    "within each group."
)
AHP_REASON = (
    "Demo: weights workshop with the whole team. Development value matters most; within business "
    "value the company's own goals come first. Consistent judgements (ratio under 0.10)."
)
AHP_GROUPS = [
    ("development", "business", "3"),
    ("development", "government", "5"),
    ("development", "risk_costs", "3"),
    ("business", "government", "3"),
    ("business", "risk_costs", "1"),
    ("government", "risk_costs", "1/3"),
]
AHP_FACTORS = {
    "business": [
        ("business_goals", "partner_champion", "5"),
        ("business_goals", "csr_reputation", "4"),
        ("partner_champion", "csr_reputation", "1/3"),
    ],
    "government": [("local_priorities", "law_enforcement", "3")],
}

# (round, opportunity, rater, factor) -> (score or "na", rationale): what the profiles and the
# raters' small differences do not say. One disagreement of 3 points and one abstention.
NOTES: dict[tuple[str, str, str, str], tuple[str, str]] = {
    (INTERNAL, SCORED[2], "demo", "partner_champion"): (
        "5",
        "The agency's owner has spoken for the fee cap at every meeting.",
    ),
    (INTERNAL, SCORED[2], "arun.demo", "partner_champion"): (
        "2",
        "The owner is keen, but the agency's board has not agreed to anything yet.",
    ),
    (INTERNAL, SCORED[4], "arun.demo", "law_enforcement"): (
        "na",
        "No contact yet with the labour inspectors where the plantations are.",
    ),
    (INTERNAL, SCORED[0], "linh.demo", "alignment"): (
        "5",
        "Employer-pays recruitment is the programme's first objective.",
    ),
    (INTERNAL, SCORED[0], "linh.demo", "risk"): (
        "3",
        "Findings may reach buyers before remediation; agreed to report to the steering group.",
    ),
    (INTERNAL, SCORED[1], "arun.demo", "innovative_approach"): (
        "5",
        "No grievance channel works at sea today.",
    ),
    (INTERNAL, SCORED[3], "demo", "law_enforcement"): (
        "4",
        "The ministry wants a model clause for its own contracts.",
    ),
    (PROGRAMME_TEAM, SCORED[2], "sophea.demo", "systemic_change"): (
        "5",
        "A published fee cap could become the industry association's rule.",
    ),
    (PROGRAMME_TEAM, SCORED[1], "sophea.demo", "scalable_regionally"): (
        "3",
        "Depends on mobile coverage at sea, which is poor beyond the gulf.",
    ),
}
# The programme team sees some opportunities differently (so the rounds side by side move).
SHIFTS = {(PROGRAMME_TEAM, SCORED[2]): 1, (PROGRAMME_TEAM, SCORED[1]): -1}


def _score(spec: OpportunitySpec, index: int, rater: int, factor: int, shift: int) -> str:
    """A rater's typical score: the profile, one point up or down on a few factors per rater
    (never both on the same factor, so raters differ by one point at most there)."""
    value = int(spec.profile.replace(" ", "")[factor])
    if rater == 1 and (factor + index) % 5 == 0:
        value += 1
    if rater == 2 and (factor + index) % 5 == 2:
        value -= 1
    if shift and factor < 5:  # the development value is what the second round sees otherwise
        value += shift
    return str(min(5, max(1, value)))


class PrioritisationDemo:
    """Creates the score-card part of the demo that is missing; `run` returns what it created."""

    def __init__(
        self, programme: Programme, users: dict[str, User], orgs: dict[str, Organisation], on: date
    ) -> None:
        self.programme = programme
        self.users = users
        self.orgs = orgs
        self.today = on
        self.created: Counter[tuple[str, str]] = Counter()
        self.opportunities: dict[str, Opportunity] = {}

    def run(self) -> Counter[tuple[str, str]]:
        """Load the opportunities, weights and rounds (those not there yet)."""
        for spec in OPPORTUNITIES:
            self._opportunity(spec)
        version = templates.default_template_version(self.programme)
        self._direct(version)
        decision = self._ahp(version)
        if not Round.objects.filter(programme=self.programme, name=INTERNAL).exists():
            self._internal(version, decision)
        if not Round.objects.filter(programme=self.programme, name=PROGRAMME_TEAM).exists():
            self._programme_team(version, decision)
        return self.created

    def _count(self, what: tuple[str, str], n: int = 1) -> None:
        self.created[what] += n

    def _opportunity(self, spec: OpportunitySpec) -> None:
        found = Opportunity.objects.filter(programme=self.programme, title=spec.title).first()
        if found is None:
            fields: dict[str, Any] = {
                "title": spec.title,
                "description": f"{spec.description} {DEMO_NOTE}",
                "sector": spec.sector,
                "countries": list(spec.countries),
                "partnership_type": spec.partnership_type,
                "estimated_cost": Decimal(spec.cost) if spec.cost else None,
                "currency": "USD" if spec.cost else "",
                "duration_months": spec.duration,
            }
            found = opportunities.save_opportunity(
                Opportunity(programme=self.programme, **fields),
                [(self.orgs[key], role) for key, role in spec.roles],
            )
            self._count(("opportunity", "opportunities"))
        self.opportunities[spec.title] = found

    def _decided(self, reason: str) -> WeightDecision | None:
        return WeightDecision.objects.filter(programme=self.programme, reason=reason).first()

    def _direct(self, version: ScorecardTemplateVersion) -> None:
        if self._decided(DIRECT_REASON) is None:
            groups = {"development": 45, "business": 20, "government": 15, "risk_costs": 20}
            agreed_on = self.today - timedelta(days=75)
            weights.record_direct(
                version, groups, None, self.users["linh.demo"], agreed_on, DIRECT_REASON
            )
            self._count(("weight decision", "weight decisions"))

    def _ahp(self, version: ScorecardTemplateVersion) -> WeightDecision:
        found = self._decided(AHP_REASON)
        if found is None:
            found = weights.record_ahp(
                version,
                AHP_GROUPS,
                self.users["linh.demo"],
                self.today - timedelta(days=30),
                AHP_REASON,
                AHP_FACTORS,
            )
            self._count(("weight decision", "weight decisions"))
        return found

    def _fill(self, round_: Round, titles: list[str], raters: tuple[str, ...]) -> None:
        for r, username in enumerate(raters):
            sheet = rounds.sheet_of(round_, self.users[username])
            assert sheet is not None
            for title in titles:
                spec = next(o for o in OPPORTUNITIES if o.title == title)
                index = SCORED.index(title)
                shift = SHIFTS.get((round_.name, title), 0)
                cells = {}
                for i, factor in enumerate(FACTORS):
                    value = _score(spec, index, r, i, shift)
                    note = NOTES.get((round_.name, title, username, factor))
                    cells[factor] = rounds.Cell(*(note or (value, "")))
                rounds.save_scores(sheet, self.opportunities[title], cells)

    def _internal(self, version: ScorecardTemplateVersion, decision: WeightDecision) -> None:
        """The internal team's round: three raters, all submitted, so it closed by itself; then
        the two best are selected for development and one is parked."""
        raters = [self.users[u] for u in INTERNAL_RATERS]
        scope = [self.opportunities[t] for t in SCORED]
        found = rounds.create_round(
            self.programme, INTERNAL, version, decision, raters, scope, raters[0], top_k=3
        )
        self._count(("scoring round", "scoring rounds"))
        self._count(("score sheet", "score sheets"), len(raters))
        self._fill(found, SCORED, INTERNAL_RATERS)
        for user in raters:
            sheet = rounds.sheet_of(found, user)
            assert sheet is not None
            rounds.submit_sheet(sheet, user)
        lead = self.users["linh.demo"]
        for title, reason in SELECTED.items():
            opportunities.set_status(
                self.opportunities[title], OpportunityStatus.SELECTED, f"Demo: {reason}", lead
            )
        for title, reason in PARKED.items():
            opportunities.set_status(
                self.opportunities[title], OpportunityStatus.PARKED, f"Demo: {reason}", lead
            )

    def _programme_team(self, version: ScorecardTemplateVersion, decision: WeightDecision) -> None:
        """The programme team's round, still open: the reviewer submitted, Arun has scored one
        opportunity so far."""
        raters = [self.users[u] for u in TEAM_RATERS]
        scope = [self.opportunities[t] for t in SECOND_ROUND]
        found = rounds.create_round(
            self.programme,
            PROGRAMME_TEAM,
            version,
            decision,
            raters,
            scope,
            self.users["linh.demo"],
            top_k=2,
        )
        self._count(("scoring round", "scoring rounds"))
        self._count(("score sheet", "score sheets"), len(raters))
        self._fill(found, SECOND_ROUND, TEAM_RATERS[:1])
        reviewer = self.users[TEAM_RATERS[0]]
        sheet = rounds.sheet_of(found, reviewer)
        assert sheet is not None
        rounds.submit_sheet(sheet, reviewer)
        started = rounds.sheet_of(found, self.users[TEAM_RATERS[1]])
        assert started is not None
        first = self.opportunities[SECOND_ROUND[0]]
        spec = OPPORTUNITIES[0]
        rounds.save_scores(
            started,
            first,
            {f: rounds.Cell(_score(spec, 0, 1, i, 0)) for i, f in enumerate(FACTORS)},
        )
