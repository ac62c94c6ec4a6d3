"""Score-card template versions of a programme: the default card stored on first use, and
tailored versions made by the core's `tailor()` (never an edit of a stored version)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from partnerpath.accounts.models import Programme
from partnerpath.core.scorecard.template import tailor
from partnerpath.core.scorecard.template_files import default_template, template_to_data
from partnerpath.prioritisation.models import ScorecardTemplateVersion


def template_versions(programme: Programme) -> QuerySet[ScorecardTemplateVersion]:
    """The programme's template versions, the default stored first if there is none yet."""
    default_template_version(programme)
    return ScorecardTemplateVersion.objects.filter(programme=programme).order_by("name", "version")


def default_template_version(programme: Programme) -> ScorecardTemplateVersion:
    """The default card (scorecard-default-v1) of the programme, stored from the core's packaged
    file on first use."""
    template = default_template()
    found = ScorecardTemplateVersion.objects.filter(
        programme=programme, name=template.name, version=template.version
    ).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return ScorecardTemplateVersion.objects.create(
                programme=programme,
                name=template.name,
                version=template.version,
                title=template.title,
                document=_json_ready(template_to_data(template)),
            )
    except IntegrityError:  # another request stored it first
        return ScorecardTemplateVersion.objects.get(
            programme=programme, name=template.name, version=template.version
        )


def _json_ready(data: dict[str, Any]) -> dict[str, Any]:
    """Anchor points as text keys, as JSON stores them (the core reads both)."""
    for group in data["groups"]:
        for factor in group["factors"]:
            factor["anchors"] = {str(k): v for k, v in factor["anchors"].items()}
    return data


class TailoringError(ValueError):
    """The tailored card is not valid; the message lists the problems."""


def tailor_version(
    base: ScorecardTemplateVersion,
    user: Any,
    *,
    drop: Sequence[str] = (),
    labels: Mapping[str, str] | None = None,
    anchors: Mapping[str, Sequence[str]] | None = None,
    group_weights: Mapping[str, float] | None = None,
    factor_weights: Mapping[str, float] | None = None,
) -> ScorecardTemplateVersion:
    """Store the programme's tailored version of a template as the next version of its name."""
    try:
        template = tailor(
            base.template,
            drop=drop,
            labels=labels,
            anchors=anchors,
            group_weights=group_weights,
            factor_weights=factor_weights,
        )
    except ValueError as exc:
        raise TailoringError(str(exc)) from None
    latest = (
        ScorecardTemplateVersion.objects.filter(programme=base.programme, name=base.name)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    version = max(template.version, (latest or 0) + 1)
    data = _json_ready(template_to_data(template))
    data["version"] = version
    data["id"] = f"{template.name}-v{version}"
    return ScorecardTemplateVersion.objects.create(
        programme=base.programme,
        name=template.name,
        version=version,
        title=template.title,
        document=data,
        based_on=base.template_id,
        created_by=user,
    )
