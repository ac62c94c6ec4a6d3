"""Field validators of the registry."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError

from partnerpath.core.countries import is_country_code
from partnerpath.core.identifiers import lei_problem


def validate_country_code(value: str) -> None:
    """An ISO 3166-1 alpha-2 code such as TH or VN."""
    if value and not is_country_code(value):
        raise ValidationError(
            f"{value!r} is not an ISO 3166 country code (for example TH, VN, MM)."
        )


def validate_lei(value: str) -> None:
    """A Legal Entity Identifier: 20 characters with valid check digits."""
    problem = lei_problem(value) if value else None
    if problem:
        raise ValidationError(problem)


def validate_upload_size(file: Any) -> None:
    """Uploaded documents stay under the configured limit."""
    limit = settings.UPLOAD_MAX_BYTES
    if file is not None and getattr(file, "size", 0) > limit:
        raise ValidationError(f"The file is larger than the limit of {limit // (1024 * 1024)} MB.")


# Other names of an organisation or key individual (former, trading, local-script names).
MAX_OTHER_NAMES = 20
MAX_OTHER_NAME_LENGTH = 300
NAME_SEPARATOR = ";"  # separates other names in a spreadsheet cell


def tidy_names(names: Iterable[str], exclude: str = "") -> list[str]:
    """Names with their spacing tidied, in order, without blanks, repeats (in any letter case)
    or the record's own name (``exclude``)."""
    seen = {" ".join(exclude.split()).casefold()} if exclude.strip() else set()
    kept: list[str] = []
    for raw in names:
        name = " ".join(str(raw).split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            kept.append(name)
    return kept


def other_name_problem(name: str, subject: str = "This name") -> str | None:
    """What is wrong with one other name, as a sentence starting with ``subject``; None if fine."""
    name = " ".join(name.split())
    if len(name) > MAX_OTHER_NAME_LENGTH:
        return f"{subject} is {len(name)} characters long; the limit is {MAX_OTHER_NAME_LENGTH}."
    if NAME_SEPARATOR in name:
        return (
            f"{subject} contains “{NAME_SEPARATOR}”, which separates names in spreadsheets; "
            "give each name on its own."
        )
    return None


def other_names_count_problem(names: Sequence[str]) -> str | None:
    """Too many other names (counted once blanks and repeats are dropped); None if fine."""
    if len(names) > MAX_OTHER_NAMES:
        return f"{len(names)} other names given; at most {MAX_OTHER_NAMES} are allowed."
    return None


def validate_other_names(value: Any) -> None:
    """A list of up to 20 names of up to 300 characters each."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError("Give the other names as a list of names.")
    problems = [
        p for n, name in enumerate(value, 1) if (p := other_name_problem(name, f"Other name {n}"))
    ]
    count = other_names_count_problem(tidy_names(value))
    if count:
        problems.append(count)
    if problems:
        raise ValidationError(problems)
