"""Controlled vocabularies of the registry."""

from django.db import models


class OrganisationKind(models.TextChoices):
    """What sort of organisation this is."""

    COMPANY = "company", "Company"
    ASSOCIATION = "association", "Industry association"
    NGO = "ngo", "NGO / CSO"
    GOVERNMENT = "government", "Government agency"
    INTERNATIONAL = "international", "International organisation"
    UNION = "union", "Trade union"
    RECRUITMENT = "recruitment", "Recruitment agency"


class Sector(models.TextChoices):
    """Sectors the brief and the ILO name as exposed to forced labour, plus the usual others."""

    AGRICULTURE = "agriculture", "Agriculture"
    FISHERIES = "fisheries", "Fisheries and seafood"
    CONSTRUCTION = "construction", "Construction"
    DOMESTIC_WORK = "domestic_work", "Domestic work"
    HOSPITALITY = "hospitality", "Hospitality and tourism"
    TECHNOLOGY = "technology", "Technology"
    MANUFACTURING = "manufacturing", "Manufacturing"
    ELECTRONICS = "electronics", "Electronics"
    APPAREL = "apparel", "Apparel, textiles and footwear"
    RECRUITMENT = "recruitment", "Recruitment and labour supply"
    MINING = "mining", "Mining and extraction"
    FOOD_PROCESSING = "food_processing", "Food processing"
    RETAIL = "retail", "Retail and consumer goods"
    LOGISTICS = "logistics", "Transport and logistics"
    FINANCE = "finance", "Finance and banking"
    ENERGY = "energy", "Energy"
    HEALTH = "health", "Health and care"
    MEDIA = "media", "Media and telecoms"
    PUBLIC = "public", "Public sector"
    CIVIL_SOCIETY = "civil_society", "Civil society"
    OTHER = "other", "Other"


class Size(models.TextChoices):
    """Headcount bands (roughly the EU/OECD size classes)."""

    UNKNOWN = "", "Unknown"
    MICRO = "micro", "Micro (under 10 staff)"
    SMALL = "small", "Small (10-49)"
    MEDIUM = "medium", "Medium (50-249)"
    LARGE = "large", "Large (250-4,999)"
    VERY_LARGE = "very_large", "Very large (5,000 or more)"


class LinkKind(models.TextChoices):
    """How two organisations are related: read as `from` ... `to`."""

    PARENT_OF = "parent_of", "is the parent company of"
    AFFILIATE_OF = "affiliate_of", "is an affiliate of"
    MEMBER_OF = "member_of", "is a member of"
    SUPPLIER_OF = "supplier_of", "is a supplier of"


class PolicyKind(models.TextChoices):
    """Published commitments looked for in desk research."""

    HUMAN_RIGHTS = "human_rights", "Human-rights policy"
    CODE_OF_CONDUCT = "code_of_conduct", "Code of conduct"
    SUPPLIER_CODE = "supplier_code", "Supplier code of conduct"
    MODERN_SLAVERY = "modern_slavery", "Modern slavery statement"
    RECRUITMENT = "recruitment", "Responsible recruitment policy"
    OTHER = "other", "Other policy"


class Department(models.TextChoices):
    """Where a contact sits in their organisation."""

    SUSTAINABILITY = "sustainability", "Sustainability / CSR"
    LEGAL = "legal", "Legal"
    SOURCING = "sourcing", "Sourcing / procurement"
    HR = "hr", "Human resources"
    OPERATIONS = "operations", "Operations"
    LEADERSHIP = "leadership", "Senior leadership"
    OTHER = "other", "Other"


# Profile facts that a source can back (field name -> label shown).
SOURCED_FIELDS: dict[str, str] = {
    "": "General",
    "name": "Name and identity",
    "hq_country": "Headquarters",
    "countries_of_operation": "Countries of operation",
    "countries_of_sourcing": "Countries of sourcing",
    "sectors": "Sectors",
    "size": "Size",
    "history": "History",
    "products_services": "Products and services",
    "business_model": "Business model and goals",
    "values": "Values",
    "value_chain_scope": "Value-chain scope",
    "competitors": "Competitors",
    "reputation": "Reputation",
    "recruitment_practices": "Recruitment practices",
    "grievance_mechanisms": "Grievance mechanisms",
    "labour_supply_chain": "Labour supply chain",
    "ctip_commitment": "Commitment against trafficking",
    "ownership": "Ownership and affiliates",
    "policies": "Policies",
    "identifiers": "Identifiers",
    "key_individuals": "Key individuals",
}


class ImportKind(models.TextChoices):
    """What a spreadsheet import brings in."""

    ORGANISATIONS = "organisations", "Organisations"
    CONTACTS = "contacts", "Contacts"


class ImportStatus(models.TextChoices):
    """Where an import stands: read and shown, written, or given up without writing anything."""

    PREVIEWED = "previewed", "Previewed"
    COMMITTED = "committed", "Committed"
    FAILED = "failed", "Failed"
