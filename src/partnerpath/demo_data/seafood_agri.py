"""Demo companies in seafood, agriculture and food: the parent group with its subsidiaries, a
supplier, plantations and smallholder buyers. All fictional."""

from __future__ import annotations

from typing import Any

SEAFOOD_AND_AGRICULTURE: list[dict[str, Any]] = [
    {
        "key": "andaman",
        "name": "Andaman Blue Seafood Group Public Co., Ltd.",
        "kind": "company",
        "hq_country": "TH",
        "countries_of_operation": ["TH", "VN", "MM"],
        "countries_of_sourcing": ["TH", "VN", "MM", "ID"],
        "sectors": ["fisheries", "food_processing"],
        "size": "very_large",
        "employees": 14500,
        "history": "Family-founded cold-storage business (1987) that grew into a listed seafood "
        "group; bought its fleet-services arm in 2009 and opened a Viet Nam plant in 2019.",
        "products_services": "Frozen and canned tuna, shrimp and surimi for own brands and "
        "private-label customers in Japan, the EU, the UK and Australia.",
        "business_model": "Vertically integrated: chartered and owned vessels, processing plants, "
        "export sales. Goal: double branded sales and win retailer sustainability tenders by 2028.",
        "values": "Publishes 'Responsibly from Sea to Shelf'; stresses quality, family heritage "
        "and community giving in coastal provinces.",
        "value_chain_scope": "Fishing vessels (own and contracted), transhipment, peeling sheds, "
        "processing, cold chain, export.",
        "competitors": "Other large Thai and Vietnamese exporters of canned tuna and shrimp.",
        "reputation": "Retail buyers rate it well on food safety; an NGO report (2021) named a "
        "contracted vessel over unpaid wages. Investors ask about forced-labour risk yearly.",
        "recruitment_practices": "Plant workers hired directly and through two licensed agencies "
        "in Myanmar; employer-pays policy adopted 2023, not yet applied to fishing crews.",
        "grievance_mechanisms": "Hotline in Thai, Burmese and Khmer at the plants; worker welfare "
        "committees; nothing specific for crews at sea.",
        "labour_supply_chain": "Myanmar and Cambodian migrants via MoU channel agencies; crews on "
        "contracted vessels recruited by brokers in port towns.",
        "ctip_commitment": "Modern slavery statement since 2022 (Australian customers); "
        "board-level human-rights committee; open to a worker-voice pilot at sea.",
        "registration_number": "DEMO-0107-551-000123",
        "registration_jurisdiction": "TH",
        "website": "https://example.com/andaman-blue/",
        "checkin_every_days": 60,
    },
    {
        "key": "andaman_proc",
        "name": "Andaman Blue Seafood Processing Co., Ltd.",
        "kind": "company",
        "hq_country": "TH",
        "countries_of_operation": ["TH"],
        "countries_of_sourcing": ["TH", "MM"],
        "sectors": ["fisheries", "food_processing"],
        "size": "very_large",
        "employees": 6200,
        "products_services": "Shrimp peeling, cooking and freezing; tuna loins for the group's "
        "canneries.",
        "business_model": "Wholly owned processing subsidiary; sells only to the parent.",
        "recruitment_practices": "About 70% migrants from Myanmar, hired through two agencies.",
        "grievance_mechanisms": "Hotline and suggestion boxes; welfare committee elected yearly.",
        "labour_supply_chain": "Two Myanmar recruitment agencies; a Thai cleaning contractor.",
        "ctip_commitment": "Follows the group's policies.",
        "registration_jurisdiction": "TH",
        "registration_number": "DEMO-0745-551-000456",
    },
    {
        "key": "andaman_fleet",
        "name": "Andaman Blue Fleet Services Co., Ltd.",
        "kind": "company",
        "hq_country": "TH",
        "countries_of_operation": ["TH", "MM"],
        "sectors": ["fisheries", "logistics"],
        "size": "medium",
        "employees": 180,
        "products_services": "Vessel management, crew placement and transhipment for the group.",
        "business_model": "Cost centre of the group; runs 14 owned and about 40 chartered vessels.",
        "recruitment_practices": "Crews recruited through brokers; contracts held ashore.",
        "grievance_mechanisms": "None known for crews at sea.",
        "labour_supply_chain": "Port-town brokers; some crews from Myanmar and Cambodia.",
        "reputation": "The vessel named in the 2021 NGO report was chartered through this company.",
    },
    {
        "key": "andaman_vn",
        "name": "Andaman Blue Viet Nam Seafood JSC",
        "kind": "company",
        "hq_country": "VN",
        "countries_of_operation": ["VN"],
        "countries_of_sourcing": ["VN"],
        "sectors": ["fisheries", "food_processing"],
        "size": "large",
        "employees": 1400,
        "products_services": "Pangasius and shrimp processing in the Mekong Delta.",
        "business_model": "Opened 2019 to diversify sourcing away from Thai waters.",
        "notes": "Not yet approached: wait until the group-level pilot is agreed.",
    },
    {
        "key": "cuulong",
        "name": "Cuu Long Pearl Aquafoods JSC",
        "kind": "company",
        "hq_country": "VN",
        "countries_of_operation": ["VN"],
        "countries_of_sourcing": ["VN"],
        "sectors": ["fisheries", "agriculture"],
        "size": "medium",
        "employees": 230,
        "products_services": "Farmed shrimp and pre-processing (peeling) for exporters.",
        "business_model": "Supplies Andaman Blue and two Japanese importers; thin margins.",
        "recruitment_practices": "Seasonal workers from nearby provinces, hired by team leaders.",
        "grievance_mechanisms": "Informal: workers go to the team leader or the owner.",
        "labour_supply_chain": "Team leaders recruit and pay workers, taking a share of wages.",
        "ctip_commitment": "None published; owner willing to talk because the buyer asked.",
    },
    {
        "key": "irrawaddy",
        "name": "Irrawaddy Sun Agro Co., Ltd.",
        "kind": "company",
        "hq_country": "MM",
        "countries_of_operation": ["MM"],
        "sectors": ["agriculture"],
        "size": "medium",
        "employees": 400,
        "products_services": "Rice, pulses and sesame for export to Thailand and China.",
        "business_model": "Contract farming with smallholders; owns two mills.",
        "labour_supply_chain": "Day labourers at harvest through village brokers.",
        "notes": "Desk research only; the political situation makes engagement hard.",
    },
    {
        "key": "borneo",
        "name": "Borneo Green Palm Plantations Sdn. Bhd.",
        "kind": "company",
        "hq_country": "MY",
        "countries_of_operation": ["MY", "ID"],
        "countries_of_sourcing": ["MY", "ID"],
        "sectors": ["agriculture"],
        "size": "very_large",
        "employees": 9800,
        "history": "Plantation company founded 1972; estates in Sabah and West Kalimantan.",
        "products_services": "Crude and refined palm oil, palm kernel oil.",
        "business_model": "Estates plus independent smallholder supply; sells to refiners and "
        "consumer-goods brands. Goal: keep access to buyers with deforestation and labour rules.",
        "values": "Sustainability report since 2015; certification of most estates.",
        "reputation": "Buyers suspended purchases in 2020 after reports of passport retention; "
        "resumed after an audit.",
        "recruitment_practices": "Indonesian and Filipino workers via agencies; new policy "
        "bans passport retention and fees (2023).",
        "grievance_mechanisms": "Hotline run by a third party since 2022; union on two estates.",
        "labour_supply_chain": "Agencies in Indonesia and the Philippines; local contractors.",
        "ctip_commitment": "Modern slavery statement for an Australian buyer; remediation fund "
        "for recruitment fees announced 2024.",
        "website": "https://example.com/borneo-green-palm/",
    },
    {
        "key": "nusantara",
        "name": "PT Nusantara Spice Harvest",
        "kind": "company",
        "hq_country": "ID",
        "countries_of_operation": ["ID"],
        "countries_of_sourcing": ["ID"],
        "sectors": ["agriculture", "food_processing"],
        "size": "large",
        "employees": 650,
        "products_services": "Pepper, nutmeg and cloves, cleaned and packed for export.",
        "business_model": "Buys from 12,000 smallholders through collectors; exports to the EU.",
        "recruitment_practices": "Direct hiring at the packing plant; harvest work on farms "
        "is unregulated.",
        "labour_supply_chain": "Collectors and farmer groups; child labour risk at harvest.",
        "ctip_commitment": "Interested because of EU due-diligence rules; no policy yet.",
    },
]
