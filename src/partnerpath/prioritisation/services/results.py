"""Results of rounds, all computed by the score-card core: rows are mapped to the core's score
records (opportunity and rater ids as names), ranked, compared across rounds and tested against
the weights. Each round's results take a fixed number of queries, whatever its size."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db.models import Min

from partnerpath.core.scorecard.analysis import Analysis, analyse
from partnerpath.core.scorecard.results import (
    Disagreement,
    OpportunityResult,
    RoundComparison,
    RoundResult,
    compare_rounds,
    rank_round,
)
from partnerpath.core.scorecard.scores import (
    RawRecord,
    RoundScores,
    gather_scores,
    with_opportunities,
)
from partnerpath.core.scorecard.sensitivity import Stability, TopChange, tornado
from partnerpath.core.scorecard.template import Template
from partnerpath.core.scorecard.weights import Weights
from partnerpath.prioritisation import charts
from partnerpath.prioritisation.models import Opportunity, RaterSheet, Round, Score

SAMPLES = 5_000  # weight draws for rank stability on the results page
ANALYSIS_TTL = 60 * 60  # seconds a computed analysis stays in the cache
CHART_WIDTH = 600  # pixels for 100 points
BAR_HEIGHT = 22
GROUP_COLOURS = ("#1f6fb2", "#2e9a5a", "#b07a12", "#8a4fb0", "#c0504d", "#4f8f8f")


def may_see_results(round_: Round, user: Any) -> bool:
    """No anchoring: a rater of an open round sees others' scores only after submitting."""
    return round_.pk in visible_rounds([round_], user)


def visible_rounds(rounds: Sequence[Round], user: Any) -> set[int]:
    """Ids of the rounds whose results the user may see (no anchoring), in one query."""
    waiting = set(
        RaterSheet.objects.filter(
            round__in=[r.pk for r in rounds if r.is_open], rater=user, submitted_at__isnull=True
        ).values_list("round_id", flat=True)
    )
    return {r.pk for r in rounds if r.pk not in waiting}


@dataclass
class Loaded:
    """A round's submitted scores as the core's records, with names to show."""

    records: list[RawRecord]
    titles: dict[str, str]
    raters: dict[str, str]


def load(round_: Round) -> Loaded:
    """Submitted sheets' scores of the round, in three queries."""
    return load_rounds([round_])[round_.pk]


def load_rounds(rounds: Sequence[Round]) -> dict[int, Loaded]:
    """Submitted sheets' scores of each round, in three queries however many rounds."""
    ids = [r.pk for r in rounds]
    names = {r.pk: r.name for r in rounds}
    loaded = {pk: Loaded([], {}, {}) for pk in ids}
    scope = (
        Round.opportunities.through.objects.filter(round_id__in=ids)
        .order_by("opportunity__title", "opportunity_id")
        .values_list("round_id", "opportunity_id", "opportunity__title")
    )
    for round_id, pk, title in scope:
        loaded[round_id].titles[str(pk)] = title
    sheets = RaterSheet.objects.filter(round__in=ids, submitted_at__isnull=False).select_related(
        "rater"
    )
    for sheet in sheets:
        loaded[sheet.round_id].raters[str(sheet.rater_id)] = str(sheet.rater)
    rows = (
        Score.objects.filter(sheet__round__in=ids, sheet__submitted_at__isnull=False)
        .order_by("sheet__round_id", "sheet_id", "opportunity_id", "id")
        .values_list(
            "sheet__round_id",
            "opportunity_id",
            "sheet__rater_id",
            "factor",
            "score",
            "insufficient_information",
            "rationale",
        )
    )
    for round_id, o, r, f, score, na, why in rows:
        found = loaded[round_id]
        if str(o) in found.titles and (na or score is not None):  # opportunities still in scope
            value = "NA" if na else str(score)
            row = (len(found.records) + 1, str(o), str(r), f, value, names[round_id], why or "")
            found.records.append(row)
    return loaded


def rank(round_: Round, loaded: Loaded | None = None) -> RoundResult | None:
    """The round ranked by the core, or None before any sheet is submitted. Opportunities in
    scope that nobody scored are in it too, not ranked."""
    loaded = loaded or load(round_)
    if not loaded.records:
        return None
    template = round_.template_version.template
    (scores,) = gather_scores(loaded.records, template)
    return rank_round(template, with_opportunities(scores, loaded.titles), round_.weights())


@dataclass(frozen=True)
class Segment:
    """One group's points in an opportunity's stacked bar."""

    label: str
    points: float
    x: float
    width: float
    colour: str


@dataclass
class Line:
    """An opportunity's line on the results page."""

    pk: int
    title: str
    result: OpportunityResult
    segments: list[Segment]
    y: int
    stability: Stability | None
    factors: list[tuple[str, Any]] = field(default_factory=list)
    flagged: set[str] = field(default_factory=set)


