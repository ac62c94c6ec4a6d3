"""Small helpers that create programme records for tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from partnerpath.engagement.models import Connection, FollowUp, Interaction
from partnerpath.registry.models import Contact, Organisation


def organisation(
    programme: Any, name: str = "Siam Seafood Co., Ltd.", **fields: Any
) -> Organisation:
    """An organisation of the programme."""
    fields.setdefault("kind", "company")
    return Organisation.objects.create(programme=programme, name=name, **fields)


def contact(org: Organisation, name: str = "Anong S.", **fields: Any) -> Contact:
    """A contact at the organisation."""
    return Contact.objects.create(
        programme_id=org.programme_id, organisation=org, name=name, **fields
    )


def interaction(
    programme: Any, orgs: list[Organisation], on: dt.date, title: str = "Intro call", **fields: Any
) -> Interaction:
    """An interaction with the organisations on a date."""
    fields.setdefault("kind", "call")
    item = Interaction.objects.create(programme=programme, occurred_on=on, title=title, **fields)
    item.organisations.set(orgs)
    return item


def follow_up(item: Interaction, description: str = "Send the brief", **fields: Any) -> FollowUp:
    """A follow-up action of an interaction."""
    return FollowUp.objects.create(
        programme_id=item.programme_id, interaction=item, description=description, **fields
    )


def connection(programme: Any, a: Any, b: Any, kind: str = "knows") -> Connection:
    """A connection between two people (users or contacts)."""
    fields: dict[str, Any] = {"programme": programme, "kind": kind}
    fields["from_contact" if isinstance(a, Contact) else "from_user"] = a
    fields["to_contact" if isinstance(b, Contact) else "to_user"] = b
    return Connection.objects.create(**fields)
