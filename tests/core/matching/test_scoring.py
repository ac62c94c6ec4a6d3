# ruff: noqa: RUF001  (Cyrillic test names are intended)
"""Case tables for the default algorithm: legal forms, siblings, other jurisdictions, scripts, word
order, initials, relatives, series and one-word person names; screening-v1 to -v3 stay loadable.
screening-v4's own rules have their tables in test_scoring_v4.py."""

from __future__ import annotations

import pytest

from partnerpath.core.matching.entities import make_entity
from partnerpath.core.matching.scoring import (
    ALGORITHM_ID,
    ALGORITHMS,
    DEFAULT_THRESHOLD,
    compare,
    get_algorithm,
    score_pair,
)

# Held-out pairs of the kinds the field gets wrong; none of them is in the OpenSanctions name bench.
LEGAL_FORM_VARIANTS = [
    ("Charoen Pokphand Foods Public Company Limited", "Charoen Pokphand Foods PCL"),
    ("Samsung Electronics Co., Ltd.", "Samsung Electronics Company Limited"),
    ("PT Indofood Sukses Makmur Tbk", "Indofood Sukses Makmur"),
    ("PT. Bank Central Asia", "Perseroan Terbatas Bank Central Asia"),
    ("Top Glove Sdn. Bhd.", "Top Glove Sendirian Berhad"),
    ("Tata Consultancy Services Pvt Ltd", "Tata Consultancy Services Private Limited"),
    ("Wilmar International Pte. Ltd.", "Wilmar International Pte Ltd"),
    ("Rosneft JSC", "Joint Stock Company Rosneft"),
    ("Gazprom PJSC", "Public Joint Stock Company Gazprom"),
    ("Thai Beverage PCL", "Thai Beverage Public Co., Ltd."),
    ("Vingroup Joint Stock Company", "VINGROUP JSC"),
    ("Kabushiki Kaisha Toshiba", "Toshiba K.K."),
    ("Siemens Aktiengeselschaft", "Siemens AG"),
    ("ООО Ромашка", "Romashka LLC"),
    ("Акционерное общество Роснефть", "Rosneft JSC"),
]

SIBLINGS = [
    ("Thai Union Group PCL", "Thai Union Frozen Products PCL"),
    ("Charoen Pokphand Foods", "Charoen Pokphand Group"),
    ("Sime Darby Plantation Berhad", "Sime Darby Property Berhad"),
    ("Astra International Tbk", "Astra Agro Lestari Tbk"),
    ("Mitsubishi Corporation", "Mitsubishi Motors Corporation"),
    ("Tata Steel Limited", "Tata Motors Limited"),
    ("Hoa Phat Group JSC", "Hoa Phat Steel JSC"),
    ("Samsung Electronics Co., Ltd.", "Samsung SDI Co., Ltd."),
    ("Siam Cement PCL", "Siam Cement Trading Co., Ltd."),
    ("Sime Darby Berhad", "Sime Darby Sdn Bhd"),
]

OTHER_JURISDICTION = [
    ("Bank of China (Hong Kong) Limited", "Bank of China (Malaysia) Berhad", "", ""),
    ("Standard Chartered Bank (Thailand)", "Standard Chartered Bank (Singapore)", "", ""),
    ("Nestle Malaysia Berhad", "Nestle Thailand Ltd", "", ""),
    ("Acme Seafood Co., Ltd.", "Acme Seafood Co., Ltd.", "th", "vn"),
    ("Golden Ocean Fishing Co., Ltd.", "Golden Ocean Fishing Company Limited", "th", "mm"),
]

