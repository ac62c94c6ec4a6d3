"""Private health-check links: the programme asks each partner's point-person, who has no
account, to rate the partnership's aspects themselves. Every answer for the same date joins one
health check; a link works once, until it expires or is revoked, and reaches nothing else."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from partnerpath.audit.context import acting_as
from partnerpath.core.wording import day, sentence_end
from partnerpath.partnerships.choices import EventKind
from partnerpath.partnerships.models import (
    HealthCheck,
    HealthCheckLink,
    HealthRating,
    Partner,
    Partnership,
)
from partnerpath.partnerships.services import timeline
from partnerpath.partnerships.services.health import NewRating, rate_as_partner


class LinkGone(Exception):
    """The link was revoked, has expired, or was used already."""

    def __init__(self, state: str) -> None:
        super().__init__(state)
        self.state = state


def links_of(partnership: Partnership) -> list[HealthCheckLink]:
    """The partnership's links, newest check first, with partners and point-persons."""
    return list(
        partnership.health_links.select_related(
            "partner__organisation", "partner__point_person", "created_by"
        ).order_by("-held_on", "partner_id", "-id")
    )


def ask_partners(
    partnership: Partnership,
    partners: Sequence[Partner],
    user: Any,
    days: int | None = None,
    today: date | None = None,
) -> list[HealthCheckLink]:
    """One link per partner for the check held today. ValueError for a partner of another
    partnership, without a point-person, or already asked for today's check."""
    if not partners:
        raise ValueError("Choose at least one partner to ask.")
    held_on = today or timezone.localdate()
    valid = days or settings.HEALTH_CHECK_LINK_DAYS
    expires = timezone.now() + timedelta(days=valid)
    with transaction.atomic(), acting_as(user):
        # Locked, so that two people asking at once cannot both send a link to one partner.
        Partnership.objects.select_for_update().filter(pk=partnership.pk).first()
        asked = set(
            HealthCheckLink.objects.filter(
                partnership=partnership, held_on=held_on, revoked_at__isnull=True
            ).values_list("partner_id", flat=True)
        )
        for partner in partners:
            if partner.partnership_id != partnership.pk:
                raise ValueError(f"{partner.organisation} is not a partner of this partnership.")
            if partner.point_person_id is None:
                raise ValueError(
                    f"{partner.organisation} has no point-person yet: name one on the overview, or"
                    " record its ratings yourself."
                )
            if partner.pk in asked:
                raise ValueError(
                    f"{partner.organisation} was already asked for the check of"
                    f" {day(held_on)}: revoke that link first to send a new one."
                )
        links = [
            HealthCheckLink.objects.create(
                programme_id=partnership.programme_id,
                partnership=partnership,
                partner=partner,
                held_on=held_on,
                expires_at=expires,
                created_by=user if user is not None and user.is_authenticated else None,
            )
            for partner in partners
        ]
        names = ", ".join(str(p.organisation) for p in partners)
        timeline.record(
            partnership,
            EventKind.HEALTH_CHECK,
            sentence_end(f"Partners asked to rate the health check of {day(held_on)}: {names}"),
            detail=f"Private links that work for {valid} days.",
        )
    return links


def private_url(request: HttpRequest, link: HealthCheckLink, now: datetime | None = None) -> str:
    """The address to send to the point-person ('' once it no longer works)."""
    if link.state(now or timezone.now()) != "open":
        return ""
    return request.build_absolute_uri(reverse("partner_health_check", args=[link.token]))


def revoke(link: HealthCheckLink, user: Any) -> None:
    """The link stops working at once; ValueError when it was revoked or used already."""
    if link.revoked_at is not None:
        raise ValueError("This link was revoked already.")
    if link.submitted_at is not None:
        raise ValueError("This link was used already: its ratings are part of the check.")
    with acting_as(user):
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at", "updated_at"])


def open_link(token: str, now: datetime | None = None) -> HealthCheckLink:
    """The link of a token; HealthCheckLink.DoesNotExist when unknown, LinkGone when revoked or
    expired (a used link still opens, to show the answers given)."""
    link = HealthCheckLink.objects.select_related(
        "partnership__programme", "partner__organisation", "partner__point_person"
    ).get(token=token)
    state = link.state(now or timezone.now())
    if state in ("revoked", "expired"):
        raise LinkGone(state)
    return link


def _label(link: HealthCheckLink) -> str:
    who = link.partner.point_person or link.partner.organisation
    return f"health-check link: {who}"[:150]


def submit(link: HealthCheckLink, ratings: Sequence[NewRating]) -> HealthCheck:
    """Store the partner's ratings in the check of the link's date; LinkGone when the link no
    longer works or was used (two submits at once: the second finds it used)."""
    with transaction.atomic(), acting_as(None, _label(link)):
        fresh = HealthCheckLink.objects.select_for_update().get(pk=link.pk)
        state = fresh.state(timezone.now())
        if state != "open":
            raise LinkGone(state)
        check = rate_as_partner(link.partnership, link.held_on, link.partner, ratings)
        fresh.submitted_at = timezone.now()
        fresh.health_check = check
        fresh.save(update_fields=["submitted_at", "health_check", "updated_at"])
    link.refresh_from_db()
    return check


def ratings_given(link: HealthCheckLink) -> list[HealthRating]:
    """The ratings the partner gave through ``link`` (none before it was used)."""
    if link.submitted_at is None or link.health_check_id is None:
        return []
    return list(
        HealthRating.objects.filter(
            health_check_id=link.health_check_id, partner=link.partner
        ).order_by("id")
    )
