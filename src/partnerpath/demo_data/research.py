"""Desk research on demo organisations: policies, key individuals and sources. All fictional;
every address is on example.com or example.org."""

from __future__ import annotations

from typing import NamedTuple


class PolicySpec(NamedTuple):
    """A published policy or statement."""

    kind: str
    title: str
    year: int | None
    url: str


class PersonSpec(NamedTuple):
    """A key individual: owner, director or manager."""

    name: str
    role: str
    nationality: str
    born: str = ""  # ISO date, optional


class SourceSpec(NamedTuple):
    """Where a fact comes from, read ``accessed_days_ago`` days before loading."""

    field: str
    title: str
    url: str
    accessed_days_ago: int
    quote: str = ""


_AB = "https://example.com/andaman-blue"

POLICIES: dict[str, list[PolicySpec]] = {
    "andaman": [
        PolicySpec(
            "modern_slavery",
            "Modern Slavery Statement FY2024",
            2024,
            f"{_AB}/modern-slavery-statement-2024.pdf",
        ),
        PolicySpec(
            "modern_slavery",
            "Modern Slavery Statement FY2023",
            2023,
            f"{_AB}/modern-slavery-statement-2023.pdf",
        ),
        PolicySpec("human_rights", "Group Human Rights Policy", 2022, f"{_AB}/human-rights-policy"),
        PolicySpec("supplier_code", "Supplier Code of Conduct", 2023, f"{_AB}/supplier-code"),
        PolicySpec("recruitment", "Employer-Pays Recruitment Policy", 2023, f"{_AB}/recruitment"),
    ],
    "andaman_proc": [PolicySpec("code_of_conduct", "Plant Code of Conduct", 2021, "")],
    "borneo": [
        PolicySpec(
            "human_rights",
            "Human Rights and Labour Policy",
            2023,
            "https://example.com/borneo-green-palm/human-rights-policy",
        ),
        PolicySpec(
            "modern_slavery",
            "Modern Slavery Statement 2024",
            2024,
            "https://example.com/borneo-green-palm/msa-2024.pdf",
        ),
    ],
    "kinta": [
        PolicySpec(
            "modern_slavery",
            "Modern Slavery and Human Trafficking Statement",
            2023,
            "https://example.com/kinta-circuitworks/modern-slavery-2023.pdf",
        ),
        PolicySpec(
            "recruitment",
            "Zero Recruitment Fees Policy",
            2024,
            "https://example.com/kinta-circuitworks/zero-fees",
        ),
    ],
    "silkthread": [
        PolicySpec(
            "supplier_code",
            "Supplier Standards Manual",
            2022,
            "https://example.org/silkthread/supplier-standards.pdf",
        ),
        PolicySpec("code_of_conduct", "Employee Code of Conduct", 2020, ""),
    ],
    "songhong": [PolicySpec("code_of_conduct", "Workplace Rules", 2019, "")],
    "orchid": [
        PolicySpec(
            "human_rights",
            "Human Rights Commitment",
            2024,
            "https://example.com/orchid-coast/human-rights",
        ),
    ],
    "tonle": [PolicySpec("code_of_conduct", "Draft Sub-contractor Code (not published)", 2025, "")],
    "homecare": [PolicySpec("recruitment", "Service Fee Schedule", 2022, "")],
    "assoc": [
        PolicySpec(
            "other",
            "Code of Good Labour Practice",
            2021,
            "https://example.org/mekong-seafood-processors/code",
        ),
    ],
    "seatrace": [
        PolicySpec(
            "other",
            "Worker Data Protection Policy",
            2025,
            "https://example.com/seatrace-digital/privacy",
        ),
    ],
}

