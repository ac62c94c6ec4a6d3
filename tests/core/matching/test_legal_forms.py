"""Case tables for the legal forms of screening-v4: per jurisdiction and script, and which kinds
of company can be the same legal person."""

from __future__ import annotations

import pytest

from partnerpath.core.matching.entities import Schema
from partnerpath.core.matching.legal_forms import (
    COMPANY,
    LIMITED,
    PARTNERSHIP,
    PRIVATE,
    PRIVATE_MARKED,
    PUBLIC,
    STOCK,
    families_conflict,
)
from partnerpath.core.matching.normalise import normalise_name

# (name, the words left, a display form the name must carry)
FORMS = [
    # Thailand
    ("Thai Union Group Public Company Limited", ("thai", "union", "group"), "PCL"),
    ("Borisat Siam Cement Chamkat Mahachon", ("siam", "cement"), "PCL"),
    ("บริษัท ไทยยูเนี่ยน กรุ๊ป จำกัด (มหาชน)", ("thaiyunian", "krup"), "(PCL)"),
    ("บริษัท สยามไรซ์ จำกัด", ("sayamrai",), "(Co., Ltd.)"),
    ("ห้างหุ้นส่วนจำกัด สยามไรซ์", ("sayamrai",), "limited partnership"),
    # Vietnam
    ("Công ty TNHH Thủy sản Phương Nam", ("thuy", "san", "phuong", "nam"), "TNHH (Co., Ltd.)"),
    ("Công ty Cổ phần Hoà Phát", ("hoa", "phat"), "CP (JSC)"),
    ("CTCP Dau Tu Thanh Cong", ("dau", "tu", "thanh", "cong"), "CP (JSC)"),
    ("Cong ty TNHH Mot Thanh Vien Sao Bien", ("sao", "bien"), "TNHH MTV (single-member LLC)"),
    ("Sao Bien One Member Co Ltd", ("sao", "bien"), "single-member Co., Ltd."),
    ("Hoa Phat Joint Stock Corporation", ("hoa", "phat"), "JSC"),
    ("Hop Tac Xa Binh Minh", ("binh", "minh"), "HTX (cooperative)"),
    # Indonesia, Malaysia, Singapore, India, Philippines
    ("PT Astra International Tbk", ("astra", "international"), "Tbk"),
    ("Yayasan Maju Bersama", ("maju", "bersama"), "Yayasan (foundation)"),
    ("Koperasi Sejahtera Makmur", ("sejahtera", "makmur"), "Koperasi (cooperative)"),
    ("Cahaya Timur PLT", ("cahaya", "timur"), "PLT (LLP)"),
    ("Top Glove Sendirian Berhad", ("top", "glove"), "Sdn Bhd"),
    (
        "Pacific International Lines (Private) Limited",
        ("pacific", "international", "lines"),
        "Pvt Ltd",
    ),
    ("Infosys (P) Ltd", ("infosys",), "Pvt Ltd"),
    ("Wilmar International Pte. Ltd.", ("wilmar", "international"), "Pte Ltd"),
    ("Aboitiz Equity Ventures, Inc.", ("aboitiz", "equity", "ventures"), "Inc"),
    # China, Japan, Korea: in their scripts and romanised
    ("华为技术有限公司", ("hua", "wei", "ji", "shu"), "有限公司 (Co., Ltd.)"),
    (
        "中国石油天然气股份有限公司",
        ("zhong", "guo", "shi", "you", "tian", "ran", "qi"),
        "股份有限公司",
    ),
    ("Shenzhen Xinda Maoyi Youxian Gongsi", ("shenzhen", "xinda", "maoyi"), "Youxian Gongsi"),
    ("トヨタ自動車株式会社", ("toyota", "zi", "dong", "che"), "株式会社 (K.K.)"),
    ("㈱丸紅", ("wan", "hong"), "株式会社 (K.K.)"),
    ("Yamato Shoji Godo Kaisha", ("yamato", "shoji"), "GK"),
    ("삼성전자 주식회사", ("sam", "seong", "jeon", "ja"), "주식회사 (stock company)"),
    ("㈜한화", ("han", "hwa"), "주식회사 (stock company)"),
    ("Samsung Electronics 주식회사", ("samsung", "electronics"), "주식회사 (stock company)"),
    ("Tae Kwang Trading Yuhan Hoesa", ("tae", "kwang", "trading"), "Yuhan Hoesa (limited company)"),
    # Cambodia, Myanmar
    ("ACLEDA Bank Plc.", ("acleda", "bank"), "PLC"),
    ("ក្រុមហ៊ុន អង្គរ ឯ.ក", ("angkor",), "ឯ.ក (private limited company)"),
    ("မြန်မာ ကုမ္ပဏီလီမိတက်", ("myan", "ma"), "ကုမ္ပဏီလီမိတက် (Co., Ltd.)"),
]


@pytest.mark.parametrize(("name", "tokens", "form"), FORMS)
def test_it_takes_asian_legal_forms_off_company_names(
    name: str, tokens: tuple[str, ...], form: str
) -> None:
    result = normalise_name(name, Schema.COMPANY)
    assert result.tokens == tokens
    assert any(form in shown for shown in result.legal_forms), result.legal_forms


@pytest.mark.parametrize("name", ["삼성전자 주식회사", "대한항공사", "华为技术有限公司"])
def test_syllables_of_a_native_name_are_never_read_as_latin_legal_forms(name: str) -> None:
    # 주식회사 became "ju sig hoe sa" and "sa" was read as a Société Anonyme before screening-v4
    assert "SA" not in normalise_name(name, Schema.COMPANY).legal_forms


@pytest.mark.parametrize(
    ("left", "right", "conflict"),
    [
        ({PRIVATE_MARKED}, {LIMITED}, True),  # Pvt/Pte/Pty Ltd vs a bare Ltd: private vs public
        ({PRIVATE_MARKED}, {PRIVATE}, False),  # Pvt Ltd vs Co., Ltd.
        ({LIMITED}, {PRIVATE}, False),  # Ltd vs Co., Ltd.
        ({STOCK}, {PRIVATE}, False),  # 株式会社 vs Co., Ltd.
        ({STOCK}, {LIMITED}, False),  # K.K. vs Ltd. (Hitachi, Ltd.)
        ({STOCK}, {PRIVATE_MARKED}, True),  # K.K. vs G.K.
        ({PRIVATE}, {PUBLIC}, True),  # Co., Ltd. vs PCL; TNHH vs CP
        ({COMPANY}, {PUBLIC}, False),  # PT vs Tbk
        ({COMPANY}, {PARTNERSHIP}, True),  # PT vs CV
        ({COMPANY, PRIVATE}, {COMPANY, PUBLIC}, True),  # บริษัท ... จำกัด vs ... (มหาชน)
    ],
)
def test_the_jurisdiction_decides_which_legal_forms_conflict(
    left: set[str], right: set[str], conflict: bool
) -> None:
    assert families_conflict(frozenset(left), frozenset(right), edition=2) is conflict


def test_screening_v3_legal_forms_stay_as_they_were() -> None:
    # edition 1 had one private family for Pvt Ltd and Ltd alike
    left = normalise_name("Tata Steel Pvt Ltd", Schema.COMPANY, 1)
    right = normalise_name("Tata Steel Ltd", Schema.COMPANY, 1)
    assert not families_conflict(left.families, right.families, edition=1)
