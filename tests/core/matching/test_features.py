"""Case tables for the features screening-v3 added: a person's one-word name against a longer one,
and birth years a generation apart."""

from __future__ import annotations

import pytest

from partnerpath.core.matching.entities import make_entity
from partnerpath.core.matching.scoring import compare, score_pair

# A person's one word against a longer name: no match on the name alone.
ONE_WORD_PERSONS = [
    ("Lina Okafor", "LINA"),  # a given name alone
    ("Tomas Berglund", "Berglund"),  # a surname alone
    ("Ngozi Adeyemi", "ADEYEMI"),
    ("Okafor", "Chidi Okafor"),  # the query is the one word
    ("Dr. Okafor", "Chidi Okafor"),  # a title is not a word of the name
    ("Петров", "Ivan Petrov"),  # in another script
    ("Mehmet", "Mehmet K."),  # an initial is still a word the one-word name lacks
]

# What the rule leaves alone.
NOT_ONE_WORD = [
    ("Okafor", "OKAFOR"),  # one word each: the whole name agrees
    ("LinaOkafor", "Lina Okafor"),  # the same letters, joined
    ("Berglund, Tomas", "Tomas BERGLUND"),  # word order
    ("Rahman", "al-Rahman"),  # a particle is not a word of the name
]

# Organisations: extra distinctive words already weigh fully; legal forms are not words.
ONE_WORD_ORGANISATIONS = [
    ("ALFA", "Alfa Seafood Co., Ltd.", False),
    ("Korvina", "Korvina Fisheries Co., Ltd.", False),
    ("Korvina", "Korvina Co., Ltd.", True),
]


@pytest.mark.parametrize(("left", "right"), ONE_WORD_PERSONS)
def test_one_word_of_a_persons_name_alone_is_not_a_match(left: str, right: str) -> None:
    result = compare("Person", left, right)
    assert not result.match, result.explanation()
    assert result.score <= 0.65
    assert "one word alone is weak evidence" in result.explanation()


@pytest.mark.parametrize(("left", "right"), NOT_ONE_WORD)
def test_whole_names_are_not_treated_as_one_word(left: str, right: str) -> None:
    result = compare("Person", left, right)
    assert result.match, result.explanation()
    assert "not a one-word name" in result.explanation()


@pytest.mark.parametrize(("left", "right", "match"), ONE_WORD_ORGANISATIONS)
def test_one_word_organisation_names_need_no_extra_rule(left: str, right: str, match: bool) -> None:
    result = compare("Company", left, right)
    assert result.match is match, result.explanation()
    assert "single_word_name" not in result.explanation()


@pytest.mark.parametrize(
    ("query", "listed", "match", "reason"),
    [
        ({"birth_dates": ["1971-03-02"]}, {"birth_dates": ["1971-03-02"]}, True, "birth date"),
        ({"identifiers": ["P1234567"]}, {"identifiers": ["P 1234567"]}, True, "identifier"),
        (
            {"birth_dates": ["1971"], "countries": ["ng"]},
            {"birth_dates": ["1971-03-02"], "countries": ["NG"]},
            True,
            "birth year with a country",
        ),
        ({"countries": ["ng"]}, {"countries": ["Nigeria"]}, False, "nothing else agrees"),
        ({"birth_dates": ["1971"]}, {"birth_dates": ["1971"]}, False, "nothing else agrees"),
        ({"birth_dates": ["1971-03-02"]}, {"birth_dates": ["1980"]}, False, "nothing else"),
    ],
)
def test_a_one_word_name_matches_when_other_evidence_agrees(
    query: dict[str, list[str]], listed: dict[str, list[str]], match: bool, reason: str
) -> None:
    left = make_entity("q", "Person", ["Lina Okafor"], **query)  # type: ignore[arg-type]
    right = make_entity("e", "Person", ["LINA"], **listed)  # type: ignore[arg-type]
    result = score_pair(left, right)
    assert result.match is match, result.explanation()
    assert reason in result.explanation()


@pytest.mark.parametrize(
    ("years", "v2", "v3"),
    [
        (("1948", "1976"), True, False),  # a generation apart: a parent and child
        (("1961-05-01", "1988-02-11"), True, False),
        (("1960", "1964"), True, True),  # lists often carry an approximate year: still a lead
        (("1960", "1961"), True, True),
    ],
)
def test_birth_years_a_generation_apart_rule_out_an_exact_name(
    years: tuple[str, str], v2: bool, v3: bool
) -> None:
    left = make_entity("a", "Person", ["Tomas Berglund"], birth_dates=[years[0]])
    right = make_entity("b", "Person", ["Tomas BERGLUND"], birth_dates=[years[1]])
    assert score_pair(left, right, algorithm="screening-v2").match is v2
    result = score_pair(left, right)
    assert result.match is v3, result.explanation()


@pytest.mark.parametrize(
    ("query_date", "listed_date", "reason"),
    [
        ("02/03/1971", "1971-03-02", "same birth date"),  # day/month/year read as a date
        ("02/03/1971", "1971", "same birth year"),
        ("02/03/1971", "1957-07-30", "birth years differ: 1971 vs 1957"),
        ("unknown", "1957-07-30", "not readable"),  # nothing is claimed from an unreadable date
    ],
)
def test_birth_dates_are_compared_by_the_year_they_name(
    query_date: str, listed_date: str, reason: str
) -> None:
    left = make_entity("q", "Person", ["Tomas Berglund"], birth_dates=[query_date])
    right = make_entity("e", "Person", ["Tomas Berglund"], birth_dates=[listed_date])
    feature = next(f for f in score_pair(left, right).features if f.name == "birth_date")
    assert reason in feature.reason
