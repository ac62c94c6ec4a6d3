"""Demo stakeholders: an industry association, two NGOs, a labour ministry and a trade union;
plus the ownership and supply links between demo organisations. All fictional."""

from __future__ import annotations

from typing import Any

STAKEHOLDERS: list[dict[str, Any]] = [
    {
        "key": "assoc",
        "name": "Mekong Seafood Processors Association",
        "kind": "association",
        "hq_country": "TH",
        "countries_of_operation": ["TH", "VN", "KH"],
        "sectors": ["fisheries", "food_processing"],
        "size": "small",
        "employees": 14,
        "products_services": "Represents 60 processors; runs a labour standards working group.",
        "business_model": "Membership fees; trade fairs; advocacy with ministries.",
        "values": "Code of Good Labour Practice for members (2021).",
        "ctip_commitment": "Board agreed to host an industry-wide worker-voice pilot if one "
        "member goes first.",
    },
    {
        "key": "safe_passage",
        "name": "Safe Passage Migrant Workers Network",
        "kind": "ngo",
        "hq_country": "TH",
        "countries_of_operation": ["TH", "MM", "KH"],
        "sectors": ["civil_society", "recruitment"],
        "size": "small",
        "employees": 32,
        "products_services": "Legal aid, drop-in centres and a hotline for migrant workers.",
        "values": "Worker-led; independent of companies' funding for casework.",
        "ctip_commitment": "Refers trafficking cases to shelters and the police.",
    },
    {
        "key": "harbour",
        "name": "Harbour Light Foundation",
        "kind": "ngo",
        "hq_country": "KH",
        "countries_of_operation": ["KH"],
        "sectors": ["civil_society", "health"],
        "size": "small",
        "employees": 45,
        "products_services": "Shelter, counselling and job training for survivors of trafficking.",
        "ctip_commitment": "Would take company donations in kind; no casework data shared.",
    },
    {
        "key": "ministry",
        "name": "National Labour Protection Ministry (fictional)",
        "kind": "government",
        "hq_country": "TH",
        "countries_of_operation": ["TH"],
        "sectors": ["public"],
        "size": "very_large",
        "products_services": "Labour inspection, work permits and the migrant worker registry.",
        "ctip_commitment": "Wants industry data to target inspections of fishing vessels.",
        "checkin_every_days": 120,
    },
    {
        "key": "union",
        "name": "Federation of Fishers and Seafood Workers",
        "kind": "union",
        "hq_country": "TH",
        "countries_of_operation": ["TH"],
        "sectors": ["fisheries", "civil_society"],
        "size": "small",
        "employees": 20,
        "products_services": "Organises fishers and processing workers, Thai and migrant.",
        "values": "Freedom of association for migrant workers; worker-driven monitoring.",
        "ctip_commitment": "Migrant workers' desk handles forced-labour complaints.",
    },
]

# (from, kind, to, note): read "from <kind> to", as OrganisationLink does.
LINKS: list[tuple[str, str, str, str]] = [
    ("andaman", "parent_of", "andaman_proc", "100% owned"),
    ("andaman", "parent_of", "andaman_fleet", "100% owned"),
    ("andaman", "parent_of", "andaman_vn", "75% owned; 25% held by a local partner"),
    ("cuulong", "supplier_of", "andaman", "about 15% of its shrimp"),
    ("andaman", "member_of", "assoc", "board seat"),
    ("andaman_proc", "member_of", "assoc", ""),
    ("songhong", "affiliate_of", "silkthread", "shared investor"),
    ("golden_lotus", "supplier_of", "homecare", "sends Cambodian domestic workers"),
    ("seatrace", "supplier_of", "andaman", "app trial on two vessels"),
]
