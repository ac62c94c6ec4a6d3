"""What every list parser returns, the errors it raises, and helpers shared by the parsers."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from partnerpath.core.matching.entities import Entity


class SourceError(ValueError):
    """A list file that cannot be read as the format it claims to be."""


class MalformedXML(SourceError):
    """The file is not well-formed XML or not the expected XML layout."""


class WrongColumns(SourceError):
    """A CSV file lacks the columns its format needs."""


class WrongEncoding(SourceError):
    """The file is not in the text encoding its format uses."""


class BadRows(SourceError):
    """Rows of a list file that cannot be read as they are, each named by its row number."""

    MAX_LISTED = 20

    def __init__(self, file_name: str, problems: list[str]) -> None:
        self.problems = list(problems)
        listed = "; ".join(self.problems[: self.MAX_LISTED])
        more = len(self.problems) - self.MAX_LISTED
        tail = f"; and {more} more" if more > 0 else ""
        count = len(self.problems)
        super().__init__(f"{file_name}: {count} problem{'s' if count != 1 else ''}: {listed}{tail}")


class UnknownFormat(SourceError):
    """The path is none of the list formats we read."""


@dataclass(frozen=True, slots=True)
class ListMeta:
    """One version of a list: where it came from, when it was published, its checksum."""

    name: str
    format: str
    path: str
    checksum: str
    publication_date: str | None = None
    entity_count: int = 0


@dataclass(frozen=True, slots=True)
class LoadedList:
    """A parsed list: its metadata and entities."""

    meta: ListMeta
    entities: list[Entity] = field(default_factory=list)


def checksum(paths: list[Path]) -> str:
    """SHA-256 over the bytes of the given files, in order."""
    digest = hashlib.sha256()
    for path in paths:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return "sha256:" + digest.hexdigest()


def read_text(path: Path, fallback: str | None = None) -> str:
    """Read a file as UTF-8 (or the format's documented fallback), or raise WrongEncoding."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if fallback is not None:
            try:
                return data.decode(fallback)
            except UnicodeDecodeError:
                pass
        raise WrongEncoding(
            f"{path.name}: not UTF-8 text (byte {exc.start}); save the file as UTF-8"
        ) from exc


def split_values(value: str | None, sep: str = ";") -> list[str]:
    """Split a multi-valued cell and drop empties."""
    if not value:
        return []
    return [v.strip() for v in value.split(sep) if v.strip()]
