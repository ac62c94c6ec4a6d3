"""The engagement log's changes seen from the partnerships side: a partnership meeting is an entry
of the log, so an action item ticked there, or a kind changed there (page or API), goes on the
partnership's timeline and keeps the meeting in step. Called by the signal handlers in apps.py."""

from __future__ import annotations

from partnerpath.engagement.choices import InteractionKind
from partnerpath.engagement.models import FollowUp, Interaction
from partnerpath.partnerships.choices import EventKind
from partnerpath.partnerships.models import Meeting
from partnerpath.partnerships.services import timeline


def record_tick(follow_up: FollowUp, was_done: bool) -> None:
    """Put a meeting's action item ticked or reopened on the timeline, wherever it was saved."""
    if follow_up.is_done == was_done:
        return
    meetings = Meeting.objects.select_related("partnership")
    meeting = meetings.filter(interaction_id=follow_up.interaction_id).first()
    if meeting is not None:
        done = "done" if follow_up.is_done else "reopened"
        text = f"Action item {done}: {follow_up.description}"
        timeline.record(meeting.partnership, EventKind.ACTION, text)


def sync_meeting_kind(interaction: Interaction, old_kind: str | None) -> None:
    """The engagement log's kind of a partnership meeting decides whether it is a co-creation
    workshop: an interaction changed anywhere (page or API) keeps the meeting in step, and the
    change goes on the partnership's timeline."""
    meeting = (
        Meeting.objects.select_related("partnership").filter(interaction_id=interaction.pk).first()
    )
    if meeting is None:
        return
    workshop = interaction.kind == InteractionKind.WORKSHOP
    if meeting.is_workshop == workshop:
        return
    meeting.is_workshop = workshop
    meeting.save(update_fields=["is_workshop", "updated_at"])
    kinds = dict(InteractionKind.choices)
    now = str(kinds.get(interaction.kind, interaction.kind)).lower()
    before = str(kinds.get(old_kind or "", old_kind or "meeting")).lower()
    if workshop:
        summary = f"“{interaction.title}” is now a co-creation workshop (was a {before})."
    else:
        summary = f"“{interaction.title}” is now a {now}, no longer a co-creation workshop."
    timeline.record(
        meeting.partnership, EventKind.MEETING, summary + " Changed in the engagement log."
    )
