"""The demo programme's watch-list screening and due diligence: a small fictional watch list with
entries close to demo companies and people, one screening of every active organisation with a few
hits decided (a false positive, an escalation, a true match whose clearing awaits a second person)
and others left open, and due-diligence checklists with a spread of ratings (signed off, awaiting
sign-off, in progress, expired).

When ``../shared/data`` holds the real OFAC SDN and UN lists and the reference data (DOL List of
Goods, TIP tiers, prevalence), they are imported too, so the screening covers them and the risk
profiles are rated; nothing is copied into the project. A list or reference kind that is stored
already is left alone, so the demo never replaces an operator's newer version.

Everything goes through the screening and diligence services, so history and the rules (decision
reasons, two-person clearing, sign-off by a second person) apply. Idempotent: the demo list is
imported once (same checksum), the programme is screened again only when the current list
versions changed, a hit that has a decision and an organisation that has a checklist are left
alone.
"""

from __future__ import annotations

import csv
import tempfile
from collections import Counter
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import NamedTuple

from django.utils import timezone

from partnerpath.accounts.models import Programme, User
from partnerpath.audit.context import acting_as
from partnerpath.core.risk.checklist import add_months
from partnerpath.diligence import services as diligence
from partnerpath.diligence.models import Checklist, ReferenceDataset
from partnerpath.diligence.services.checklists import valid_months
from partnerpath.registry.models import Contact, Organisation
from partnerpath.screening import services as screening
from partnerpath.screening.choices import Decision, ScreeningScope, ScreeningStatus
from partnerpath.screening.models import Hit, Screening

SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"

DEMO_LIST = "Demo watch list (fictional)"
DEMO_LIST_PUBLISHED = date(2025, 9, 1)
# id, name, schema, country, aliases (;-separated), birth date. Every entry is invented; none is
# a real listed party. The first four are close to demo organisations and key individuals.
DEMO_ENTRIES: tuple[tuple[str, str, str, str, str, str], ...] = (
    # The demo fleet company under its long legal form: the same company.
    ("DEMO-0001", "Andaman Blue Fleet Services Company Limited", "Company", "TH", "", ""),
    # Shares the stem of the demo recruitment agency but is another agency.
    ("DEMO-0002", "Golden Lotus Manpower Placement Agency Co., Ltd.", "Company", "KH", "", ""),
    # The demo group's chief executive, transliterated and family name first, same birth date.
    ("DEMO-0003", "VORAPONGSA, Rattana", "Person", "TH", "Rattana Worapongsa", "1979-09-18"),
    # Same name as a demo company's owner, whose birth date the programme has not recorded.
    ("DEMO-0004", "Van Tai Pham", "Person", "VN", "", "1968"),
    ("DEMO-0005", "Corvana Maritime Logistics S.A.", "Company", "PA", "Corvana Shipping", ""),
    ("DEMO-0006", "Trelmont Ocean Harvest", "Vessel", "PA", "Ocean Harvest 7", ""),
    ("DEMO-0007", "Zavrella Gem Trading FZE", "Company", "AE", "", ""),
    ("DEMO-0008", "Kestovar Timber Export LLC", "Company", "GE", "", ""),
    ("DEMO-0009", "Ombrelin Overseas Recruitment Bureau", "Organization", "NP", "", ""),
    ("DEMO-0010", "Fennimor Cotton Ginning Ltd.", "Company", "UZ", "", ""),
    ("DEMO-0011", "Marek Ostrovin", "Person", "RS", "Marko Ostrovin", "1971-02-14"),
    ("DEMO-0012", "Lucia Vantressa", "Person", "PT", "", "1983-06-05"),
    ("DEMO-0013", "Tomas Helvark", "Person", "EE", "", "1966"),
    ("DEMO-0014", "Quillan Brask", "Person", "GB", "Q. Brask", "1975-11-23"),
    ("DEMO-0015", "Ysolde Marrigan Holdings Ltd.", "Company", "CY", "", ""),
)

