"""Inline SVG charts of the results pages: the tornado of one opportunity, rank stability and
ranks per round. Labels and text alternatives are in the SVG, bar widths follow the values, and
empty inputs give a sentence instead of a broken chart."""

from __future__ import annotations

import re

import pytest

from partnerpath.prioritisation import charts
from tests.prioritisation.conftest import fill_all

P = "/p/mekong/prioritisation"


def _widths(svg: str, colour: str) -> list[float]:
    return [
        float(w)
        for w, c in re.findall(
            r'<rect x="[^"]+" y="[^"]+" width="([^"]+)" [^>]*fill="([^"]+)"', svg
        )
        if c == colour
    ]


def test_the_stability_chart_labels_every_opportunity_and_scales_its_bars():
    lines = [
        charts.StabilityLine("Shelter equipment", 0.25, 0.0),
        charts.StabilityLine("Worker voice <at sea>", 1.0, 0.8),
        charts.StabilityLine("Ethical recruitment pilot", 0.5, 0.2),
    ]
    svg = charts.stability_svg(lines, 2, 100.0, 5000)
    assert svg.startswith("<svg") and "<title>Rank stability</title>" in svg and "<desc>" in svg
    assert "Worker voice &lt;at sea&gt;" in svg and "<at sea>" not in svg  # escaped
    for title in ("Shelter equipment", "Ethical recruitment pilot"):
        assert title in svg
    assert "concentration 100" in svg and "P(top 2)" in svg
    # most stable first; the first bar of each colour is the legend's swatch
    top = _widths(svg, charts.TOP_COLOUR)[1:]
    assert top == pytest.approx([1.0 * charts.PLOT_WIDTH, 0.5 * charts.PLOT_WIDTH, 105.0])
    first = _widths(svg, charts.FIRST_COLOUR)[1:]
    assert first == pytest.approx([0.8 * charts.PLOT_WIDTH, 0.2 * charts.PLOT_WIDTH, 0.0])
    assert svg.index("Worker voice") < svg.index("Ethical recruitment") < svg.index("Shelter")


def test_the_tornado_draws_each_weight_either_side_of_the_total():
    lines = [
        charts.TornadoLine("Risk", 58.0, 62.0, 2, 1),
        charts.TornadoLine("Business value (group)", 59.0, 61.0, 1, 1),
    ]
    svg = charts.tornado_svg("Worker voice", 60.0, 1, lines, 0.2)
    assert "Risk" in svg and "Business value (group)" in svg and "Worker voice" in svg
    assert "weight -20%" in svg and "weight +20%" in svg and "rank 2 / 1" in svg
    # the first bar of each colour is the legend's swatch
    low, high = _widths(svg, charts.LOW_COLOUR)[1:], _widths(svg, charts.HIGH_COLOUR)[1:]
    assert low == pytest.approx([charts.PLOT_WIDTH / 2, charts.PLOT_WIDTH / 4])
    assert high == pytest.approx([charts.PLOT_WIDTH / 2, charts.PLOT_WIDTH / 4])
    assert "<desc>Tornado chart for Worker voice" in svg


def test_the_slope_chart_colours_movements_between_rounds():
    lines = [
        charts.SlopeLine("Worker voice", (2, 1)),
        charts.SlopeLine("Shelter equipment", (1, 2)),
        charts.SlopeLine("Ethical pilot", (3, 3)),
        charts.SlopeLine("Newcomer", (None, 4)),
    ]
    svg = charts.slope_svg(["Internal", "Donor"], lines)
    for text in ("Internal", "Donor", "Worker voice", "Shelter equipment", "Newcomer"):
        assert text in svg
    assert f'stroke="{charts.UP_COLOUR}"' in svg and f'stroke="{charts.DOWN_COLOUR}"' in svg
    assert f'stroke="{charts.SAME_COLOUR}"' in svg
    assert "Worker voice: Internal rank 2 → Donor rank 1 (up)" in svg
    assert "Newcomer: not scored → 4" in svg