PERSON_MATCHES = [
    ("Zelenskyy Volodymyr", "Volodymyr Zelenskyy"),  # word order
    ("Sechin, Igor", "Igor Sechin"),
    ("Ali Hassan Khan", "Khan Ali Hassan"),
    ("Владимир Путин", "Vladimir Putin"),  # Cyrillic
    ("Игорь Иванович Сечин", "Igor Ivanovich Sechin"),
    ("محمد بن سلمان", "Mohammed bin Salman"),  # Arabic
    ("أسامة بن لادن", "Usama bin Ladin"),
    ("習近平", "Xi Jinping"),  # Chinese
    ("ทักษิณ ชินวัตร", "Thaksin Shinawatra"),  # Thai
    ("Muammar Qaddafi", "Moammar Gadhafi"),  # transliteration variants
    ("V. Putin", "Vladimir Putin"),  # initials
    ("SergeiLavrov", "Sergei Lavrov"),  # joined words
    # screening-v2
    ("Mohammed Jamli Karimi", "Mohammed Jamil Karimi"),  # two letters swapped: one typo
    ("Nasir Ahmad Fiaz", "Nasir Ahmad Faiz"),
    ("Maria T. Lopez", "Maria Teresa Lopez"),  # an initial with nothing else left over
    ("Lukashenko Alexander Grigoryevich", "Alexander Lukashenko"),  # reordered, extra patronymic
    ("박정민", "Park Jung Min"),  # Hangul: Revised and McCune-Reischauer spellings merge
    ("최성호", "Choe Song Ho"),
]

PERSON_NON_MATCHES = [
    ("Nguyen Van An", "Nguyen Van Binh"),
    ("Mohammed bin Salman", "Salman bin Mohammed"),  # father and son swapped
    ("Kim Jong Un", "Kim Jong Nam"),
    ("习近平", "习近朋"),  # one character is one name part
    ("Somchai Sriwong", "Somchai Srisuk"),
    ("A. Nazarbayev", "Nursultan Nazarbayev"),  # initial contradicts
    # screening-v2
    ("Maria Torres", "Maria T. Lopez"),  # the initial's own name keeps its surname
    ("Peter K. Wallace", "Peter W. Kane"),  # initials paired crosswise
    ("Khalid Omar Hassan al-Masri", "Omar Hassan al-Masri"),  # one more given name: the child
    ("Aisha Nuri Salem Haftar", "Nuri Salem Haftar"),
    ("박정민", "Park Jung Hoon"),
    ("Sandra Hodes", "Sandra Jones"),  # two typos and another first letter: another surname
    ("Tariq Omar Bakr", "Tariq Omar Zakri"),
    ("Tom Lauren", "Tom O'Halloran"),  # alike in consonants only, most letters differ
]

# screening-v2: organisations and vessels in a series, and names written as initials.
SERIES_AND_INITIALS = [
    ("Company", "Mekong Growth Fund II, Ltd.", "Mekong Growth Fund, Ltd.", False),
    ("Company", "Mekong Growth Fund II", "Mekong Growth Fund 2", True),
    ("Vessel", "Golden Star 7", "Golden Star", False),
    ("Company", "P.T.K. Seafood Co., Ltd.", "P.T.S. Seafood Co., Ltd.", False),
    ("Company", "N.P.T. Seafood Co., Ltd.", "P.T. Seafood Co., Ltd.", False),
    ("Company", "P.T.K. Seafood Co., Ltd.", "PTK Seafood Company Limited", True),
]


@pytest.mark.parametrize(("left", "right"), LEGAL_FORM_VARIANTS)
def test_it_matches_legal_form_variants_across_jurisdictions(left: str, right: str) -> None:
    assert compare("Company", left, right).match


@pytest.mark.parametrize(("left", "right"), SIBLINGS)
def test_it_does_not_match_siblings_sharing_a_name_stem(left: str, right: str) -> None:
    result = compare("Company", left, right)
    assert not result.match, result.explanation()


@pytest.mark.parametrize(("left", "right", "country1", "country2"), OTHER_JURISDICTION)
def test_it_does_not_match_the_same_name_in_another_country(
    left: str, right: str, country1: str, country2: str
) -> None:
    assert not compare("Company", left, right, country1, country2).match


def test_the_same_company_in_the_same_country_still_matches() -> None:
    assert compare(
        "Company", "Acme Seafood Co., Ltd.", "Acme Seafood Company Limited", "th", "TH"
    ).match


@pytest.mark.parametrize(("left", "right"), PERSON_MATCHES)
def test_it_matches_person_names_across_scripts_orders_and_spellings(left: str, right: str) -> None:
    result = compare("Person", left, right)
    assert result.match, result.explanation()


@pytest.mark.parametrize(("left", "right"), PERSON_NON_MATCHES)
def test_it_does_not_match_people_whose_names_differ_in_a_part(left: str, right: str) -> None:
    assert not compare("person", left, right).match


