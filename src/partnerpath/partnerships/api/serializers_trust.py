"""Serializers of a partnership's trust work and health in the API: internal buy-in at company
partners (read and set), recording a health check with its ratings, and the private links that
ask partners to rate."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rest_framework import serializers

from partnerpath.api.fields import id_field
from partnerpath.partnerships.api.serializers import CodeField
from partnerpath.partnerships.choices import Aspect, Department, Light, Stance
from partnerpath.partnerships.models import HealthCheckLink, Partner, Partnership
from partnerpath.partnerships.services.health import NewRating, held_on_problem


class BuyInRowSerializer(serializers.Serializer[Any]):
    """One department's stance at a company partner, its champion and notes."""

    department = CodeField(Department.choices)
    department_label = serializers.CharField(read_only=True)
    stance = CodeField(Stance.choices)
    champion = id_field(
        required=False, allow_null=True, help_text="A contact at the partner (its id), or null."
    )
    champion_name = serializers.CharField(read_only=True)
    notes = serializers.CharField(required=False, allow_blank=True, max_length=4000, default="")
    recorded = serializers.BooleanField(
        read_only=True, help_text="false: nothing recorded yet (not engaged)."
    )


class BuyInPartnerSerializer(serializers.Serializer[Any]):
    """A company partner's buy-in: every department, and a line that sums it up."""

    partner = serializers.IntegerField()
    organisation_name = serializers.CharField()
    summary = serializers.CharField()
    departments = BuyInRowSerializer(many=True)


class BuyInSetSerializer(serializers.Serializer[Any]):
    """Set some departments of one company partner; departments left out stay as they are."""

    partner = id_field(help_text="A company partner of this partnership (its id).")
    departments = BuyInRowSerializer(many=True, allow_empty=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        partnership: Partnership = self.context["partnership"]
        partner = (
            partnership.partners.select_related("organisation")
            .filter(pk=attrs["partner"], role="company_partner")
            .first()
        )
        if partner is None:
            raise serializers.ValidationError(
                {"partner": ["Choose a company partner of this partnership."]}
            )
        seen: set[str] = set()
        contacts = set(partner.organisation.contacts.values_list("pk", flat=True))
        errors: dict[str, Any] = {}
        for index, row in enumerate(attrs["departments"]):
            if row["department"] in seen:
                errors[str(index)] = {"department": ["Each department once."]}
            seen.add(row["department"])
            if row.get("champion") is not None and row["champion"] not in contacts:
                errors[str(index)] = {
                    "champion": [f"Choose a contact at {partner.organisation} (a contact id)."]
                }
        if errors:
            raise serializers.ValidationError({"departments": errors})
        attrs["partner"] = partner
        return attrs


class RatingInSerializer(serializers.Serializer[Any]):
    """One partner's light for one aspect, with a comment."""

    partner = id_field(help_text="A partner of this partnership (its id).")
    aspect = CodeField(Aspect.choices)
    light = CodeField(Light.choices)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class HealthCheckInSerializer(serializers.Serializer[Any]):
    """A health check as the team records it: the date it was held (not in the future, not
    before the partnership was created), notes, and at least one rating."""

    held_on = serializers.DateField()
    notes = serializers.CharField(required=False, allow_blank=True, max_length=4000, default="")
    ratings = RatingInSerializer(many=True, allow_empty=False)

    def validate_held_on(self, value: Any) -> Any:
        problem = held_on_problem(self.context["partnership"], value)
        if problem:
            raise serializers.ValidationError(problem)
        return value

    def validate_ratings(self, value: list[dict[str, Any]]) -> list[NewRating]:
        """Each rating from a partner of this partnership, each partner's aspect once."""
        partnership: Partnership = self.context["partnership"]
        partners = {p.pk: p for p in partnership.partners.select_related("organisation")}
        errors: dict[str, Any] = {}
        seen: set[tuple[int, str]] = set()
        found = []
        for index, row in enumerate(value):
            partner: Partner | None = partners.get(row["partner"])
            if partner is None:
                errors[str(index)] = {"partner": ["Not a partner of this partnership."]}
                continue
            if (partner.pk, row["aspect"]) in seen:
                errors[str(index)] = {"aspect": ["This partner rates each aspect once."]}
            seen.add((partner.pk, row["aspect"]))
            found.append(NewRating(partner, row["aspect"], row["light"], row["comment"].strip()))
        if errors:
            raise serializers.ValidationError(errors)
        return found


class HealthLinkSerializer(serializers.ModelSerializer[HealthCheckLink]):
    """A private link that asks one partner's point-person to rate the check of `held_on`;
    `url` only for team members, while the link is open."""

    organisation_name = serializers.CharField(source="partner.organisation.name", read_only=True)
    state = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = HealthCheckLink
        fields = [
            "id",
            "partner",
            "organisation_name",
            "held_on",
            "state",
            "expires_at",
            "submitted_at",
            "revoked_at",
            "health_check",
            "url",
        ]
        read_only_fields = fields

    def _now(self) -> datetime:
        now: datetime = self.context["now"]
        return now

    def get_state(self, obj: HealthCheckLink) -> str:
        """open, submitted, expired or revoked."""
        return obj.state(self._now())

    def get_url(self, obj: HealthCheckLink) -> str:
        """The address to send ('' for read-only roles and once it no longer works)."""
        from partnerpath.partnerships.services.health_links import private_url

        if not self.context.get("can_edit"):
            return ""
        return private_url(self.context["request"], obj, self._now())


class AskSerializer(serializers.Serializer[Any]):
    """Which partners to ask (ids of partners with a point-person) and for how many days."""

    partners = serializers.ListField(child=id_field(), allow_empty=False)
    days = serializers.IntegerField(min_value=1, max_value=90, required=False, allow_null=True)

    def validate_partners(self, value: list[int]) -> list[Partner]:
        partnership: Partnership = self.context["partnership"]
        found = {
            p.pk: p
            for p in partnership.partners.select_related("organisation").filter(pk__in=value)
        }
        unknown = [str(pk) for pk in value if pk not in found]
        if unknown:
            raise serializers.ValidationError(
                f"Not partners of this partnership: {', '.join(unknown)}."
            )
        return [found[pk] for pk in dict.fromkeys(value)]


class ProblemSerializer(serializers.Serializer[Any]):
    """A refusal in words."""

    detail = serializers.CharField()