def test_empty_inputs_give_a_sentence_not_a_chart():
    assert "<svg" not in charts.stability_svg([], 3, 100.0, 0)
    assert "not varied" in charts.stability_svg([], 3, 100.0, 0)
    assert "No weights to vary" in charts.tornado_svg("X", 50.0, 1, [], 0.2)
    assert "at least two rounds" in charts.slope_svg(["Only"], [charts.SlopeLine("X", (1,))])
    assert "<svg" not in charts.slope_svg(["A", "B"], [])


def test_equal_totals_draw_zero_width_bars_rather_than_failing():
    svg = charts.tornado_svg("Flat", 50.0, 1, [charts.TornadoLine("Risk", 50.0, 50.0, 1, 1)], 0.2)
    assert _widths(svg, charts.LOW_COLOUR)[1:] == [0.0]


@pytest.mark.django_db
def test_the_results_page_draws_stability_and_a_tornado_for_the_chosen_opportunity(
    cast, round_, opps, client_for
):
    from partnerpath.prioritisation.services import rounds

    member = {"Worker voice at sea": 5, "Ethical recruitment pilot": 2}
    rounds.submit_sheet(fill_all(round_, cast.member, member), cast.member)
    rounds.submit_sheet(fill_all(round_, cast.reviewer, member), cast.reviewer)
    client = client_for(cast.viewer)
    url = f"{P}/rounds/{round_.pk}/results/"
    page = client.get(url).content.decode()
    assert "<title>Rank stability</title>" in page and "Dirichlet concentration 100" in page
    assert "<title>Tornado: Worker voice at sea</title>" in page  # the leader by default
    assert "Alignment to programme objectives" in page and "(group)" in page
    assert 'name="opportunity"' in page
    picked = client.get(f"{url}?opportunity={opps[1].pk}").content.decode()
    assert "<title>Tornado: Ethical recruitment pilot</title>" in picked
    unknown = client.get(f"{url}?opportunity=nonsense").content.decode()
    assert "<title>Tornado: Worker voice at sea</title>" in unknown


@pytest.mark.django_db
def test_the_compare_page_draws_ranks_per_round(cast, opps, client_for):
    from partnerpath.prioritisation.services import rounds, templates

    version = templates.default_template_version(cast.programme)
    internal = rounds.create_round(
        cast.programme, "Internal", version, None, [cast.owner], opps, cast.owner
    )
    donor = rounds.create_round(
        cast.programme, "Donor", version, None, [cast.member], opps, cast.owner
    )
    rounds.submit_sheet(fill_all(internal, cast.owner, {"Shelter equipment": 5}), cast.owner)
    rounds.submit_sheet(fill_all(donor, cast.member, {"Worker voice at sea": 5}), cast.member)
    page = client_for(cast.member).get(f"{P}/rounds/compare/").content.decode()
    assert "<title>Rank per round</title>" in page
    assert "Worker voice at sea: Internal rank 2 → Donor rank 1 (up)" in page


@pytest.mark.django_db
def test_one_round_on_the_compare_page_says_why_there_is_no_chart(cast, round_, client_for):
    from partnerpath.prioritisation.services import rounds

    rounds.submit_sheet(fill_all(round_, cast.member, {}), cast.member)
    rounds.close_round(round_, cast.owner)
    page = client_for(cast.owner).get(f"{P}/rounds/compare/").content.decode()
    assert "A chart needs at least two rounds with results." in page


@pytest.mark.django_db
def test_the_analysis_is_cached_until_a_score_changes(cast, round_, opps, monkeypatch):
    from partnerpath.prioritisation.services import results, rounds

    rounds.submit_sheet(fill_all(round_, cast.member, {"Shelter equipment": 5}), cast.member)
    calls = []
    real = results.analyse
    monkeypatch.setattr(results, "analyse", lambda *a, **k: calls.append(1) or real(*a, **k))
    first = results.round_results(round_)
    again = results.round_results(round_)
    assert len(calls) == 1 and again.lines[0].title == first.lines[0].title
    rounds.submit_sheet(fill_all(round_, cast.reviewer, {"Worker voice at sea": 5}), cast.reviewer)
    assert len(calls) == 1
    results.round_results(round_)
    assert len(calls) == 2
