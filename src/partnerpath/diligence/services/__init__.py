"""Use-cases of due diligence, for views, the API, the command line and other apps."""

from partnerpath.diligence.services.checklists import (
    ChecklistLocked,
    SignOffRefused,
    answer_question,
    current_checklists,
    latest_checklist,
    rating_of,
    recompute,
    sign_off,
    sign_off_problems,
    start_checklist,
    with_answers,
)
from partnerpath.diligence.services.incidents import (
    incident_roles,
    incidents_of,
    may_read_incidents,
    readable_programme_ids,
    save_settings,
    settings_of,
)
from partnerpath.diligence.services.panel import Panel, panel_for
from partnerpath.diligence.services.profiles import (
    footprint_of,
    named_goods,
    profile_of,
    profiles_of,
    save_goods,
    today,
)
from partnerpath.diligence.services.protocols import ensure_protocol, next_step_number, protocol_of
from partnerpath.diligence.services.reference import (
    AlreadyImported,
    ReferenceFileError,
    ReferenceImportError,
    current_reference,
    datasets,
    import_reference,
)

__all__ = [
    "AlreadyImported",
    "ChecklistLocked",
    "Panel",
    "ReferenceFileError",
    "ReferenceImportError",
    "SignOffRefused",
    "answer_question",
    "current_checklists",
    "current_reference",
    "datasets",
    "ensure_protocol",
    "footprint_of",
    "import_reference",
    "incident_roles",
    "incidents_of",
    "latest_checklist",
    "may_read_incidents",
    "named_goods",
    "next_step_number",
    "panel_for",
    "profile_of",
    "profiles_of",
    "protocol_of",
    "rating_of",
    "readable_programme_ids",
    "recompute",
    "save_goods",
    "save_settings",
    "settings_of",
    "sign_off",
    "sign_off_problems",
    "start_checklist",
    "today",
    "with_answers",
]