@dataclass
class Results:
    """Everything the results page and its export show. `lines` has every opportunity in
    scope: the ranked ones best first, then those without enough scores to rank."""

    round: Round
    analysis: Analysis
    lines: list[Line]
    disagreements: list[tuple[str, str, Disagreement, list[tuple[str, Any, str]]]]
    top_change: TopChange | None
    change_text: str
    groups: list[tuple[str, str]]
    raters: dict[str, str]
    chart_height: int

    @property
    def stability_chart(self) -> str:
        """P(top k) and P(rank 1) per opportunity as an inline SVG (or a sentence)."""
        lines = [
            charts.StabilityLine(line.title, line.stability.p_top_k, line.stability.p_first)
            for line in self.lines
            if line.stability is not None
        ]
        a = self.analysis
        return charts.stability_svg(lines, a.top_k, a.concentration, a.samples)

    @property
    def ranked_lines(self) -> list[Line]:
        """The lines with a total and a rank, best first (what the charts draw)."""
        return [line for line in self.lines if line.result.ranked]

    @property
    def unranked_lines(self) -> list[Line]:
        """The lines without enough scores to rank."""
        return [line for line in self.lines if not line.result.ranked]

    @property
    def low_coverage_lines(self) -> list[Line]:
        """Ranked lines scored on less than the minimum share of the weight: warned about."""
        return [line for line in self.lines if line.result.low_coverage]

    def chosen(self, pk: object) -> Line | None:
        """The ranked line of the opportunity picked by its id (as text from the query string),
        else the leader's; None when nothing is ranked."""
        ranked = self.ranked_lines
        for line in ranked:
            if str(line.pk) == str(pk):
                return line
        return ranked[0] if ranked else None

    def tornado_chart(self, line: Line) -> str:
        """Which weights (factors and whole groups) move the line's total and rank most when
        each is lowered and raised by the analysis's swing: an inline SVG, widest first. Only
        for a ranked line: an unranked one has no total to move."""
        if line.result.rank is None:
            return ""
        a = self.analysis
        model = a.latest.model
        index = model.opportunities.index(str(line.pk))
        vector = a.latest.weights.vector(a.template)
        bars = tornado(model, vector, [index], a.swing)[str(line.pk)]
        labels = {f.key: f.label for f in a.template.factors}
        labels.update({g.key: f"{g.label} (group)" for g in a.template.groups})
        lines = [
            charts.TornadoLine(
                labels.get(b.item, b.item), b.total_low, b.total_high, b.rank_low, b.rank_high
            )
            for b in bars
        ]
        base = float(model.totals(vector[None, :])[0, index])
        return charts.tornado_svg(line.title, base, line.result.rank, lines, a.swing)


def round_results(round_: Round) -> Results | None:
    """Ranking, group values, disagreements, chart segments and sensitivity of one round."""
    loaded = load(round_)
    if not loaded.records:
        return None
    template = round_.template_version.template
    (scores,) = gather_scores(loaded.records, template)
    scores = with_opportunities(scores, loaded.titles)
    analysis = _analysis(template, scores, round_.weights(), round_.top_k, loaded.records)
    result = analysis.latest
    labels = {f.key: f.label for f in template.factors}
    flagged: dict[str, set[str]] = {}
    disagreements = []
    for d in result.disagreements:
        flagged.setdefault(d.opportunity, set()).add(d.factor)
        marks = [(loaded.raters.get(s.rater, s.rater), s.score, s.rationale) for s in d.scores]
        disagreements.append((loaded.titles[d.opportunity], labels[d.factor], d, marks))
    lines = []
    for i, item in enumerate(result.ranking):
        x = 0.0
        segments = []
        for gi, group in enumerate(item.groups if item.ranked else ()):
            width = group.points * CHART_WIDTH / 100
            colour = GROUP_COLOURS[gi % len(GROUP_COLOURS)]
            segments.append(Segment(group.label, group.points, x, width, colour))
            x += width
        lines.append(
            Line(
                int(item.opportunity),
                loaded.titles[item.opportunity],
                item,
                segments,
                i * (BAR_HEIGHT + 6),
                analysis.stability.get(item.opportunity),
                [(labels[f.key], f) for f in item.factors],
                flagged.get(item.opportunity, set()),
            )
        )
    return Results(
        round_,
        analysis,
        lines,
        disagreements,
        analysis.top_change,
        _change_text(
            analysis.top_change, loaded.titles, labels, analysis.top_k, len(result.ranked)
        ),
        [(g.label, GROUP_COLOURS[i % len(GROUP_COLOURS)]) for i, g in enumerate(template.groups)],
        loaded.raters,
        len(result.ranked) * (BAR_HEIGHT + 6),
    )


