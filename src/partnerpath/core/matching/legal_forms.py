"""Legal forms of companies across jurisdictions, with the family each belongs to.

Our own table covers the forms screening teams meet in Asia and the common western ones, each mapped
to a display form and a *family* (private limited, public/joint-stock, partnership, non-profit,
...). The long tail of the world's forms comes from OpenSanctions' ``rigour`` data
(``org_types.yml``), whose generic classes we map onto the same families.

Two editions: edition 1 (screening-v1 to -v3) and edition 2 (screening-v4), which adds the forms
of ``legal_forms_asia`` and tells apart forms whose kind depends on the jurisdiction: a bare
"Limited" is a private company in the UK or Hong Kong but a *public* one wherever private
companies must say so ("Pvt Ltd" in India, "Pte Ltd" in Singapore, "Pty Ltd" in Australia), so
"Pvt Ltd" and "Ltd" are different kinds of company; a Japanese or Korean stock company
(株式会社, 주식회사) writes itself "Co., Ltd.", "Corporation" or "Inc." in English, so those are
compatible with it.
"""

from __future__ import annotations

from functools import lru_cache

from rigour.names import extract_org_types

from partnerpath.core.matching.legal_form_families import (
    BANK,
    COMPANY,
    COMPATIBLE,
    COOP,
    CORP,
    FAMILY_TEXT,
    LIMITED,
    NONPROFIT,
    PARTNERSHIP,
    PRIVATE,
    PRIVATE_MARKED,
    PUBLIC,
    SOFT_FAMILIES,
    SOLE,
    STATE,
    STOCK,
    TRUST,
    UNKNOWN,
)
from partnerpath.core.matching.legal_forms_asia import ASIAN_EDGE_ONLY, ASIAN_FORMS

