"""entities: the content fingerprint of a list entry (what decides whether a decision on a hit
still applies after the list changes)."""

from __future__ import annotations

import pytest

from partnerpath.core.matching.entities import content_hash, make_entity

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
