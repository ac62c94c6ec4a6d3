"""entities: the content fingerprint of a list entry (what decides whether a decision on a hit
still applies after the list changes)."""

from __future__ import annotations

import pytest

from partnerpath.core.matching.entities import content_hash, make_entity, parse_birth_date

BASE = {
    "id": "ofac-1",
    "schema": "Person",
    "names": ["Usama BIN LADEN", "Osama bin Laden"],
    "countries": ["sa"],
    "identifiers": ["A1234567"],
    "birth_dates": ["1957-07-30"],
}


def _hash(**changes: object) -> str:
    return content_hash(make_entity(**{**BASE, **changes}))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "same",
    [
        {"names": ["Osama bin Laden", "Usama BIN LADEN"]},
        {"names": ["USAMA BIN LADEN", "osama bin laden"]},
        {"id": "ofac-1#2"},
        {"countries": ["Saudi Arabia"]},
        {"identifiers": ["A-1234567"]},
    ],
    ids=["name-order", "letter-case", "list-id", "country-spelling", "identifier-punctuation"],
)
def test_the_fingerprint_ignores_what_does_not_change_who_is_listed(
    same: dict[str, object],
) -> None:
    assert _hash(**same) == _hash()


@pytest.mark.parametrize(
    "changed",
    [
        {"names": ["Usama BIN LADEN", "Osama bin Laden", "Abu Abdallah"]},
        {"countries": ["sa", "af"]},
        {"identifiers": ["A1234567", "B7654321"]},
        {"birth_dates": ["1958"]},
        {"schema": "LegalEntity"},
    ],
    ids=["alias-added", "country-added", "identifier-added", "birth-date", "schema"],
)
def test_the_fingerprint_changes_when_the_entry_does(changed: dict[str, object]) -> None:
    assert _hash(**changed) != _hash()


def test_the_fingerprint_is_a_sha256_hex_digest() -> None:
    digest = _hash()
    assert len(digest) == 64 and int(digest, 16) >= 0


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("1971", "1971"),
        ("1971-03", "1971-03"),
        ("1971-03-02", "1971-03-02"),
        ("1971/3/2", "1971-03-02"),
        ("1957-07-30T00:00:00", "1957-07-30"),
        ("02/03/1971", "1971-03-02"),  # day first
        ("2.3.1971", "1971-03-02"),
        ("02-03-1971", "1971-03-02"),
        ("03/1971", "1971-03"),
        ("2 March 1971", "1971-03-02"),
        ("Mar 1971", "1971-03"),
    ],
)
def test_it_reads_birth_dates_in_iso_year_and_day_month_year_forms(value: str, iso: str) -> None:
    assert parse_birth_date(value) == iso


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("02/0", "is not a date"),
        ("1971 or so", "is not a date"),
        ("31/02/1971", "not a valid day/month/year"),
        ("13/13/1971", "not a valid day/month/year"),
        ("0971", "not a plausible year"),
        ("2 Marc 1971", "is not a date"),
    ],
)
def test_it_refuses_what_is_not_a_birth_date(value: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_birth_date(value)


def test_list_entries_keep_dates_they_cannot_read_and_normalise_the_others() -> None:
    entity = make_entity("e", "Person", ["A B"], birth_dates=["02/03/1971", "circa 1960s"])
    assert entity.birth_dates == {"1971-03-02", "circa 1960"}
