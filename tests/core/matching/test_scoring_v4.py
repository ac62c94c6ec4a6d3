"""Case tables for screening-v4: siblings and subsidiaries, legal forms decided by jurisdiction,
country and place words, short words, honorifics and names in Asian scripts. The pairs here are
development cases; the held-out set is fixtures/asia_heldout_pairs.csv (test_quality.py)."""

from __future__ import annotations

import pytest

from partnerpath.core.matching.entities import make_entity
from partnerpath.core.matching.scoring import compare, score_pair

# Related but different organisations: a stem with one more word after it, a holding company.
SIBLINGS = [
    ("Andaman Blue Seafood Co Ltd", "Andaman Blue Seafood Processing Co Ltd"),
    ("Korat Rice Export Co., Ltd.", "Korat Rice Export Trading Co., Ltd."),
    ("Myanmar Economic Corporation", "Myanmar Economic Holdings Ltd"),
    ("Trafigura Pte Ltd", "Trafigura Group Pte Ltd"),  # two full legal names: Group counts
    ("Bank Mellat", "BANK MELLI"),  # two typos in a short word that do not sound alike
    ("Toyota Motor Thailand Co., Ltd.", "Toyota Motor Co., Ltd."),  # country unknown
]

SAME_ORGANISATION = [
    ("Thai Union", "Thai Union Group", "", ""),  # a short name against the group's name
    ("Sunrise Garments (Cambodia) Co Ltd", "Sunrise Garments Co Ltd", "kh", ""),
    ("Sunrise Garments (Cambodia) Co Ltd", "Sunrise Garments Co Ltd", "kh", "Cambodia"),
    ("Hangzhou Hikvision Digital Technology Co., Ltd.", "Hikvision Digital Technology", "", ""),
    ("China Baowu Steel Group Corporation Limited", "China Baowei Steel Group Corp Ltd", "", ""),
    ("Iran Central Iron Ore Company", "Iran Central Iron Company", "", ""),  # a word left out
    ("Huawei Technologies Co Ltd", "Huawei Technologies 有限公司", "", ""),
    ("Samsung Electronics Co., Ltd.", "Samsung Electronics 주식회사", "", ""),
    ("บริษัท ไทยยูเนี่ยน จำกัด (มหาชน)", "Thai Union PCL", "", ""),
    ("Công ty Cổ phần Tập đoàn Hòa Phát", "Hoa Phat Group JSC", "", ""),
]

OTHER_JURISDICTION = [
    ("HSBC Bank (Hong Kong)", "HSBC Bank (Macau)", "", "", "country words differ: hk vs mo"),
    ("Sunrise Garments (Cambodia) Co Ltd", "Sunrise Garments Co Ltd", "", "vn", "the name says kh"),
    ("Shenzhen Xinda Trading Co Ltd", "Guangzhou Xinda Trading Co Ltd", "", "", "provinces"),
]

LEGAL_FORM_CONFLICTS = [
    ("Tata Steel Pvt Ltd", "Tata Steel Ltd"),
    ("Wilmar International Pte Ltd", "Wilmar International Limited"),
    ("BHP Group Pty Ltd", "BHP Group Limited"),
    ("Công ty TNHH Phương Nam", "Công ty Cổ phần Phương Nam"),
    ("CV Maju Jaya", "PT Maju Jaya"),
    ("บริษัท สยามไรซ์ จำกัด", "บริษัท สยามไรซ์ จำกัด (มหาชน)"),
    ("Yamato Shoji Godo Kaisha", "Yamato Shoji Kabushiki Kaisha"),
]

