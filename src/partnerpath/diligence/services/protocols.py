"""Use-cases of the risk protocol: the programme's protocol (created on first use) with its
referral contacts and steps."""

from __future__ import annotations

from django.db.models import Prefetch

from partnerpath.accounts.models import Programme
from partnerpath.diligence.choices import ProtocolScope
from partnerpath.diligence.models import ProtocolStep, ReferralContact, RiskProtocol


def protocol_of(programme: Programme) -> RiskProtocol | None:
    """The programme-wide protocol with its contacts and steps, if one is written."""
    return (
        RiskProtocol.objects.filter(programme=programme, scope=ProtocolScope.PROGRAMME)
        .prefetch_related(
            Prefetch("contacts", queryset=ReferralContact.objects.all()),
            Prefetch("steps", queryset=ProtocolStep.objects.all()),
        )
        .first()
    )


def ensure_protocol(programme: Programme) -> RiskProtocol:
    """The programme-wide protocol, created empty when there is none yet."""
    protocol, _ = RiskProtocol.objects.get_or_create(
        programme=programme, scope=ProtocolScope.PROGRAMME
    )
    return protocol


def next_step_number(protocol: RiskProtocol) -> int:
    """The number a new step gets: one after the last."""
    last = protocol.steps.order_by("-order").values_list("order", flat=True).first()
    return (last or 0) + 1