KEY_INDIVIDUALS: dict[str, list[PersonSpec]] = {
    "andaman": [
        PersonSpec("Somchai Vorapongsa", "Chairman and founder", "TH", "1951-04-02"),
        PersonSpec("Ratana Vorapongsa", "Chief Executive Officer", "TH", "1979-09-18"),
        PersonSpec("Hiroshi Tanabe", "Independent director", "JP"),
    ],
    "andaman_proc": [
        PersonSpec("Ratana Vorapongsa", "Director", "TH", "1979-09-18"),
        PersonSpec("Chaiwat Meesuk", "Plant Managing Director", "TH"),
    ],
    "andaman_fleet": [PersonSpec("Suthep Kongkaew", "Managing Director", "TH")],
    "andaman_vn": [PersonSpec("Le Quang Dung", "General Director", "VN")],
    "cuulong": [PersonSpec("Pham Van Tai", "Owner and Chairman", "VN")],
    "borneo": [
        PersonSpec("Harun Abdul Latiff", "Executive Chairman", "MY", "1956-11-30"),
        PersonSpec("Grace Lingam", "Chief Sustainability Officer", "MY"),
    ],
    "kinta": [
        PersonSpec("Yong Kah Wai", "Managing Director", "MY"),
        PersonSpec("Kenji Morimoto", "Non-executive director", "JP"),
    ],
    "silkthread": [PersonSpec("Chen Wei Ling", "Managing Director", "CN")],
    "tonle": [PersonSpec("Heng Sopheap", "Founder and Chairman", "KH")],
    "lanna": [PersonSpec("Prasit Kittikhun", "President", "TH")],
    "golden_lotus": [PersonSpec("Bopha Sok", "Owner and Managing Director", "KH")],
    "orchid": [PersonSpec("Anchalee Siriwat", "Chief Executive Officer", "TH")],
    "irrawaddy": [PersonSpec("Aung Ko Min", "Managing Director", "MM")],
}

SOURCES: dict[str, list[SourceSpec]] = {
    "andaman": [
        SourceSpec(
            "policies",
            "Andaman Blue: Modern Slavery Statement FY2024",
            f"{_AB}/modern-slavery-statement-2024.pdf",
            40,
            "We have mapped our tier-one vessels and found recruitment fees on three.",
        ),
        SourceSpec(
            "reputation",
            "Fictional NGO report: Wages at Sea (2021)",
            "https://example.org/reports/wages-at-sea-2021",
            300,
            "Crew on a vessel chartered by the group reported four months of unpaid wages.",
        ),
        SourceSpec(
            "ownership", "Annual report 2024, group structure", f"{_AB}/annual-report-2024.pdf", 120
        ),
        SourceSpec(
            "recruitment_practices",
            "Interview notes, first call with sustainability team",
            "https://example.org/partnerpath-demo/notes/andaman-first-call",
            500,
        ),
    ],
    "andaman_proc": [
        SourceSpec(
            "grievance_mechanisms",
            "Plant hotline poster (photo, site visit)",
            "https://example.org/partnerpath-demo/photos/hotline-poster",
            455,
        ),
    ],
    "cuulong": [
        SourceSpec(
            "labour_supply_chain",
            "Farm visit notes",
            "https://example.org/partnerpath-demo/notes/cuu-long-visit",
            250,
            "Team leaders keep about 10% of the workers' piece-rate pay.",
        ),
    ],
    "borneo": [
        SourceSpec(
            "reputation",
            "Fictional news: buyers pause palm oil purchases",
            "https://example.com/news/buyers-pause-palm-oil-2020",
            215,
        ),
        SourceSpec(
            "ctip_commitment",
            "Borneo Green Palm: remediation fund announcement",
            "https://example.com/borneo-green-palm/news/remediation-fund",
            90,
        ),
    ],
    "kinta": [
        SourceSpec(
            "recruitment_practices",
            "Kinta Circuitworks: Zero Recruitment Fees Policy",
            "https://example.com/kinta-circuitworks/zero-fees",
            30,
        ),
        SourceSpec(
            "reputation",
            "Customer audit summary shared by Kinta (2022)",
            "https://example.org/partnerpath-demo/docs/kinta-audit-summary",
            330,
        ),
    ],
    "lanna": [
        SourceSpec(
            "reputation",
            "Fictional news: crowded camps on city building sites",
            "https://example.com/news/workers-camps-2024",
            150,
        ),
    ],
    "orchid": [
        SourceSpec(
            "policies",
            "Orchid Coast: Human Rights Commitment",
            "https://example.com/orchid-coast/human-rights",
            20,
        ),
    ],
    "silkthread": [
        SourceSpec(
            "labour_supply_chain",
            "Brand audit report extract",
            "https://example.org/partnerpath-demo/docs/silkthread-audit",
            265,
        ),
    ],
    "golden_lotus": [
        SourceSpec(
            "reputation",
            "Complaint file reviewed with Safe Passage",
            "https://example.org/partnerpath-demo/docs/golden-lotus-complaint",
            100,
        ),
    ],
    "assoc": [
        SourceSpec(
            "values",
            "Code of Good Labour Practice",
            "https://example.org/mekong-seafood-processors/code",
            520,
        ),
    ],
    "seatrace": [
        SourceSpec(
            "products_services",
            "SeaTrace Digital product page",
            "https://example.com/seatrace-digital/product",
            345,
        ),
    ],
}
