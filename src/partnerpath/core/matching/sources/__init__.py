"""List importers: detect a source's format and parse it into list entities plus metadata."""

from __future__ import annotations

from pathlib import Path

from partnerpath.core.matching.sources.base import (
    BadRows,
    ListMeta,
    LoadedList,
    MalformedXML,
    SourceError,
    UnknownFormat,
    WrongColumns,
    WrongEncoding,
)
from partnerpath.core.matching.sources.generic import load_generic_csv
from partnerpath.core.matching.sources.ofac import load_ofac
from partnerpath.core.matching.sources.opensanctions import load_ftm, load_targets_simple
from partnerpath.core.matching.sources.un import load_un

__all__ = [
    "BadRows",
    "ListMeta",
    "LoadedList",
    "MalformedXML",
    "SourceError",
    "UnknownFormat",
    "WrongColumns",
    "WrongEncoding",
    "detect_format",
    "load_ftm",
    "load_generic_csv",
    "load_ofac",
    "load_source",
    "load_targets_simple",
    "load_un",
]


def detect_format(path: Path) -> str:
    """Which list format a path holds: ofac, un, ftm, targets-simple or generic."""
    if path.is_dir():
        if (path / "sdn.csv").exists():
            return "ofac"
        raise UnknownFormat(f"{path}: a folder must hold OFAC's sdn.csv")
    if not path.exists():
        raise UnknownFormat(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix == ".xml":
        return "un"
    if suffix in (".json", ".jsonl", ".ijson", ".ndjson"):
        return "ftm"
    if suffix == ".csv":
        with path.open("rb") as handle:
            head = handle.readline().decode("utf-8-sig", errors="replace").lower()
        if head.startswith("id,schema,name,aliases"):
            return "targets-simple"
        return "generic"
    raise UnknownFormat(
        f"{path.name}: unknown list format (expected a folder with sdn.csv, .xml, "
        ".json/.jsonl/.ijson or .csv)"
    )


def load_source(path: Path | str, name: str | None = None) -> LoadedList:
    """Detect the format of a list source and parse it."""
    path = Path(path)
    kind = detect_format(path)
    label = name or (path.name if path.is_dir() else path.stem)
    if kind == "ofac":
        return load_ofac(path, label)
    if kind == "un":
        return load_un(path, label)
    if kind == "ftm":
        return load_ftm(path, label)
    if kind == "targets-simple":
        return load_targets_simple(path, label)
    return load_generic_csv(path, label)