@pytest.mark.parametrize(("schema", "left", "right", "match"), SERIES_AND_INITIALS)
def test_series_numbers_and_initials_must_agree(
    schema: str, left: str, right: str, match: bool
) -> None:
    result = compare(schema, left, right)
    assert result.match is match, result.explanation()


@pytest.mark.parametrize(
    ("left", "right", "v1", "v2", "v3", "v4"),
    [
        ("George Santos", "George S. Helmy", True, False, False, False),
        ("Khalid Omar Hassan al-Masri", "Omar Hassan al-Masri", True, False, False, False),
        ("Mohammed Jamli Karimi", "Mohammed Jamil Karimi", True, True, True, True),
        ("Lina Okafor", "LINA", True, True, False, False),
        ("Aung Ko Min", "Aung Win", True, True, True, False),  # v4: "Min" is not "Win"
        ("Hun Sen", "ហ៊ុន សែន", False, False, False, True),  # v4 reads Khmer
        ("Dato' Sri Najib Razak", "Najib Razak", True, False, False, True),  # v4 titles
    ],
)
def test_older_versions_stay_loadable_by_name(
    left: str, right: str, v1: bool, v2: bool, v3: bool, v4: bool
) -> None:
    results = [compare("Person", left, right, algorithm=f"screening-v{n}") for n in (1, 2, 3)]
    results.append(compare("Person", left, right))
    assert [(r.algorithm, r.match) for r in results] == [
        ("screening-v1", v1),
        ("screening-v2", v2),
        ("screening-v3", v3),
        ("screening-v4", v4),
    ]


@pytest.mark.parametrize(
    ("left", "right", "v3", "v4"),
    [
        ("Andaman Blue Seafood Co Ltd", "Andaman Blue Seafood Processing Co Ltd", True, False),
        ("Tata Steel Pvt Ltd", "Tata Steel Ltd", True, False),
        ("Samsung Electronics Co., Ltd.", "Samsung Electronics 주식회사", False, True),
        ("Myanmar Economic Corporation", "Myanmar Economic Holdings Ltd", True, False),
    ],
)
def test_screening_v3_still_scores_companies_as_it_did(
    left: str, right: str, v3: bool, v4: bool
) -> None:
    assert compare("Company", left, right, algorithm="screening-v3").match is v3
    assert compare("Company", left, right).match is v4


def test_an_unknown_algorithm_is_an_error() -> None:
    assert set(ALGORITHMS) == {"screening-v1", "screening-v2", "screening-v3", "screening-v4"}
    with pytest.raises(ValueError, match="screening-v9"):
        get_algorithm("screening-v9")


def test_every_result_names_its_algorithm_threshold_and_features() -> None:
    result = compare("Company", "Thai Union Group PCL", "Thai Union Frozen Products PCL")
    assert result.algorithm == ALGORITHM_ID == "screening-v4"
    assert result.threshold == DEFAULT_THRESHOLD
    names = [f.name for f in result.features]
    assert names[:3] == ["name_similarity", "legal_form_compatibility", "other_jurisdiction"]
    assert all(f.explanation for f in result.features)
    assert "frozen" in result.explanation()


@pytest.mark.parametrize(
    ("left_dates", "right_dates", "match"),
    [
        (["1957-07-30"], ["1957-07-30"], True),
        (["1957"], ["1957-07-30"], True),
        (["1958"], ["1957-07-30"], True),  # one year apart: lists often give an approximate year
        (["1957"], ["1971"], False),
    ],
)
def test_birth_dates_support_or_rule_out_a_person(
    left_dates: list[str], right_dates: list[str], match: bool
) -> None:
    left = make_entity("a", "Person", ["Usama bin Ladin"], birth_dates=left_dates)
    right = make_entity("b", "Person", ["Osama bin Laden"], birth_dates=right_dates)
    assert score_pair(left, right).match is match


def test_a_shared_identifier_lifts_a_weak_name_match() -> None:
    left = make_entity("a", "Company", ["Siam Seafood Export"], identifiers=["0105551234567"])
    right = make_entity(
        "b", "Company", ["Siam Sea Food Exports Trading"], identifiers=["0105-551234567"]
    )
    assert score_pair(left, right).score >= 0.95


def test_people_are_not_compared_with_companies() -> None:
    left = make_entity("a", "Person", ["Victory Trading"])
    right = make_entity("b", "Company", ["Victory Trading"])
    assert score_pair(left, right).score == 0.0
