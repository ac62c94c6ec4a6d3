"""The demo programme's assessments: most demo companies placed on the Maturity Spectrum (several
of them assessed repeatedly, so their level-over-time chart has points, and two only "at least"
a level because some answers are still unknown), one company self-assessment submitted through
its private link and awaiting the programme's review, and two PSE readiness self-assessments of
the programme (the later one compares with the earlier). Everything is fictional; evidence
addresses live on example.org.

Loaded through the assessments services (start, answer, finalise; invite and submit), so the
results, explanations and answer history are what a user would have produced. Idempotent: an
organisation that has a maturity assessment (or a self-assessment link) already, and a programme
that has a PSE readiness assessment already, are left alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any, NamedTuple

from partnerpath.accounts.models import Programme, User
from partnerpath.assessments import selfassess, services
from partnerpath.assessments.choices import Kind, Source
from partnerpath.assessments.models import Assessment, SelfAssessmentInvite
from partnerpath.audit.context import acting_as
from partnerpath.core.rubric import Rubric
from partnerpath.registry.models import Contact, Organisation


class Visit(NamedTuple):
    """One maturity assessment: when, by whom, the level it reaches, and whether that level is
    only a floor (the next level left unanswered, so the result reads "at least")."""

    days_ago: int
    by: str
    level: int
    floor: bool = False


# Organisation key -> its assessments, oldest first (levels of maturity-v1: 0 not yet engaged,
# 1 Follower, 2 Mature, 3 Leader, 4 Innovator). Chosen to match each company's demo story.
MATURITY: dict[str, tuple[Visit, ...]] = {
    "andaman": (Visit(540, "linh.demo", 1), Visit(300, "linh.demo", 2), Visit(45, "arun.demo", 3)),
    "andaman_proc": (Visit(210, "arun.demo", 2),),
    "andaman_fleet": (Visit(205, "arun.demo", 1),),
    "cuulong": (Visit(160, "arun.demo", 1),),
    "irrawaddy": (Visit(400, "arun.demo", 0),),
    "borneo": (Visit(480, "linh.demo", 2), Visit(95, "linh.demo", 3)),
    "nusantara": (Visit(120, "arun.demo", 1, floor=True),),
    "silkthread": (Visit(360, "linh.demo", 1), Visit(60, "linh.demo", 2)),
    "songhong": (Visit(100, "arun.demo", 1),),
    "kinta": (Visit(420, "linh.demo", 2), Visit(220, "linh.demo", 3), Visit(30, "linh.demo", 4)),
    "seatrace": (Visit(80, "arun.demo", 3, floor=True),),
    "tonle": (Visit(70, "arun.demo", 1),),
    "straits": (Visit(250, "arun.demo", 0),),
    "orchid": (Visit(170, "linh.demo", 1), Visit(25, "linh.demo", 2)),
    "golden_lotus": (Visit(300, "arun.demo", 1),),
}

# The company that self-assessed through its private link (not reviewed yet), its contact, and
# its own answers: level 1 met, level 2 in part.
SELF_ASSESSED = "luang"
SELF_CONTACT = "luang.khamla"
SELF_ANSWERS: dict[str, str] = {
    "follower-acknowledges-risk": "met",
    "follower-gives-to-ctip": "met",
    "follower-named-contact": "met",
    "follower-open-to-dialogue": "met",
    "follower-staff-awareness": "partly",
    "mature-policy": "met",
    "mature-supplier-code": "partly",
    "mature-labour-law": "met",
    "mature-risk-assessment": "unknown",
    "mature-audits": "not_met",
    "mature-training": "partly",
}

# The programme's own PSE readiness (0-3 per guiding question, in rubric order): a first honest
# look ten months ago and a better one three weeks ago, so the page compares the two.
PSE: tuple[tuple[int, str, tuple[int, ...]], ...] = (
    (300, "demo", (2, 1, 2, 1, 1, 0, 2, 1, 1, 1, 2, 0, 1, 1, 0, 1)),
    (21, "linh.demo", (3, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 1, 2, 2, 1, 2)),
)

MADE = {
    "maturity": ("maturity assessment", "maturity assessments"),
    "self": ("company self-assessment", "company self-assessments"),
    "pse": ("PSE readiness self-assessment", "PSE readiness self-assessments"),
}


def _evidence(org_key: str, indicator_id: str, on: date) -> dict[str, Any]:
    return {
        "evidence_url": f"https://example.org/demo/{org_key.replace('_', '-')}/{indicator_id}",
        "evidence_date": on - timedelta(days=12),
        "note": "Demo: fictional evidence, recorded to show how an answer is backed.",
    }


def maturity_answers(
    rubric: Rubric, org_key: str, visit: Visit, on: date
) -> dict[str, dict[str, Any]]:
    """Answers reaching ``visit.level`` on a ladder rubric: every lower level met (its last
    indicator partly), the next level clearly not reached, or left unanswered for a floor."""
    answers: dict[str, dict[str, Any]] = {}
    for level in rubric.levels:
        ids = [i.id for i in level.indicators]
        if level.level <= visit.level:
            values = ["met"] * len(ids)
            if level.level == visit.level:
                values[-1] = "partly"
        elif level.level == visit.level + 1 and not visit.floor:
            values = ["partly", "met"] + ["not_met"] * (len(ids) - 2)
        elif level.level == visit.level + 1:
            values = ["unknown"]  # only one answer: too little to tell
        else:
            break
        for indicator_id, value in zip(ids, values, strict=False):
            backed = value in ("met", "partly")
            answers[indicator_id] = {
                "value": value,
                **(_evidence(org_key, indicator_id, on) if backed else {}),
            }
    return answers


def _dated(assessment: Assessment, on: date, user: User) -> None:
    """Date the assessment back to when it was made (as its form's date field would)."""
    with acting_as(user):
        assessment.assessed_on = on
        assessment.save(update_fields=["assessed_on", "updated_at"])


class _Loader:
    """Creates the assessments that are missing; ``created`` counts them."""

    def __init__(
        self,
        programme: Programme,
        users: Mapping[str, User],
        orgs: Mapping[str, Organisation],
        contacts: Mapping[str, Contact],
        today: date,
    ) -> None:
        self.programme = programme
        self.users = users
        self.orgs = orgs
        self.contacts = contacts
        self.today = today
        self.created: Counter[tuple[str, str]] = Counter()

    def run(self) -> Counter[tuple[str, str]]:
        for key, visits in MATURITY.items():
            if key in self.orgs:
                self._maturity(key, self.orgs[key], visits)
        if SELF_ASSESSED in self.orgs:
            self._self_assessment(self.orgs[SELF_ASSESSED])
        self._pse()
        return self.created

    def _maturity(self, key: str, org: Organisation, visits: tuple[Visit, ...]) -> None:
        done = Assessment.objects.filter(
            organisation=org, kind=Kind.MATURITY, source=Source.PROGRAMME
        )
        if done.exists():
            return
        for visit in visits:
            user = self.users[visit.by]
            on = self.today - timedelta(days=visit.days_ago)
            assessment = services.start_assessment(self.programme, user, org)
            _dated(assessment, on, user)
            rubric = services.rubric_of(assessment)
            services.save_answers(assessment, maturity_answers(rubric, key, visit, on), user)
            services.finalise(assessment, user)
            self.created[MADE["maturity"]] += 1

    def _self_assessment(self, org: Organisation) -> None:
        if SelfAssessmentInvite.objects.filter(organisation=org).exists():
            return
        lead = self.users["linh.demo"]
        link = selfassess.invite(org, lead, self.contacts.get(SELF_CONTACT), days=30)
        given = {
            ind: {
                "value": value,
                **(
                    {"evidence_url": f"https://example.org/demo/luang/{ind}"}
                    if value == "met"
                    else {}
                ),
                "note": "Our own answer (fictional demo company).",
            }
            for ind, value in SELF_ANSWERS.items()
        }
        selfassess.submit(link, given)
        self.created[MADE["self"]] += 1

    def _pse(self) -> None:
        if Assessment.objects.filter(programme=self.programme, kind=Kind.PSE).exists():
            return
        for days_ago, by, ratings in PSE:
            user = self.users[by]
            on = self.today - timedelta(days=days_ago)
            assessment = services.start_assessment(self.programme, user)
            _dated(assessment, on, user)
            indicators = list(services.rubric_of(assessment).indicators())
            answers = {
                ind.id: {
                    "value": str(rating),
                    "note": "Demo: the team's rating at its quarterly review.",
                    "evidence_url": f"https://example.org/demo/mekong-programme/review-{on:%Y-%m}",
                }
                for ind, rating in zip(indicators, ratings, strict=True)
            }
            services.save_answers(assessment, answers, user)
            services.finalise(assessment, user)
            self.created[MADE["pse"]] += 1


def load(
    programme: Programme,
    users: Mapping[str, User],
    orgs: Mapping[str, Organisation],
    contacts: Mapping[str, Contact],
    today: date,
) -> Counter[tuple[str, str]]:
    """Load the demo assessments that are missing (idempotent); what was created, by kind, as
    (singular, plural) -> count for the demo loader's summary."""
    return _Loader(programme, users, orgs, contacts, today).run()
