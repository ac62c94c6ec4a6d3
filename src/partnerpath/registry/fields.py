"""A list of short codes (countries, sectors) stored in one portable text column."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Lookup


class CodeListField(models.CharField):  # type: ignore[type-arg]
    """Stores ["TH", "VN"] as ",TH,VN," so that `field__has="TH"` works on every database."""

    description = "List of short codes"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 1000)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> list[str]:
        return self.to_python(value)

    def to_python(self, value: Any) -> list[str]:
        if value is None or value == "":
            return []
        if isinstance(value, (list, tuple)):
            return [str(v) for v in value]
        return [part for part in str(value).split(",") if part]

    def get_prep_value(self, value: Any) -> str:
        codes = self.to_python(value)
        return f",{','.join(codes)}," if codes else ""

    def value_to_string(self, obj: Any) -> str:
        return ",".join(self.value_from_object(obj))

    def formfield(self, **kwargs: Any) -> Any:
        return None  # forms declare their own MultipleChoiceField


@CodeListField.register_lookup
class HasCode(Lookup[Any]):
    """`sectors__has="fisheries"`: the list contains this code."""

    lookup_name = "has"
    prepare_rhs = False

    def get_db_prep_lookup(self, value: Any, connection: Any) -> Any:
        return ("%s", [f"%,{value},%"])

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} LIKE {rhs}", (*lhs_params, *rhs_params)
