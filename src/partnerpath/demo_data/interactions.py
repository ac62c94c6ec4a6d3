"""Demo engagement log: 46 interactions over 18 months, with follow-up actions. Dates are days
before the load; follow-up due dates are days from the load (negative: already past)."""

from __future__ import annotations

from typing import NamedTuple


class FollowUpSpec(NamedTuple):
    """An agreed action; open when ``done`` is False (overdue when ``due_in`` < 0)."""

    description: str
    owner: str
    due_in: int
    done: bool = False


class InteractionSpec(NamedTuple):
    """One meeting, call, e-mail, workshop, event or site visit."""

    days_ago: int
    kind: str
    title: str
    organisations: tuple[str, ...]
    contacts: tuple[str, ...] = ()
    team: tuple[str, ...] = ("linh.demo",)
    summary: str = ""
    follow_ups: tuple[FollowUpSpec, ...] = ()


F = FollowUpSpec
I = InteractionSpec  # noqa: E741 (short on purpose: the table below reads like a log)

# A log-like table: one interaction per entry, kept compact on purpose.
# fmt: off
INTERACTIONS: list[InteractionSpec] = [
    I(540, "workshop", "Regional PSE landscape scoping workshop",
      ("safe_passage", "harbour", "assoc"),
      ("safe_passage.mya", "harbour.channary", "assoc.prasert"), ("demo", "linh.demo"),
      "Agreed the sectors to research first: seafood, construction, domestic work.",
      (F("Circulate the landscape assessment outline", "linh.demo", -520, True),)),
    I(520, "meeting", "Introductory meeting with the seafood processors' association", ("assoc",),
      ("assoc.prasert",), ("demo",), "Listened to members' worries about buyer audits."),
    I(500, "call", "First call with Andaman Blue sustainability team", ("andaman",),
      ("andaman.ploy",), ("arun.demo",), "Ploy open to talk; asked what we can offer at sea."),
    I(480, "meeting", "Desk-research validation with Safe Passage", ("safe_passage",),
      ("safe_passage.mya", "safe_passage.tom"), summary="Checked our recruitment-route notes."),
    I(470, "email", "Intro e-mail to Straits Crane & Scaffold HR", ("straits",),
      ("straits.farid",)),
    I(455, "site_visit", "Visit to Andaman Blue processing plant", ("andaman_proc", "andaman"),
      ("andaman_proc.somsak", "andaman.ploy"), ("arun.demo", "linh.demo"),
      "Saw the hotline posters; workers unsure who answers the calls.",
      (F("Ask who answers the hotline and how cases are closed", "arun.demo", -430, True),)),
    I(440, "meeting", "Meeting with the union's migrant desk", ("union",), ("union.niran",)),
    I(420, "event", "Ethical recruitment round-table, Kuala Lumpur",
      ("homecare", "golden_lotus", "straits", "kinta"),
      ("homecare.aziz", "golden_lotus.bopha", "straits.farid", "kinta.mei"),
      ("linh.demo", "sophea.demo"), "Employer-pays principle discussed; agencies sceptical.",
      (F("Send the round-table report to participants", "sophea.demo", -400, True),)),
    I(400, "call", "Follow-up call with Straits Crane on worker housing", ("straits",),
      ("straits.farid",), summary="Not interested beyond legal compliance for now."),
    I(390, "meeting", "Ministry briefing on labour inspection priorities", ("ministry",),
      ("ministry.sompong",), ("demo", "linh.demo")),
    I(370, "meeting", "Harbour Light shelter partnership discussion", ("harbour",),
      ("harbour.channary",), ("sophea.demo",)),
    I(360, "call", "Call with Nusantara Spice Harvest on smallholder sourcing", ("nusantara",),
      ("nusantara.dewi",), ("arun.demo",)),
    I(345, "workshop", "Seafood worker-voice co-creation workshop 1",
      ("andaman", "seatrace", "union", "assoc"),
      ("andaman.ploy", "seatrace.nok", "union.niran", "assoc.prasert"),
      ("linh.demo", "arun.demo"), "Mapped fears and deal-breakers of each side.",
      (F("Write up the workshop notes and circulate them", "arun.demo", -335, True),)),
    I(330, "meeting", "Kinta Circuitworks: recruitment-fee policy discussion", ("kinta",),
      ("kinta.mei",)),
    I(320, "meeting", "Orchid Coast: staff awareness training idea", ("orchid",),
      ("orchid.naree",), ("arun.demo",)),
    I(300, "email", "Nusantara: shared the smallholder risk brief", ("nusantara",),
      ("nusantara.dewi",), ("arun.demo",)),
    I(290, "call", "Cuu Long Pearl: introduction via Andaman Blue", ("cuulong",), ("cuulong.hoa",),
      ("arun.demo",)),
    I(280, "workshop", "Seafood worker-voice co-creation workshop 2",
      ("andaman", "seatrace", "union"), ("andaman.ploy", "seatrace.nok", "union.htet"),
      ("linh.demo", "arun.demo"), "Drafted the pilot: two vessels, six months."),
    I(265, "meeting", "Silkthread Apparel: first meeting with the compliance team", ("silkthread",),
      ("silkthread.sokha",), ("linh.demo", "nadia.demo")),
    I(250, "site_visit", "Cuu Long Pearl farm and peeling shed visit", ("cuulong",),
      ("cuulong.hoa",), ("arun.demo",), "Team leaders keep a share of piece-rate pay.",
      (F("Send visit findings to Andaman Blue sourcing", "arun.demo", -235, True),)),
    I(240, "meeting", "Tonle Build: site safety and recruitment chat", ("tonle",),
      ("tonle.sreymom",), ("sophea.demo",)),
    I(230, "call", "Golden Lotus: pre-departure training offer", ("golden_lotus",),
      ("golden_lotus.bopha",), ("sophea.demo",)),
    I(215, "meeting", "Borneo Green Palm: introductory meeting", ("borneo",),
      ("borneo.siti",), ("demo",)),
    I(200, "meeting", "Luang Riverside: hospitality staff recruitment discussion", ("luang",),
      ("luang.khamla",), ("arun.demo",)),
    I(190, "event", "Trade fair stand with the seafood association",
      ("assoc", "andaman", "andaman_fleet"), ("assoc.jintana", "andaman_fleet.tawan"),
      ("demo", "arun.demo")),
    I(170, "call", "HomeCare Bridge: standard contract for domestic workers", ("homecare",),
      ("homecare.aziz",), summary="Agency will share its contract for review.",
      follow_ups=(F("Review the standard contract against ILO C189", "linh.demo", -150, True),)),
    I(160, "meeting", "Song Hong Stitchworks: supplier code walk-through", ("songhong",),
      ("songhong.minh",), ("arun.demo",)),
    I(150, "workshop", "Construction sector ethical recruitment workshop",
      ("tonle", "lanna", "union"), ("tonle.vannak", "lanna.anan", "union.niran"),
      ("linh.demo", "sophea.demo")),
    I(130, "call", "Andaman Blue Fleet: vessel crew contracts", ("andaman_fleet",),
      ("andaman_fleet.tawan",), ("arun.demo",), "Contracts kept ashore; copies promised.",
      (F("Obtain copies of the crew contract templates", "arun.demo", -100),)),
    I(120, "meeting", "Ministry: labour inspection data sharing", ("ministry",),
      ("ministry.sompong",), ("demo", "linh.demo"),
      follow_ups=(F("Send the draft inspection checklist", "linh.demo", -110, True),)),
    I(110, "email", "Ministry: comments on the draft inspection checklist", ("ministry",),
      ("ministry.sompong",)),
    I(100, "meeting", "Golden Lotus: fee-charging complaint review",
      ("golden_lotus", "safe_passage"), ("golden_lotus.bopha", "safe_passage.tom"),
      ("demo", "sophea.demo"), "Twelve workers paid fees; the agency agreed to refund them.",
      (F("Check the refund of recruitment fees to 12 workers", "demo", -70),)),
    I(95, "site_visit", "Lanna Highrise: workers' camp visit", ("lanna",),
      ("lanna.anan", "lanna.pim"), summary="Crowded camp run by a third-tier sub-contractor.",
      follow_ups=(F("Report camp conditions to the union focal point", "linh.demo", -80, True),)),
    I(85, "call", "Andaman Blue Processing: grievance hotline data", ("andaman_proc",),
      ("andaman_proc.somsak",), ("arun.demo",),
      follow_ups=(F("Request anonymised grievance statistics", "arun.demo", -60, True),)),
    I(80, "meeting", "Song Hong: audit findings debrief", ("songhong",), ("songhong.minh",),
      ("arun.demo",), follow_ups=(F("Follow up on the corrective action plan", "arun.demo", 5),)),
    I(70, "meeting", "Harbour Light: referral pathway agreement", ("harbour",),
      ("harbour.channary",), ("sophea.demo", "linh.demo"),
      follow_ups=(F("Sign the referral pathway agreement", "linh.demo", -40, True),)),
    I(60, "call", "Borneo Green Palm: passport-retention policy follow-up", ("borneo",),
      ("borneo.siti", "borneo.rajesh"), ("arun.demo",),
      follow_ups=(F("Ask for the revised passport-custody policy", "arun.demo", -30),)),
    I(45, "meeting", "Tonle Build: champion meeting with the COO", ("tonle",), ("tonle.vannak",),
      ("demo", "sophea.demo"), "COO wants a sub-contractor code before a foreign tender.",
      (F("Send the MoU outline to the COO", "demo", -15),)),
    I(40, "meeting", "Union: joint worker-voice pilot planning", ("union", "andaman"),
      ("union.niran", "andaman.ploy"), ("linh.demo", "arun.demo"),
      follow_ups=(F("Agree union focal points for the pilot", "linh.demo", -20, True),)),
    I(30, "workshop", "Silkthread: supplier training co-design", ("silkthread",),
      ("silkthread.sokha", "silkthread.chen"), ("linh.demo", "nadia.demo")),
    I(25, "meeting", "Association board briefing on the pilot", ("assoc",),
      ("assoc.prasert", "assoc.jintana"), ("demo",),
      follow_ups=(F("Share the pilot one-pager with board members", "demo", -10, True),)),
    I(20, "call", "Andaman Blue: pilot budget discussion", ("andaman",),
      ("andaman.ploy", "andaman.wanida"), ("linh.demo", "arun.demo"),
      "Company will co-fund; wants costs split by vessel.",
      (F("Send the draft pilot budget to Andaman Blue", "linh.demo", -6),
       F("Share worker-voice app pricing with the COO", "arun.demo", 10))),
    I(15, "meeting", "Kinta Circuitworks: recruitment fee reimbursement plan", ("kinta",),
      ("kinta.mei", "kinta.arjun"),
      follow_ups=(F("Circulate the fee reimbursement calculation", "linh.demo", -2),)),
    I(12, "call", "Safe Passage: monthly coordination call", ("safe_passage",),
      ("safe_passage.mya",),
      follow_ups=(F("Prepare joint referral data for the next call", "linh.demo", 18),)),
    I(10, "meeting", "Orchid Coast: training pilot at two resorts", ("orchid",),
      ("orchid.naree", "orchid.james"), ("arun.demo",),
      follow_ups=(F("Draft the training agenda for the two resorts", "arun.demo", 14),)),
    I(5, "meeting", "SeaTrace Digital: app accessibility review", ("seatrace",), ("seatrace.nok",),
      ("arun.demo",),
      follow_ups=(F("Send accessibility findings in Burmese and Khmer", "arun.demo", 7),)),
]
# fmt: on
