"""The due-diligence checklist of an organisation: its questions (from the brief), the answers a
question takes, the overall rating by a versioned rule (dd-checklist-v1) with its reasons, the
second-person sign-off and the expiry after which it must be redone."""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from partnerpath.core.risk.profile import RiskLevel
from partnerpath.core.wording import plural

RULE_NAME = "dd-checklist-v1"
DEFAULT_VALID_MONTHS = 12


class Scale(StrEnum):
    """The kind of answer a question takes."""

    CONCERN = "concern"
    COMMITMENT = "commitment"
    VALUE = "value"


class Answer(StrEnum):
    """Every answer on any scale."""

    NO_CONCERN = "no_concern"
    MINOR_CONCERN = "minor_concern"
    SERIOUS_CONCERN = "serious_concern"
    YES = "yes"
    PARTLY = "partly"
    NO = "no"
    HIGH_VALUE = "high_value"
    SOME_VALUE = "some_value"
    NO_VALUE = "no_value"
    UNKNOWN = "unknown"


ANSWER_LABELS: Mapping[Answer, str] = {
    Answer.NO_CONCERN: "No concern",
    Answer.MINOR_CONCERN: "Minor concern",
    Answer.SERIOUS_CONCERN: "Serious concern",
    Answer.YES: "Yes",
    Answer.PARTLY: "Partly",
    Answer.NO: "No",
    Answer.HIGH_VALUE: "High",
    Answer.SOME_VALUE: "Some",
    Answer.NO_VALUE: "None",
    Answer.UNKNOWN: "Unknown",
}
SCALE_ANSWERS: Mapping[Scale, tuple[Answer, ...]] = {
    Scale.CONCERN: (
        Answer.NO_CONCERN,
        Answer.MINOR_CONCERN,
        Answer.SERIOUS_CONCERN,
        Answer.UNKNOWN,
    ),
    Scale.COMMITMENT: (Answer.YES, Answer.PARTLY, Answer.NO, Answer.UNKNOWN),
    Scale.VALUE: (Answer.HIGH_VALUE, Answer.SOME_VALUE, Answer.NO_VALUE, Answer.UNKNOWN),
}


class Rating(StrEnum):
    """The checklist's overall rating, from least to most severe."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    UNACCEPTABLE = "unacceptable"


RATING_ORDER: tuple[Rating, ...] = tuple(Rating)


@dataclass(frozen=True)
class Question:
    """One question of the checklist."""

    key: str
    text: str
    help: str
    scale: Scale
    trafficking: bool = False  # a serious, unremediated concern here rules a partnership out


QUESTIONS: tuple[Question, ...] = (
    Question(
        "company_trafficking",
        "Lawsuits or findings against the company on trafficking or forced labour",
        "Court cases, regulator or labour-inspection findings, import bans (e.g. a CBP withhold "
        "release order), credible NGO or media investigations. Screening hits may be cited.",
        Scale.CONCERN,
        trafficking=True,
    ),
    Question(
        "company_other_crimes",
        "Lawsuits or findings against the company on money laundering or other crimes",
        "Money laundering, corruption and bribery, sanctions breaches, fraud, other crimes.",
        Scale.CONCERN,
    ),
    Question(
        "people_trafficking",
        "Lawsuits or findings against its key individuals on trafficking or forced labour",
        "Owners, directors and managers listed on the organisation's page.",
        Scale.CONCERN,
        trafficking=True,
    ),
    Question(
        "people_other_crimes",
        "Lawsuits or findings against its key individuals on money laundering or other crimes",
        "Including sanctions and politically exposed persons where relevant.",
        Scale.CONCERN,
    ),
    Question(
        "policy",
        "A human-rights policy or modern slavery statement",
        "Published, covering forced labour and trafficking; a statement under the UK or Australian "
        "Modern Slavery Act counts. Partly: a general code that does not name forced labour.",
        Scale.COMMITMENT,
    ),
    Question(
        "goals_and_progress",
        "Measurable goals and reported progress",
        "Targets on forced labour, recruitment fees, audits or remediation, and reports on "
        "progress against them. Partly: goals without reported progress.",
        Scale.COMMITMENT,
    ),
    Question(
        "relationships_and_reputation",
        "Business relationships and reputation",
        "Owners, affiliates, suppliers and recruitment agents; reputation with consumers, "
        "investors, media, unions and workers.",
        Scale.CONCERN,
    ),
    Question(
        "development_value",
        "Development value the partner brings",
        "What the partnership would add to the programme's counter-trafficking objectives. It is "
        "weighed against the risk by the people deciding; it never lowers the rating.",
        Scale.VALUE,
    ),
)
QUESTION_BY_KEY: Mapping[str, Question] = {q.key: q for q in QUESTIONS}


@dataclass(frozen=True)
class GivenAnswer:
    """A question's answer as the rule sees it."""

    answer: Answer | None
    remediated: bool = False
    has_evidence: bool = False


@dataclass(frozen=True)
class ChecklistRating:
    """The rule's verdict: the rating (None until every question is answered) and why."""

    rule: str
    rating: Rating | None
    reasons: tuple[str, ...]
    unanswered: tuple[str, ...]
    without_evidence: tuple[str, ...]

    @property
    def complete(self) -> bool:
        """Every question answered."""
        return not self.unanswered


