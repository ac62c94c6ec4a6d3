"""Legal forms written in Asian scripts, taken off a name before it is transliterated (since
screening-v4).

Transliterated syllable by syllable, a native form turns into syllables that look like other
forms or name words ("주식회사" became "ju sig hoe sa", and "sa" was read as a Société Anonyme);
so the forms are recognised as written: Chinese 有限公司 / 股份有限公司, Japanese 株式会社 / (株),
Korean 주식회사 / (주), Thai บริษัท ... จำกัด (มหาชน), Lao ບໍລິສັດ ... ຈຳກັດ, Khmer ក្រុមហ៊ុន ...,
Burmese ... ကုမ္ပဏီလီမိတက်.
"""

from __future__ import annotations

import re

from partnerpath.core.matching.legal_form_families import (
    COMPANY,
    COOP,
    NONPROFIT,
    PARTNERSHIP,
    PRIVATE,
    PRIVATE_MARKED,
    PUBLIC,
    STOCK,
)

# (written form, display, family); matched at the start or the end of the name, longest first.
_FORMS: tuple[tuple[str, str, str], ...] = (
    # Chinese (simplified and traditional)
    ("股份有限公司", "股份有限公司 (joint-stock Co., Ltd.)", STOCK),
    ("有限责任公司", "有限责任公司 (LLC)", PRIVATE),
    ("有限責任公司", "有限責任公司 (LLC)", PRIVATE),
    ("有限公司", "有限公司 (Co., Ltd.)", PRIVATE),
    ("股份公司", "股份公司 (joint-stock company)", STOCK),
    ("合伙企业", "合伙企业 (partnership)", PARTNERSHIP),
    ("合夥企業", "合夥企業 (partnership)", PARTNERSHIP),
    ("基金会", "基金会 (foundation)", NONPROFIT),
    ("基金會", "基金會 (foundation)", NONPROFIT),
    # Japanese
    ("株式会社", "株式会社 (K.K.)", STOCK),
    ("(株)", "株式会社 (K.K.)", STOCK),
    ("有限会社", "有限会社 (YK)", PRIVATE_MARKED),
    ("(有)", "有限会社 (YK)", PRIVATE_MARKED),
    ("合同会社", "合同会社 (GK)", PRIVATE_MARKED),
    ("合資会社", "合資会社 (limited partnership)", PARTNERSHIP),
    ("合名会社", "合名会社 (partnership)", PARTNERSHIP),
    ("一般社団法人", "一般社団法人 (association)", NONPROFIT),
    ("一般財団法人", "一般財団法人 (foundation)", NONPROFIT),
    ("公益財団法人", "公益財団法人 (foundation)", NONPROFIT),
    # Korean
    ("주식회사", "주식회사 (stock company)", STOCK),
    ("(주)", "주식회사 (stock company)", STOCK),
    ("유한책임회사", "유한책임회사 (LLC)", PRIVATE_MARKED),
    ("유한회사", "유한회사 (limited company)", PRIVATE_MARKED),
    ("(유)", "유한회사 (limited company)", PRIVATE_MARKED),
    ("합자회사", "합자회사 (limited partnership)", PARTNERSHIP),
    ("합명회사", "합명회사 (partnership)", PARTNERSHIP),
    ("재단법인", "재단법인 (foundation)", NONPROFIT),
    ("사단법인", "사단법인 (association)", NONPROFIT),
    # Thai (ำ is written ํา after NFKC)
    ("บริษัทมหาชนจํากัด", "บริษัท ... จำกัด (มหาชน) (PCL)", PUBLIC),
    ("จํากัด(มหาชน)", "บริษัท ... จำกัด (มหาชน) (PCL)", PUBLIC),
    ("จํากัด (มหาชน)", "บริษัท ... จำกัด (มหาชน) (PCL)", PUBLIC),
    ("บมจ.", "บริษัท ... จำกัด (มหาชน) (PCL)", PUBLIC),
    ("บจก.", "บริษัท ... จำกัด (Co., Ltd.)", PRIVATE),
    ("ห้างหุ้นส่วนจํากัด", "ห้างหุ้นส่วนจำกัด (limited partnership)", PARTNERSHIP),
    ("หจก.", "ห้างหุ้นส่วนจำกัด (limited partnership)", PARTNERSHIP),
    ("ห้างหุ้นส่วนสามัญนิติบุคคล", "ห้างหุ้นส่วนสามัญ (partnership)", PARTNERSHIP),
    ("ห้างหุ้นส่วนสามัญ", "ห้างหุ้นส่วนสามัญ (partnership)", PARTNERSHIP),
    ("มูลนิธิ", "มูลนิธิ (foundation)", NONPROFIT),
    ("สมาคม", "สมาคม (association)", NONPROFIT),
    ("สหกรณ์", "สหกรณ์ (cooperative)", COOP),
    ("จํากัด", "บริษัท ... จำกัด (Co., Ltd.)", PRIVATE),
    ("บริษัท", "บริษัท (company)", COMPANY),
    # Lao
    ("ຈໍາກັດຜູ້ດຽວ", "ຈຳກັດຜູ້ດຽວ (sole Co., Ltd.)", PRIVATE),
    ("ມະຫາຊົນ", "ມະຫາຊົນ (public company)", PUBLIC),
    ("ຈໍາກັດ", "ຈຳກັດ (Co., Ltd.)", PRIVATE),
    ("ບໍລິສັດ", "ບໍລິສັດ (company)", COMPANY),
    # Khmer
    ("ឯកជនទទួលខុសត្រូវមានកម្រិត", "ឯ.ក (private limited company)", PRIVATE),
    ("ទទួលខុសត្រូវមានកម្រិត", "ទទួលខុសត្រូវមានកម្រិត (limited liability)", PRIVATE),
    ("ឯ.ក", "ឯ.ក (private limited company)", PRIVATE),
    ("មហាជនទទួលខុសត្រូវមានកម្រិត", "ម.ក (public limited company)", PUBLIC),
    ("ម.ក", "ម.ក (public limited company)", PUBLIC),
    ("ក្រុមហ៊ុន", "ក្រុមហ៊ុន (company)", COMPANY),
    # Burmese
    ("အများနှင့်သက်ဆိုင်သောကုမ္ပဏီလီမိတက်", "public company limited", PUBLIC),
    ("ကုမ္ပဏီလီမိတက်", "ကုမ္ပဏီလီမိတက် (Co., Ltd.)", PRIVATE),
    ("လီမိတက်", "လီမိတက် (Ltd)", PRIVATE),
    ("ကုမ္ပဏီ", "ကုမ္ပဏီ (company)", COMPANY),
)
_BY_TEXT = {text: (display, family) for text, display, family in _FORMS}
_ALTERNATION = "|".join(re.escape(t) for t, _, _ in sorted(_FORMS, key=lambda f: -len(f[0])))
_HEAD = re.compile(r"^[\s(\[]*(" + _ALTERNATION + r")[\s)\].,]*")
_TAIL = re.compile(r"[\s(\[]*(" + _ALTERNATION + r")[\s)\].,]*$")
_HAS_NATIVE = re.compile(r"[^\x00-\u024f]")


def strip_native_forms(name: str) -> tuple[str, list[str], set[str]]:
    """The name without the legal forms written in its own script, their display forms and
    families; a form is only taken off while some of the name stays."""
    displays: list[str] = []
    families: set[str] = set()
    if not _HAS_NATIVE.search(name):
        return name, displays, families
    changed = True
    while changed:
        changed = False
        for pattern in (_TAIL, _HEAD):
            match = pattern.search(name)
            if match is None:
                continue
            rest = name[: match.start()] + name[match.end() :]
            if not rest.strip(" ()[].,"):
                continue
            display, family = _BY_TEXT[match.group(1)]
            if display not in displays:
                displays.append(display)
            families.add(family)
            name = rest
            changed = True
    if len(displays) > 1:  # "บริษัท ... จำกัด": the company word adds nothing to the form
        displays = [d for d in displays if not d.endswith("(company)")]
    return name.strip(), displays, families