# (folded token sequence, display form, family). Sequences are in folded form (lower case ASCII, no
# punctuation; dotted abbreviations are already joined, so "p.l.c." is "plc").
_TABLE: tuple[tuple[str, str, str], ...] = (
    # Thailand
    ("public company limited", "PCL", PUBLIC),
    ("public co ltd", "PCL", PUBLIC),
    ("public co limited", "PCL", PUBLIC),
    ("public company ltd", "PCL", PUBLIC),
    ("pcl", "PCL", PUBLIC),
    ("borisat mahachon chamkat", "PCL", PUBLIC),
    ("borisat chamkat", "Co., Ltd.", PRIVATE),
    # Co., Ltd. (China, Japan, Korea, Thailand, Vietnam, Taiwan ...)
    ("company limited", "Co., Ltd.", PRIVATE),
    ("company ltd", "Co., Ltd.", PRIVATE),
    ("co limited", "Co., Ltd.", PRIVATE),
    ("co ltd", "Co., Ltd.", PRIVATE),
    ("coltd", "Co., Ltd.", PRIVATE),
    ("cong ty tnhh", "Co., Ltd.", PRIVATE),
    ("tnhh", "Co., Ltd.", PRIVATE),
    ("cong ty co phan", "JSC", PUBLIC),
    ("yugen kaisha", "YK", PRIVATE),
    ("godo kaisha", "GK", PRIVATE),
    ("kabushiki kaisha", "K.K.", PUBLIC),
    ("kabushiki gaisha", "K.K.", PUBLIC),
    ("kk", "K.K.", PUBLIC),
    ("chusik hoesa", "Co., Ltd.", PUBLIC),
    ("jusik hoesa", "Co., Ltd.", PUBLIC),
    ("youxian gongsi", "Co., Ltd.", PRIVATE),
    ("gufen youxian gongsi", "Co., Ltd.", PUBLIC),
    # Indonesia
    ("perseroan terbatas terbuka", "PT Tbk", PUBLIC),
    ("perseroan terbatas", "PT", UNKNOWN),
    ("pt persero tbk", "PT Tbk", PUBLIC),
    ("persero tbk", "PT Tbk", PUBLIC),
    ("pt tbk", "PT Tbk", PUBLIC),
    ("tbk", "Tbk", PUBLIC),
    ("terbuka", "Tbk", PUBLIC),
    ("persero", "Persero", STATE),
    ("pt", "PT", UNKNOWN),
    ("cv", "CV", PARTNERSHIP),
    # Malaysia, Brunei
    ("sendirian berhad", "Sdn Bhd", PRIVATE),
    ("sdn bhd", "Sdn Bhd", PRIVATE),
    ("sdnbhd", "Sdn Bhd", PRIVATE),
    ("berhad", "Bhd", PUBLIC),
    ("bhd", "Bhd", PUBLIC),
    # India, Pakistan, Bangladesh, Sri Lanka, Nepal
    ("private limited company", "Pvt Ltd", PRIVATE),
    ("private limited", "Pvt Ltd", PRIVATE),
    ("private ltd", "Pvt Ltd", PRIVATE),
    ("pvt limited", "Pvt Ltd", PRIVATE),
    ("pvt ltd", "Pvt Ltd", PRIVATE),
    ("pvt", "Pvt Ltd", PRIVATE),
    ("pte limited", "Pte Ltd", PRIVATE),
    ("pte ltd", "Pte Ltd", PRIVATE),
    ("pte", "Pte Ltd", PRIVATE),
    ("pty limited", "Pty Ltd", PRIVATE),
    ("pty ltd", "Pty Ltd", PRIVATE),
    ("pty", "Pty Ltd", PRIVATE),
    ("opc", "OPC", PRIVATE),
    ("llp", "LLP", PARTNERSHIP),
    # Philippines, Hong Kong, Singapore, UK and common law
    ("public limited company", "PLC", PUBLIC),
    ("plc", "PLC", PUBLIC),
    ("limited liability company", "LLC", PRIVATE),
    ("limited liability partnership", "LLP", PARTNERSHIP),
    ("limited partnership", "LP", PARTNERSHIP),
    ("llc", "LLC", PRIVATE),
    ("lp", "LP", PARTNERSHIP),
    ("limited", "Ltd", PRIVATE),
    ("ltd", "Ltd", PRIVATE),
    ("incorporated", "Inc", CORP),
    ("inc", "Inc", CORP),
    ("corporation", "Corp", CORP),
    ("corp", "Corp", CORP),
    # Russia and the former Soviet Union
    ("open joint stock company", "OJSC", PUBLIC),
    ("closed joint stock company", "CJSC", PUBLIC),
    ("public joint stock company", "PJSC", PUBLIC),
    ("joint stock company", "JSC", PUBLIC),
    ("jointstock company", "JSC", PUBLIC),
    ("joint stock co", "JSC", PUBLIC),
    ("jsc", "JSC", PUBLIC),
    ("ojsc", "OJSC", PUBLIC),
    ("cjsc", "CJSC", PUBLIC),
    ("pjsc", "PJSC", PUBLIC),
    ("oao", "OJSC", PUBLIC),
    ("zao", "CJSC", PUBLIC),
    ("pao", "PJSC", PUBLIC),
    ("ao", "JSC", PUBLIC),
    ("ooo", "OOO", PRIVATE),
    ("obshchestvo s ogranichennoi otvetstvennostyu", "OOO", PRIVATE),
    ("obshchestvo s ogranichennoy otvetstvennostyu", "OOO", PRIVATE),
    ("tovarishchestvo s ogranichennoi otvetstvennostyu", "TOO", PRIVATE),
    ("publichnoe aktsionernoe obshchestvo", "PJSC", PUBLIC),
    ("otkrytoe aktsionernoe obshchestvo", "OJSC", PUBLIC),
    ("zakrytoe aktsionernoe obshchestvo", "CJSC", PUBLIC),
    ("aktsionernoe obshchestvo", "JSC", PUBLIC),
    ("too", "TOO", PRIVATE),
    ("ano", "ANO", NONPROFIT),
    ("fgup", "FGUP", STATE),
    ("gup", "GUP", STATE),
    ("mup", "MUP", STATE),
    # Europe
    ("aktiengesellschaft", "AG", PUBLIC),
    ("ag", "AG", PUBLIC),
    ("gesellschaft mit beschrankter haftung", "GmbH", PRIVATE),
    ("gmbh", "GmbH", PRIVATE),
    ("kommanditgesellschaft", "KG", PARTNERSHIP),
    ("gmbh co kg", "GmbH & Co. KG", PARTNERSHIP),
    ("kg", "KG", PARTNERSHIP),
    ("ev", "e.V.", NONPROFIT),
    ("societe anonyme", "SA", PUBLIC),
    ("sociedad anonima", "SA", PUBLIC),
    ("sa de cv", "SA de CV", PUBLIC),
    ("sa", "SA", PUBLIC),
    ("sas", "SAS", PRIVATE),
    ("sarl", "SARL", PRIVATE),
    ("sl", "SL", PRIVATE),
    ("srl", "SRL", PRIVATE),
    ("spa", "SpA", PUBLIC),
    ("societatea cu raspundere limitata", "SRL", PRIVATE),
    ("sp z oo", "Sp. z o.o.", PRIVATE),
    ("spzoo", "Sp. z o.o.", PRIVATE),
    ("bv", "BV", PRIVATE),
    ("bvba", "BVBA", PRIVATE),
    ("nv", "NV", PUBLIC),
    ("ab", "AB", PUBLIC),
    ("as", "AS", PUBLIC),
    ("asa", "ASA", PUBLIC),
    ("oy", "Oy", PRIVATE),
    ("oyj", "Oyj", PUBLIC),
    ("aps", "ApS", PRIVATE),
    ("se", "SE", PUBLIC),
    ("as", "A/S", PUBLIC),
    ("na", "N.A.", BANK),
)

