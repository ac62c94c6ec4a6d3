"""The demo programme's risk protocol, referral contacts and named goods (all fictional)."""

from __future__ import annotations

PROTOCOL = {
    "who_is_told": (
        "The PSE lead and the programme director on the same day; the donor's agreement officer "
        "within 48 hours, without names of workers; the company partner's named point-person only "
        "when the worker agrees and telling them cannot put anyone at risk."
    ),
    "do_no_harm": (
        "No worker is named to an employer or recruiter without their informed consent. No raid, "
        "audit or media action is triggered by the programme. Survivors choose whether to take "
        "part in any activity. Staff never carry identity documents or cash for workers."
    ),
    "confidentiality": (
        "Case details are kept only in incident notes, readable by the admin and the PSE lead. "
        "Reports to partners and the donor use numbers, never names."
    ),
}

REFERRAL_CONTACTS = [
    {
        "name": "Harbour Light 24-hour hotline",
        "organisation_name": "Harbour Light Foundation (fictional)",
        "phone": "+66 2 000 0101",
        "email": "hotline@harbourlight.example.org",
        "handles": "First contact with workers at sea or in ports; shelter places; interpreters "
        "for Burmese and Khmer.",
        "hours": "Any time",
    },
    {
        "name": "Labour inspection desk",
        "organisation_name": "National Labour Protection Ministry (fictional)",
        "phone": "+66 2 000 0202",
        "email": "inspection@labour.example.org",
        "handles": "Wage withholding, passport retention, excessive overtime complaints.",
        "hours": "Weekdays 08:30-16:30",
    },
    {
        "name": "Safe Passage case workers",
        "organisation_name": "Safe Passage Network (fictional)",
        "phone": "+855 23 000 303",
        "email": "cases@safepassage.example.org",
        "handles": "Return and reintegration of survivors to Cambodia and Lao PDR.",
        "hours": "Weekdays, urgent cases any time",
    },
]

STEPS = [
    (
        "Make sure the worker is safe now; call the hotline if anyone is in danger.",
        "Whoever learns of it",
        "at once",
    ),
    (
        "Record the case as an incident note (facts only, no speculation).",
        "PSE lead",
        "within 24 hours",
    ),
    (
        "Refer the worker, with their consent, to the right referral contact.",
        "PSE lead",
        "within 24 hours",
    ),
    (
        "Tell the programme director and decide whether the partnership pauses.",
        "PSE lead",
        "within 48 hours",
    ),
    (
        "Inform the donor without names; agree what the company partner is told.",
        "Programme director",
        "within 48 hours",
    ),
    (
        "Review what the partnership changes so that it does not happen again.",
        "Steering group",
        "within 30 days",
    ),
]

# Goods named on organisations' risk pages, by the organisation's demo key.
GOODS = {
    "andaman": "Shrimp\nFish",
    "borneo": "Palm oil",
}
