"""Demo people: the programme team, contacts at organisations, and who knows whom (so that
warm-introduction chains of one to three hops exist). All fictional."""

from __future__ import annotations

from typing import NamedTuple


class TeamMember(NamedTuple):
    """A user of the demo programme."""

    username: str
    first_name: str
    last_name: str
    role: str


class ContactSpec(NamedTuple):
    """A contact at an organisation; ``key`` is "<organisation key>.<short name>"."""

    key: str
    name: str
    title: str
    department: str
    champion: bool = False
    commits: bool = False
    notes: str = ""


DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo"

# The demo login first; the others have unusable passwords (they exist to own work and to know
# people, so that warm introductions and follow-up owners look real).
TEAM: list[TeamMember] = [
    TeamMember(DEMO_USERNAME, "Demo", "Administrator", "admin"),
    TeamMember("linh.demo", "Linh", "Tran", "pse_lead"),
    TeamMember("arun.demo", "Arun", "Khemara", "member"),
    TeamMember("sophea.demo", "Sophea", "Lim", "reviewer"),
    TeamMember("nadia.demo", "Nadia", "Rahman", "viewer"),
]

CONTACTS: list[ContactSpec] = [
    ContactSpec(
        "andaman.ploy",
        "Ploy Chaiyaporn",
        "Head of Sustainability",
        "sustainability",
        champion=True,
        commits=True,
        notes="Drove the 2022 modern slavery statement.",
    ),
    ContactSpec("andaman.kittisak", "Kittisak Boonmee", "Group Legal Counsel", "legal"),
    ContactSpec(
        "andaman.wanida", "Wanida Sukjai", "Chief Operating Officer", "leadership", commits=True
    ),
    ContactSpec("andaman_proc.somsak", "Somsak Phromma", "Plant HR Manager", "hr"),
    ContactSpec("andaman_fleet.tawan", "Tawan Inthorn", "Fleet Operations Manager", "operations"),
    ContactSpec("cuulong.hoa", "Nguyen Thi Hoa", "Quality and Compliance Manager", "sourcing"),
    ContactSpec(
        "tonle.vannak",
        "Vannak Chea",
        "Chief Operating Officer",
        "leadership",
        champion=True,
        commits=True,
    ),
    ContactSpec("tonle.sreymom", "Sreymom Keo", "HR Officer", "hr"),
    ContactSpec("lanna.anan", "Anan Thongdee", "Site HR Director", "hr"),
    ContactSpec("straits.farid", "Farid Ismail", "Head of HR", "hr"),
    ContactSpec(
        "orchid.naree", "Naree Kaewmanee", "Director of People and Culture", "hr", champion=True
    ),
    ContactSpec(
        "orchid.james",
        "James Whitford",
        "General Manager, Coast Resorts",
        "leadership",
        commits=True,
    ),
    ContactSpec("luang.khamla", "Khamla Phommasack", "Operations Manager", "operations"),
    ContactSpec(
        "irrawaddy.aung",
        "Aung Ko Min",
        "Managing Director",
        "leadership",
        notes="Name from the company register; never contacted.",
    ),
    ContactSpec(
        "borneo.siti",
        "Siti Aminah Yusof",
        "Sustainability Manager",
        "sustainability",
        champion=True,
    ),
    ContactSpec("borneo.rajesh", "Rajesh Pillai", "Estate Operations Director", "operations"),
    ContactSpec("nusantara.dewi", "Dewi Lestari Putri", "Sourcing Manager", "sourcing"),
    ContactSpec(
        "silkthread.sokha", "Sokha Nhem", "Compliance Manager", "sustainability", champion=True
    ),
    ContactSpec(
        "silkthread.chen", "Chen Wei Ling", "Managing Director", "leadership", commits=True
    ),
    ContactSpec("songhong.minh", "Tran Van Minh", "Social Compliance Lead", "sustainability"),
    ContactSpec("kinta.mei", "Lim Mei Fong", "HR Director", "hr", champion=True, commits=True),
    ContactSpec("kinta.arjun", "Arjun Nair", "Procurement Manager", "sourcing"),
    ContactSpec(
        "seatrace.nok",
        "Nok Pattama",
        "Co-founder and CEO",
        "leadership",
        champion=True,
        commits=True,
    ),
    ContactSpec("golden_lotus.bopha", "Bopha Sok", "Managing Director", "leadership"),
    ContactSpec("homecare.aziz", "Aziz Hamdan", "Operations Director", "operations"),
    ContactSpec(
        "assoc.prasert", "Prasert Wongchai", "Secretary-General", "leadership", champion=True
    ),
    ContactSpec("assoc.jintana", "Jintana Rakthai", "Labour Standards Officer", "other"),
    ContactSpec(
        "safe_passage.mya", "Mya Thandar", "Executive Director", "leadership", champion=True
    ),
    ContactSpec("safe_passage.tom", "Tom Eriksen", "Programme Manager", "operations"),
    ContactSpec("harbour.channary", "Channary Ouk", "Shelter Director", "leadership"),
    ContactSpec("ministry.sompong", "Sompong Ratanaporn", "Director, Labour Inspection", "other"),
    ContactSpec(
        "union.niran",
        "Niran Saengthong",
        "Migrant Workers' Desk Coordinator",
        "other",
        champion=True,
    ),
    ContactSpec("union.htet", "Htet Aung", "Organiser, Myanmar workers", "other"),
    ContactSpec("lanna.pim", "Pimchanok Rattana", "Sustainability Analyst", "sustainability"),
]

# (person, kind, person): a username for team members, a contact key for contacts.
CONNECTIONS: list[tuple[str, str, str]] = [
    ("linh.demo", "knows", "safe_passage.mya"),
    ("safe_passage.mya", "worked_with", "union.niran"),
    ("union.niran", "knows", "andaman_proc.somsak"),
    ("union.niran", "knows", "lanna.anan"),
    ("union.niran", "knows", "ministry.sompong"),
    ("union.htet", "worked_with", "union.niran"),
    ("arun.demo", "worked_with", "seatrace.nok"),
    ("seatrace.nok", "knows", "andaman.ploy"),
    ("andaman.ploy", "worked_with", "andaman.wanida"),
    ("cuulong.hoa", "introduced_by", "andaman.ploy"),
    ("demo", "knows", "assoc.prasert"),
    ("assoc.prasert", "knows", "andaman_fleet.tawan"),
    ("assoc.prasert", "knows", "andaman.kittisak"),
    ("assoc.prasert", "worked_with", "assoc.jintana"),
    ("assoc.jintana", "knows", "borneo.siti"),
    ("sophea.demo", "worked_with", "harbour.channary"),
    ("harbour.channary", "knows", "tonle.sreymom"),
    ("tonle.sreymom", "worked_with", "tonle.vannak"),
    ("harbour.channary", "knows", "golden_lotus.bopha"),
    ("linh.demo", "knows", "kinta.mei"),
    ("kinta.mei", "worked_with", "straits.farid"),
    ("straits.farid", "knows", "homecare.aziz"),
    ("arun.demo", "knows", "orchid.naree"),
    ("orchid.naree", "worked_with", "luang.khamla"),
    ("nadia.demo", "knows", "silkthread.sokha"),
    ("silkthread.sokha", "knows", "songhong.minh"),
    ("linh.demo", "worked_with", "arun.demo"),
]