# Real files under ../shared/data: list name, path, publication date when the file has none.
REAL_LISTS: tuple[tuple[str, str, date | None], ...] = (
    ("OFAC SDN", "watchlists/ofac_sdn_2021", date(2021, 7, 7)),
    ("UN consolidated", "watchlists/un_consolidated_2026/UN_consolidated.xml", None),
)
# kind, path, edition ("" lets the file tell), publication date.
REFERENCE: tuple[tuple[str, str, str, date | None], ...] = (
    (
        "dol-goods",
        "reference/dol_ilab_goods_2022/goods_by_country_2022_list.csv",
        "2022",
        date(2022, 9, 28),
    ),
    ("tip-tiers", "reference/tip_tiers_1999_2015/tip_tiers_orig.csv", "", None),
    ("prevalence", "reference/gsi_2023/Global_Slavery_Index_2023.csv", "2023", None),
)


class Decided(NamedTuple):
    """A decision on the hit of an organisation (or its key individual) on a demo list entry;
    ``then``, by a second user, asks to move a true match elsewhere (the two-person rule)."""

    org: str
    entry: str
    by: str
    decision: str
    reason: str
    then: tuple[str, str, str] | None = None  # (user, decision, reason)


# The hits of DEMO-0003 on the processing company's director and of DEMO-0004 stay undecided:
# they show as needing attention.
DECISIONS: tuple[Decided, ...] = (
    Decided(
        "golden_lotus",
        "DEMO-0002",
        "arun.demo",
        Decision.FALSE_POSITIVE,
        "Demo: another agency. Its registration number and Phnom Penh address differ from our "
        "partner's, and the two share no owners (checked in the company register).",
    ),
    Decided(
        "andaman",
        "DEMO-0003",
        "linh.demo",
        Decision.NEEDS_ESCALATION,
        "Demo: same name (other spelling), nationality and birth date as the group's CEO. Asked "
        "the programme director to confirm identity with the list's passport details first.",
    ),
    Decided(
        "andaman_fleet",
        "DEMO-0001",
        "linh.demo",
        Decision.TRUE_MATCH,
        "Demo: the same company: its full legal name, Thai, and the charterer of the vessel in "
        "the 2021 NGO report.",
        then=(
            "arun.demo",
            Decision.NEEDS_ESCALATION,
            "Demo: the listing was narrowed in 2025 after crews were repaid; ask the donor's "
            "compliance officer whether it still bars a partnership.",
        ),
    ),
)


class Sheet(NamedTuple):
    """A checklist: who answers, who signs off (if anyone) how many days ago, and the answers
    as question -> (answer, evidence note, remediated)."""

    by: str
    answers: dict[str, tuple[str, str, bool]]
    signer: str = ""
    signed_days_ago: int = 0