def _question_floor(
    q: Question, given: GivenAnswer, inherent: RiskLevel | None
) -> tuple[Rating, str] | None:
    """The least rating one answer allows, and why (None: the answer allows low)."""
    a = given.answer
    high_setting = inherent in (RiskLevel.HIGH, RiskLevel.VERY_HIGH)
    if a is Answer.SERIOUS_CONCERN and q.trafficking:
        if given.remediated:
            return Rating.HIGH, f"{q.text}: serious concern, remediated."
        return Rating.UNACCEPTABLE, f"{q.text}: serious concern, not remediated."
    if a is Answer.SERIOUS_CONCERN:
        if given.remediated:
            return Rating.MEDIUM, f"{q.text}: serious concern, remediated."
        return Rating.HIGH, f"{q.text}: serious concern."
    if a is Answer.MINOR_CONCERN:
        return Rating.MEDIUM, f"{q.text}: minor concern."
    if a is Answer.NO and q.key == "policy":
        if high_setting:
            return Rating.HIGH, f"{q.text}: none, while the inherent risk is {inherent}."
        return Rating.MEDIUM, f"{q.text}: none."
    if a is Answer.NO and q.scale is Scale.COMMITMENT:
        return Rating.MEDIUM, f"{q.text}: none."
    if a is Answer.UNKNOWN and q.scale is not Scale.VALUE:
        return Rating.MEDIUM, f"{q.text}: unknown, so the rating cannot be low."
    return None


def rate_checklist(
    answers: Mapping[str, GivenAnswer], inherent: RiskLevel | None
) -> ChecklistRating:
    """dd-checklist-v1: the rating is the most severe floor. A serious finding of trafficking or
    forced labour (company or key individuals) is unacceptable unless remediated (then high);
    another serious concern is high (medium if remediated); a minor concern, a missing policy or
    missing goals, or an unknown answer is at least medium; no policy where the inherent risk is
    high or very high is high; a high or very high inherent risk is at least medium. Development
    value is recorded for the decision and never changes the rating. Unanswered: not rated."""
    unanswered = tuple(
        q.key for q in QUESTIONS if answers.get(q.key, GivenAnswer(None)).answer is None
    )
    without_evidence = tuple(
        q.key
        for q in QUESTIONS
        if (g := answers.get(q.key)) is not None
        and g.answer not in (None, Answer.UNKNOWN)
        and not g.has_evidence
    )
    if unanswered:
        missing = ", ".join(QUESTION_BY_KEY[k].text.lower() for k in unanswered)
        count = plural(len(unanswered), "question")
        reason = f"Not rated ({RULE_NAME}): {count} unanswered: {missing}."
        return ChecklistRating(RULE_NAME, None, (reason,), unanswered, without_evidence)
    floors = [
        f for q in QUESTIONS if (f := _question_floor(q, answers[q.key], inherent)) is not None
    ]
    if inherent in (RiskLevel.HIGH, RiskLevel.VERY_HIGH):
        floors.append(
            (Rating.MEDIUM, f"Inherent risk is {inherent}, so the rating is at least medium.")
        )
    rating = max((f[0] for f in floors), key=RATING_ORDER.index, default=Rating.LOW)
    deciding = [reason for level, reason in floors if level is rating]
    others = [reason for level, reason in floors if level is not rating]
    if not floors:
        deciding = ["No concern found, commitments in place and nothing unknown."]
    head = f"Rating {rating.value} ({RULE_NAME})."
    return ChecklistRating(RULE_NAME, rating, (head, *deciding, *others), (), without_evidence)


def sign_off_problems(
    rating: ChecklistRating,
    signer: int,
    answered_by: Sequence[int | None],
    last_editor: int | None,
    not_reviewed: Sequence[str] = (),
) -> list[str]:
    """Why a person may not sign the checklist off (empty: they may). The signer must be a second
    person: not anyone who answered a question, nor its last editor; every question answered,
    answers copied from the previous checklist reviewed again, and every answer other than
    "unknown" backed by evidence (a note, a web address or a document)."""
    problems = []
    if not rating.complete:
        count = len(rating.unanswered)
        problems.append(f"{plural(count, 'question')} {'is' if count == 1 else 'are'} unanswered.")
    if not_reviewed:
        names = ", ".join(QUESTION_BY_KEY[k].text.lower() for k in not_reviewed)
        problems.append(f"Review the answers copied from the previous checklist: {names}.")
    if rating.without_evidence:
        names = ", ".join(QUESTION_BY_KEY[k].text.lower() for k in rating.without_evidence)
        problems.append(f"Give evidence (a note, a web address or a document) for: {names}.")
    if signer in answered_by or signer == last_editor:
        problems.append("A second person must sign off: you answered questions on this checklist.")
    return problems


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class Status(StrEnum):
    """Where a checklist stands."""

    IN_PROGRESS = "in progress"
    SIGNED_OFF = "signed off"
    EXPIRED = "expired"
    SUPERSEDED = "superseded"


def status_of(
    signed_off_on: date | None, expires_on: date | None, superseded: bool, today: date
) -> Status:
    """A newer checklist supersedes this one; a signed-off checklist expires on its expiry date."""
    if superseded:
        return Status.SUPERSEDED
    if signed_off_on is None:
        return Status.IN_PROGRESS
    if expires_on is not None and expires_on <= today:
        return Status.EXPIRED
    return Status.SIGNED_OFF
