"""Partnerships: the development journey, stage gates, trust work, agreements, health checks."""

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_save, pre_save


def _note_done_before(sender: Any, instance: Any, raw: bool = False, **kw: Any) -> None:
    """Whether the follow-up was done before this save, as the database has it."""
    stored = not raw and not instance._state.adding and instance.pk is not None
    instance._was_done = stored and (
        sender._default_manager.filter(pk=instance.pk, done_on__isnull=False).exists()
    )


def _record_tick(sender: Any, instance: Any, created: bool, raw: bool = False, **kw: Any) -> None:
    """A meeting's action item ticked or reopened anywhere goes on the partnership's timeline."""
    if raw or created:
        return
    from partnerpath.partnerships.services.meeting_log import record_tick

    record_tick(instance, getattr(instance, "_was_done", instance.is_done))


def _note_kind_before(sender: Any, instance: Any, raw: bool = False, **kw: Any) -> None:
    """The interaction's kind before this save, as the database has it."""
    stored = not raw and not instance._state.adding and instance.pk is not None
    instance._kind_before = (
        sender._default_manager.filter(pk=instance.pk).values_list("kind", flat=True).first()
        if stored
        else None
    )


def _sync_meeting(sender: Any, instance: Any, created: bool, raw: bool = False, **kw: Any) -> None:
    """A partnership meeting's interaction whose kind changed anywhere keeps is_workshop in step."""
    before = getattr(instance, "_kind_before", None)
    if raw or created or before == instance.kind:
        return
    from partnerpath.partnerships.services.meeting_log import sync_meeting_kind

    sync_meeting_kind(instance, before)


class PartnershipsConfig(AppConfig):
    name = "partnerpath.partnerships"
    label = "partnerships"
    verbose_name = "Partnerships"

    def ready(self) -> None:
        """Listen to the engagement log: a meeting's action items are ticked there too, and its
        kind (meeting, call, workshop...) decides whether it is a co-creation workshop."""
        from partnerpath.engagement.models import FollowUp, Interaction

        uid = "partnerships-action-tick"
        pre_save.connect(_note_done_before, sender=FollowUp, dispatch_uid=f"{uid}-pre")
        post_save.connect(_record_tick, sender=FollowUp, dispatch_uid=f"{uid}-post")
        uid = "partnerships-meeting-kind"
        pre_save.connect(_note_kind_before, sender=Interaction, dispatch_uid=f"{uid}-pre")
        post_save.connect(_sync_meeting, sender=Interaction, dispatch_uid=f"{uid}-post")