_CLEAN = {
    "company_trafficking": ("no_concern", "Court, labour-inspection and news searches.", False),
    "company_other_crimes": ("no_concern", "Company register and news searches.", False),
    "people_trafficking": ("no_concern", "Directors screened; no finding.", False),
    "people_other_crimes": ("no_concern", "Directors screened; no finding.", False),
    "policy": ("yes", "Published policy naming forced labour and recruitment fees.", False),
    "goals_and_progress": ("yes", "Annual targets with progress in the latest report.", False),
    "relationships_and_reputation": ("no_concern", "Union and NGO partners consulted.", False),
    "development_value": ("high_value", "Could carry worker voice across its suppliers.", False),
}
CHECKLISTS: dict[str, Sheet] = {
    # Signed off and valid; low when no reference data rates the countries.
    "kinta": Sheet("arun.demo", _CLEAN, signer="linh.demo", signed_days_ago=20),
    # Signed off over a year ago: expired, to be redone.
    "andaman": Sheet("linh.demo", _CLEAN, signer="arun.demo", signed_days_ago=410),
    # Complete, medium, awaiting a second person's sign-off.
    "borneo": Sheet(
        "linh.demo",
        {
            **_CLEAN,
            "goals_and_progress": ("partly", "Targets set in 2024; no progress reported.", False),
            "relationships_and_reputation": (
                "minor_concern",
                "A 2022 audit of one supplier estate found passports held; returned, retrained.",
                False,
            ),
        },
    ),
    # Complete, high: a serious finding on trafficking, remediated.
    "andaman_fleet": Sheet(
        "arun.demo",
        {
            **_CLEAN,
            "company_trafficking": (
                "serious_concern",
                "Vessel in the 2021 NGO report chartered through it; the demo watch list hit is "
                "a true match. Crews repaid and repatriated; the union verified it in 2024.",
                True,
            ),
            "policy": ("partly", "Follows the group's policies; none of its own.", False),
            "goals_and_progress": ("no", "No targets for crews at sea.", False),
            "relationships_and_reputation": (
                "minor_concern",
                "Crews recruited through unlicensed port-town brokers.",
                False,
            ),
            "development_value": ("some_value", "Access to crews at sea.", False),
        },
    ),
    # In progress: three questions answered, not rated yet.
    "golden_lotus": Sheet(
        "arun.demo",
        {
            "company_trafficking": ("unknown", "No record found; asked the inspectors.", False),
            "policy": ("no", "No policy; says it would adopt employer-pays.", False),
            "relationships_and_reputation": (
                "minor_concern",
                "A 2025 complaint about fees charged to 12 workers, reviewed with us.",
                False,
            ),
        },
    ),
}

MADE = {
    "list": ("watch list version", "watch list versions"),
    "reference": ("reference dataset", "reference datasets"),
    "screening": ("screening", "screenings"),
    "hit": ("screening hit", "screening hits"),
    "decision": ("hit decision", "hit decisions"),
    "checklist": ("due-diligence checklist", "due-diligence checklists"),
}


class Created(Counter[tuple[str, str]]):
    """What the loader created, by kind as (singular, plural) -> count, and one-line notes for
    the loader's output (e.g. that the real lists were skipped)."""

    def __init__(self) -> None:
        super().__init__()
        self.notes: list[str] = []


def _write_demo_list(folder: Path) -> Path:
    path = folder / "demo_watch_list.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "name", "schema", "country", "aliases", "birth_date"])
        writer.writerows(DEMO_ENTRIES)
    return path