PERSONS = [
    ("Hun Sen", "ហ៊ុន សែន", True),
    ("Hun Manet", "ហ៊ុន ម៉ាណែត", True),
    ("Nuon Chea", "នួន ជា", True),
    ("Min Aung Hlaing", "မင်းအောင်လှိုင်", True),
    ("Than Shwe", "သန်းရွှေ", True),
    ("Htin Kyaw", "ထင်ကျော်", True),
    ("Prayut Chan-o-cha", "ประยุทธ์ จันทร์โอชา", True),
    ("Prayuth Chan-ocha", "ประยุทธ์ จันทร์โอชา", True),
    ("Chuan Leekpai", "ชวน หลีกภัย", True),
    ("Khamtai Siphandone", "ຄຳໄຕ ສີພັນດອນ", True),
    ("Hun Sen", "ហ៊ុន ម៉ាណែត", False),
    ("Than Htay", "သန်းရွှေ", False),
    ("Prawit Wongsuwan", "ประยุทธ์ จันทร์โอชา", False),
    ("Tan Sri Muhyiddin Yassin", "Muhyiddin Yassin", True),
    ("Dato' Sri Najib Razak", "Najib Razak", True),
    ("Daw Aung San Suu Kyi", "Aung San Suu Kyi", True),
    ("Ko Aung Myint", "Aung Myint", True),
    ("Ma Ying-jeou", "Ko Ying-jeou", False),  # light titles that differ still differ
    ("Aung Ko Min", "Aung WIN", False),  # one letter of a three-letter word: another name
    ("Nguyen Thi Lan", "Nguyen Thi Lam", False),
    ("Ali Hassan Khan", "Aly Hassan Khan", True),  # only a vowel differs
    ("Kim Jong On", "Kim Jong Un", True),
]


@pytest.mark.parametrize(("left", "right"), SIBLINGS)
def test_siblings_and_subsidiaries_sharing_a_stem_are_not_matches(left: str, right: str) -> None:
    result = compare("Company", left, right)
    assert not result.match, result.explanation()


@pytest.mark.parametrize(("left", "right", "country1", "country2"), SAME_ORGANISATION)
def test_the_same_organisation_written_otherwise_still_matches(
    left: str, right: str, country1: str, country2: str
) -> None:
    result = compare("Company", left, right, country1, country2)
    assert result.match, result.explanation()


@pytest.mark.parametrize(("left", "right", "country1", "country2", "reason"), OTHER_JURISDICTION)
def test_country_and_place_words_tell_jurisdictions_apart(
    left: str, right: str, country1: str, country2: str, reason: str
) -> None:
    result = compare("Company", left, right, country1, country2)
    assert not result.match
    feature = next(f for f in result.features if f.name == "other_jurisdiction")
    assert feature.factor < 1.0 and reason in feature.reason


@pytest.mark.parametrize(("left", "right"), LEGAL_FORM_CONFLICTS)
def test_legal_forms_of_different_kinds_weigh_against(left: str, right: str) -> None:
    result = compare("Company", left, right)
    feature = next(f for f in result.features if f.name == "legal_form_compatibility")
    assert feature.factor == 0.65 and "different kinds of company" in feature.reason
    assert not result.match


@pytest.mark.parametrize(("left", "right", "match"), PERSONS)
def test_persons_across_asian_scripts_titles_and_short_words(
    left: str, right: str, match: bool
) -> None:
    result = compare("Person", left, right)
    assert result.match is match, result.explanation()


def test_explanations_name_the_native_form_and_what_weighed_little() -> None:
    korean = compare("Company", "Samsung Electronics Co., Ltd.", "Samsung Electronics 주식회사")
    assert "주식회사 (stock company): compatible" in korean.explanation()
    assert "SA" not in korean.explanation()
    group = compare("Company", "Thai Union", "Thai Union Group")
    assert "+group (class word, weighs little)" in group.explanation()
    own = compare("Company", "Sunrise Garments (Cambodia) Co Ltd", "Sunrise Garments Co Ltd", "kh")
    assert "names its own country (kh)" in own.explanation()


def test_a_country_word_in_a_name_counts_fully_against_another_known_country() -> None:
    query = make_entity("q", "Company", ["Sunrise Garments (Cambodia) Co Ltd"], ["kh"])
    listed = make_entity("e", "Company", ["Sunrise Garments Co Ltd"], ["vn"])
    assert score_pair(query, listed).score < 0.5
