"""Families of legal forms: two names whose forms fall in families that cannot be the same legal
person are different companies (a GmbH and an AG, a Thai Co., Ltd. and a PCL)."""

from __future__ import annotations

# Families. Two names whose legal forms fall in different families are different legal persons.
PRIVATE = "private-limited"
PUBLIC = "public-limited"
CORP = "corporation"
PARTNERSHIP = "partnership"
NONPROFIT = "non-profit"
STATE = "state-owned"
COOP = "cooperative"
SOLE = "sole-proprietor"
TRUST = "trust-or-fund"
BANK = "bank-form"
UNKNOWN = "unspecified"
# Edition 2 (screening-v4).
LIMITED = "limited"  # a bare Ltd: private or public, depending on the jurisdiction
PRIVATE_MARKED = "private-marked"  # Pvt/Pte/Pty Ltd, GK, YK, 유한회사: private by name
STOCK = "stock-company"  # 株式会社 / K.K., 주식회사, 股份有限公司
COMPANY = "company"  # PT, บริษัท: a company, private or public

FAMILY_TEXT = {
    PRIVATE: "private limited company",
    PUBLIC: "public or joint-stock company",
    CORP: "corporation",
    PARTNERSHIP: "partnership",
    NONPROFIT: "non-profit",
    STATE: "state-owned enterprise",
    COOP: "cooperative",
    SOLE: "sole proprietorship",
    TRUST: "trust or fund",
    BANK: "bank",
    UNKNOWN: "company",
    LIMITED: "limited company",
    PRIVATE_MARKED: "private company (where Pvt/Pte/Pty Ltd is written, a bare Ltd is public)",
    STOCK: "stock company",
    COMPANY: "company",
}
# Pairs of different families that can still be the same legal person (edition 2).
COMPATIBLE = frozenset(
    frozenset(pair)
    for pair in (
        (PRIVATE, LIMITED),
        (PRIVATE, PRIVATE_MARKED),
        (PRIVATE, STOCK),
        (LIMITED, STOCK),
        (PUBLIC, STOCK),
        (COMPANY, PRIVATE),
        (COMPANY, PUBLIC),
        (COMPANY, LIMITED),
        (COMPANY, PRIVATE_MARKED),
        (COMPANY, STOCK),
        (COMPANY, STATE),
    )
)

# Families that say little about the legal person: an Inc. may be private or public.
SOFT_FAMILIES = frozenset({CORP, UNKNOWN, BANK})