_RIGOUR_FAMILY = {
    "llc": PRIVATE,
    "jsc": PUBLIC,
    "lp": PARTNERSHIP,
    "gp": PARTNERSHIP,
    "llp": PARTNERSHIP,
    "ngo": NONPROFIT,
    "soe": STATE,
    "coop": COOP,
    "sp": SOLE,
    "fin": BANK,
}

# token sequence -> (display, family), and the longest sequence length; edition 1.
LEGAL_FORMS: dict[tuple[str, ...], tuple[str, str]] = {}
for _seq, _display, _family in _TABLE:
    LEGAL_FORMS.setdefault(tuple(_seq.split()), (_display, _family))
# Edition 2: the Asian forms added, and the families that depend on the jurisdiction.
LEGAL_FORMS_V2: dict[tuple[str, ...], tuple[str, str]] = dict(LEGAL_FORMS)
for _seq, _display, _family in ASIAN_FORMS:
    LEGAL_FORMS_V2[tuple(_seq.split())] = (_display, _family)
MAX_FORM_TOKENS = max(len(k) for k in LEGAL_FORMS_V2)

# Forms that are also common words or name parts; only treated as a legal form at the start or end.
EDGE_ONLY = frozenset(
    {
        ("sa",),
        ("as",),
        ("ab",),
        ("se",),
        ("sl",),
        ("ao",),
        ("na",),
        ("spa",),
        ("too",),
        ("cv",),
        ("pt",),
        ("ev",),
        ("kk",),
        ("kg",),
        ("oy",),
        ("ano",),
        ("limited",),
        ("corporation",),
    }
)
EDGE_ONLY_V2 = EDGE_ONLY | ASIAN_EDGE_ONLY


@lru_cache(maxsize=65536)
def rigour_family(text: str) -> str | None:
    """The family of a legal form rigour knows and our table does not, or None."""
    found = extract_org_types(text, generic=True)
    for _alias, generic in found:
        family = _RIGOUR_FAMILY.get(generic.lower())
        if family is not None:
            return family
    return None


def families_conflict(left: frozenset[str], right: frozenset[str], edition: int = 1) -> bool:
    """Whether two sets of legal-form families describe different kinds of legal person."""
    hard_left = left - SOFT_FAMILIES
    hard_right = right - SOFT_FAMILIES
    if not hard_left or not hard_right:
        return False
    if edition == 1:
        return not (hard_left & hard_right)
    # "Company" (PT, บริษัท) only says what a more specific form beside it does not.
    hard_left = hard_left - {COMPANY} or hard_left
    hard_right = hard_right - {COMPANY} or hard_right
    return not any(a == b or frozenset((a, b)) in COMPATIBLE for a in hard_left for b in hard_right)


__all__ = [
    "BANK",
    "COMPANY",
    "COOP",
    "CORP",
    "FAMILY_TEXT",
    "LIMITED",
    "NONPROFIT",
    "PARTNERSHIP",
    "PRIVATE",
    "PRIVATE_MARKED",
    "PUBLIC",
    "SOFT_FAMILIES",
    "SOLE",
    "STATE",
    "STOCK",
    "TRUST",
    "UNKNOWN",
]