def _analysis(
    template: Template,
    scores: RoundScores,
    weights: Weights,
    top_k: int,
    records: list[RawRecord],
) -> Analysis:
    """The round's analysis, kept in Django's cache under a fingerprint of everything it is
    computed from (template version, weights, k, samples and every submitted score with its
    rationale), so a page visit recomputes the sensitivity only when something changed."""
    k = min(top_k, len(scores.opportunities))
    fingerprint = hashlib.sha256(
        repr(
            (
                template.id,
                sorted(weights.factors.items()),
                weights.method,
                k,
                SAMPLES,
                records,
                scores.opportunities,  # the scope: opportunities without rows are shown too
            )
        ).encode()
    ).hexdigest()
    key = f"prioritisation:analysis:{fingerprint}"
    found = cache.get(key)
    if isinstance(found, Analysis):
        return found
    analysis = analyse(template, [scores], weights, top_k=k, samples=SAMPLES)
    cache.set(key, analysis, ANALYSIS_TTL)
    return analysis


def _change_text(
    change: TopChange | None,
    titles: dict[str, str],
    labels: dict[str, str],
    top_k: int,
    ranked: int,
) -> str:
    """The smallest change of weights that alters the top k, in words."""
    if change is None and ranked == 0:
        return "No opportunity has enough scores to rank, so there is no top to change."
    if change is None and top_k >= ranked:
        every = "The only ranked opportunity is" if ranked == 1 else f"All {ranked} ranked"
        every += "" if ranked == 1 else " opportunities are"
        return f"{every} in the top {top_k}, so no change of weights can alter the top {top_k}."
    if change is None:
        return (
            f"No change of weights can alter the top {top_k}: its members score at least as "
            "well as every other opportunity on every factor."
        )
    moves = ", ".join(f"{labels[f]} {v:+.1f}" for f, v in change.changes)
    exact = "" if change.exact else " (approximate: some factors had no scores)"
    return (
        f"Moving {change.moved:.1f} percentage points of weight ({moves}) would let "
        f"{titles[change.entering]} reach {titles[change.leaving]}{exact}."
    )


@dataclass(frozen=True)
class Comparison:
    """Rounds side by side: their names and, per opportunity, its place in each."""

    rounds: list[Round]
    rows: list[tuple[str, RoundComparison]]

    @property
    def chart(self) -> str:
        """Rank per round as an inline SVG slope chart (or a sentence when it cannot be drawn)."""
        lines = [
            charts.SlopeLine(title, tuple(p.rank for p in row.places)) for title, row in self.rows
        ]
        return charts.slope_svg([r.name for r in self.rounds], lines)


def compare(rounds: Sequence[Round], user: Any) -> Comparison:
    """Rank and total per visible round side by side, with movements, in fixed queries."""
    visible = visible_rounds(rounds, user)
    shown = [r for r in rounds if r.pk in visible]
    loaded = load_rounds(shown)
    kept: list[Round] = []
    results: list[RoundResult] = []
    titles: dict[str, str] = {}
    for round_ in shown:
        found = rank(round_, loaded[round_.pk])
        if found is None:
            continue
        titles.update(loaded[round_.pk].titles)
        kept.append(round_)
        results.append(found)
    rows = [(titles[c.opportunity], c) for c in compare_rounds(results)]
    return Comparison(kept, rows)


def pipeline(rounds: Sequence[Round], selected: dict[int, str], user: Any) -> list[dict[str, Any]]:
    """Selected opportunities with their total and rank in the latest round that scored them,
    best total first, each with the partnership it grew into (None before one is started)."""
    comparison = compare(rounds, user)
    started = _partnerships_of(selected)
    lines: list[dict[str, Any]] = []
    seen = set()
    for title, row in comparison.rows:
        pk = int(row.opportunity)
        if pk not in selected:
            continue
        scored = [(r, p) for r, p in zip(comparison.rounds, row.places, strict=True) if p.rank]
        if not scored:  # in rounds, but never with enough scores to rank
            continue
        round_, place = scored[-1]
        seen.add(pk)
        lines.append(
            {
                "pk": pk,
                "title": title,
                "round": round_,
                "rank": place.rank,
                "total": place.total,
                "partnership": started.get(pk),
            }
        )
    lines.sort(key=lambda line: -float(line["total"]))
    lines += [
        {"pk": pk, "title": t, "round": None, "partnership": started.get(pk)}
        for pk, t in selected.items()
        if pk not in seen
    ]
    return lines


def _partnerships_of(selected: Iterable[int]) -> dict[int, int | None]:
    """The first partnership each opportunity grew into (None when none has), in one query."""
    ids = list(selected)
    if not ids:
        return {}
    found = Opportunity.objects.filter(pk__in=ids).annotate(started=Min("partnerships"))
    return dict(found.values_list("pk", "started"))
