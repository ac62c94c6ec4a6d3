"""Serializer fields shared by the API: programmes by slug, ids scoped to the user's programmes,
ISO country codes and lists of controlled codes."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from partnerpath.accounts.models import Membership, Programme, User
from partnerpath.api.access import in_my_programmes, my_programme_ids
from partnerpath.registry.validators import validate_country_code

# The largest id the supported databases store (a signed 64-bit integer).
MAX_ID = 2**63 - 1


def id_field(**kwargs: Any) -> serializers.IntegerField:
    """A record id: a whole number within the databases' range."""
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


def _request_user(field: serializers.Field[Any, Any, Any, Any]) -> Any:
    """The signed-in user, or None where there is no request (schema generation)."""
    return getattr(field.context.get("request"), "user", None)


class ProgrammeField(serializers.SlugRelatedField[Programme]):
    """The programme a record belongs to, by slug; only the user's own programmes are accepted."""

    default_error_messages = {
        "does_not_exist": "You are not a member of a programme called {value!r}.",
        "invalid": "Give the programme's slug as text.",
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", "Slug of the programme the record belongs to.")
        super().__init__(slug_field="slug", queryset=Programme.objects.all(), **kwargs)

    def to_internal_value(self, data: Any) -> Programme:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)

    def get_queryset(self) -> QuerySet[Programme]:
        queryset: QuerySet[Programme] = Programme.objects.all()
        user = _request_user(self)
        if user is not None:
            queryset = queryset.filter(pk__in=my_programme_ids(user))
        return queryset


class RecordField(serializers.PrimaryKeyRelatedField[Any]):
    """The id of a record in one of the user's programmes; ids elsewhere read as unknown."""

    default_error_messages = {
        "does_not_exist": "No record with id {pk_value} in your programmes.",
        "incorrect_type": "Give a record id (a whole number), not {data_type}.",
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("pk_field", serializers.IntegerField())  # refuses 1.5 and "1a"
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Any] | None:
        queryset = super().get_queryset()
        user = _request_user(self)
        if user is None or queryset is None:
            return queryset
        return in_my_programmes(queryset, user)


class TeamMemberField(serializers.PrimaryKeyRelatedField[User]):
    """The id of a user who shares a programme with the requesting user."""

    default_error_messages = {
        "does_not_exist": "No team member with id {pk_value} in your programmes.",
        "incorrect_type": "Give a user id (a whole number), not {data_type}.",
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("pk_field", serializers.IntegerField())  # refuses 1.5 and "1a"
        super().__init__(queryset=User.objects.all(), **kwargs)

    def get_queryset(self) -> QuerySet[User]:
        queryset: QuerySet[User] = User.objects.all()
        user = _request_user(self)
        if user is not None:
            shared = Membership.objects.filter(programme_id__in=my_programme_ids(user))
            queryset = queryset.filter(pk__in=shared.values("user_id"))
        return queryset


@extend_schema_field({"type": "string", "pattern": "^[A-Z]{2}$", "example": "TH"})
class CountryCodeField(serializers.CharField):
    """An ISO 3166-1 alpha-2 country code such as TH; lower case is accepted."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", "ISO 3166-1 alpha-2 code, for example TH, VN, MM.")
        super().__init__(**kwargs)
        self.validators.append(validate_country_code)

    def to_internal_value(self, data: Any) -> str:
        return str(super().to_internal_value(data)).upper()


class UniqueListField(serializers.ListField):
    """A list of codes; repeats are dropped, order kept."""

    def to_internal_value(self, data: Any) -> list[Any]:
        values = super().to_internal_value(data)
        return list(dict.fromkeys(values))


def country_list_field(**kwargs: Any) -> UniqueListField:
    """A list of ISO country codes."""
    return UniqueListField(child=CountryCodeField(), required=False, **kwargs)


def choice_list_field(choices: Any, **kwargs: Any) -> UniqueListField:
    """A list of codes from a controlled vocabulary."""
    return UniqueListField(child=serializers.ChoiceField(choices=choices), required=False, **kwargs)