class _Loader:
    """Imports the lists and reference data, screens, decides and fills checklists."""

    def __init__(
        self,
        programme: Programme,
        users: Mapping[str, User],
        orgs: Mapping[str, Organisation],
        today: date,
        data: Path,
    ) -> None:
        self.programme = programme
        self.users = users
        self.orgs = orgs
        self.today = today
        self.data = data
        self.created = Created()

    def run(self) -> Created:
        with tempfile.TemporaryDirectory() as folder:
            outcome = screening.import_list(
                _write_demo_list(Path(folder)),
                DEMO_LIST,
                published=DEMO_LIST_PUBLISHED,
                rescreen=False,
            )
        if outcome.created:
            self.created[MADE["list"]] += 1
        if self.data.is_dir():
            self._real_lists(self.data)
            self._reference(self.data)
        else:
            self.created.notes.append(
                f"Real watch lists and reference data skipped ({self.data} not found): the "
                "demo screens against its fictional list only; risk profiles are not rated."
            )
        latest = self._screening()
        for item in DECISIONS:
            self._decide(latest, item)
        for key, sheet in CHECKLISTS.items():
            if key in self.orgs:
                self._checklist(key, self.orgs[key], sheet)
        return self.created

    def _real_lists(self, data: Path) -> None:
        current = {v.watch_list.name for v in screening.current_versions()}
        for name, relative, published in REAL_LISTS:
            path = data / relative
            if name in current or not path.exists():
                continue  # an operator's version stays in force
            screening.import_list(path, name, published=published, rescreen=False)
            self.created[MADE["list"]] += 1

    def _reference(self, data: Path) -> None:
        stored = set(ReferenceDataset.objects.values_list("kind", flat=True))
        for kind, relative, edition, published in REFERENCE:
            path = data / relative
            if kind in stored or not path.exists():
                continue
            diligence.import_reference(
                kind, path.name, path.read_bytes(), edition=edition, published_on=published
            )
            self.created[MADE["reference"]] += 1

    def _screening(self) -> Screening:
        """The programme's screening of every active organisation against the current lists,
        run here and now (the queued task then finds it done and does nothing)."""
        versions = {v.pk for v in screening.current_versions()}
        done = Screening.objects.filter(
            programme=self.programme,
            scope=ScreeningScope.ALL_ACTIVE,
            status=ScreeningStatus.DONE,
        ).order_by("-created_at", "-id")
        latest = done.prefetch_related("list_versions").first()
        if latest is not None and {v.pk for v in latest.list_versions.all()} == versions:
            return latest
        started = screening.start_screening(self.programme, user=self.users["linh.demo"])
        done_now = screening.run_screening(started.pk)
        done_now.refresh_from_db()
        self.created[MADE["screening"]] += 1
        self.created[MADE["hit"]] += done_now.hit_count
        return done_now

    def _decide(self, latest: Screening, item: Decided) -> None:
        org = self.orgs.get(item.org)
        hit = (
            Hit.objects.filter(
                screening=latest,
                organisation=org,
                watch_list__name=DEMO_LIST,
                entity_id=item.entry,
            )
            .select_related("adjudication", "previous_adjudication")
            .first()
        )
        if org is None or hit is None or hit.adjudication is not None:
            return
        screening.decide(hit, item.decision, item.reason, self.users[item.by])
        self.created[MADE["decision"]] += 1
        if item.then is not None:
            by, decision, reason = item.then
            screening.decide(hit, decision, reason, self.users[by])

    def _checklist(self, key: str, org: Organisation, sheet: Sheet) -> None:
        if Checklist.objects.filter(organisation=org).exists():
            return
        author = self.users[sheet.by]
        checklist = diligence.start_checklist(org, author)
        for question, (answer, note, remediated) in sheet.answers.items():
            diligence.answer_question(
                checklist,
                question,
                {
                    "answer": answer,
                    "remediated": remediated,
                    "note": f"Demo (fictional): {note}",
                    "evidence_url": f"https://example.org/demo/{key.replace('_', '-')}/{question}",
                },
                author,
            )
        self.created[MADE["checklist"]] += 1
        if not sheet.signer:
            return
        signer = self.users[sheet.signer]
        checklist = diligence.sign_off(
            Checklist.objects.get(pk=checklist.pk),
            signer,
            "Demo: read every answer and its evidence.",
        )
        self._date_back(checklist, sheet.signed_days_ago, signer)

    def _date_back(self, checklist: Checklist, days: int, signer: User) -> None:
        """Date the checklist, its answers and its sign-off back to when they were made (as if
        done then), so that validity and expiry read as they would."""
        signed_on = self.today - timedelta(days=days)
        signed_at = timezone.make_aware(datetime.combine(signed_on, time(10, 0)))
        with acting_as(signer):
            for answer in checklist.answers.all():
                answer.reviewed_at = signed_at - timedelta(days=6)
                answer.save(update_fields=["reviewed_at", "updated_at"])
            checklist.created_at = signed_at - timedelta(days=9)
            checklist.signed_off_at = signed_at
            checklist.expires_on = add_months(signed_on, valid_months(self.programme))
            checklist.save(
                update_fields=["created_at", "signed_off_at", "expires_on", "updated_at"]
            )


def load(
    programme: Programme,
    users: Mapping[str, User],
    orgs: Mapping[str, Organisation],
    contacts: Mapping[str, Contact],
    today: date,
    *,
    data: Path | None = None,
) -> Created:
    """Load the demo's screening and due diligence that is missing (idempotent); what was
    created, by kind, as (singular, plural) -> count, with ``notes`` for the loader's output.
    ``data`` is the real-data folder, SHARED_DATA when not given (read at each call, so tests
    can point it elsewhere); a missing folder skips the real files."""
    return _Loader(programme, users, orgs, today, SHARED_DATA if data is None else data).run()
