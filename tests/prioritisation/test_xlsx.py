"""XLSX sheets and results: a rater's sheet exports and imports back; a file with an unknown
factor, a score out of range, a wrong opportunity or edited locked cells writes nothing; the
results export is laid out like the brief's card."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.prioritisation.conftest import fill_all

pytestmark = pytest.mark.django_db
P = "/p/mekong/prioritisation"


def _exported(client: Any, round_: Any, query: str = "") -> Any:
    response = client.get(f"{P}/rounds/{round_.pk}/sheet/export/{query}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def _upload(client: Any, round_: Any, book: Any, query: str = "") -> Any:
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "sheet.xlsx"
    return client.post(f"{P}/rounds/{round_.pk}/sheet/import/{query}", {"file": data})


def _fill(book: Any, score: Any = 4) -> Any:
    ws = book["Scores"]
    for row in range(5, ws.max_row + 1):
        ws.cell(row=row, column=5, value=score)
        ws.cell(row=row, column=6, value="Seen offline")
    return book


def test_a_rater_scores_offline_and_imports_the_sheet_back(cast, round_, opps, client_for):
    from partnerpath.prioritisation.models import Score

    client = client_for(cast.reviewer)
    book = _exported(client, round_)
    ws = book["Scores"]
    assert ws.protection.sheet and ws.cell(row=5, column=1).protection.locked
    assert not ws.cell(row=5, column=5).protection.locked
    assert ws.max_row == 4 + 3 * 15
    _fill(book)
    ws.cell(row=6, column=5, value="NA")
    response = _upload(client, round_, book)
    assert response.status_code == 302
    saved = Score.objects.filter(sheet__rater=cast.reviewer)
    assert saved.count() == 45 and saved.filter(insufficient_information=True).count() == 1
    assert set(saved.values_list("rationale", flat=True)) == {"Seen offline"}
    again = _exported(client, round_)["Scores"]
    assert again.cell(row=5, column=5).value == 4 and again.cell(row=6, column=5).value == "NA"


def _break_factor(ws: Any) -> None:
    ws.cell(row=5, column=3, value="charisma")


def _break_score(ws: Any) -> None:
    ws.cell(row=7, column=5, value=6)


def _break_opportunity(ws: Any) -> None:
    ws.cell(row=8, column=1, value=999999)


def _break_locked(ws: Any) -> None:
    ws.cell(row=9, column=2, value="Renamed opportunity")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (_break_factor, "row 5: unknown factor &#x27;charisma&#x27;"),
        (_break_score, "row 7: score 6 is out of range 1-5"),
        (_break_opportunity, "row 8: opportunity 999999 is not scored in this round"),
        (_break_locked, "row 9: the locked cells (opportunity, factor) were edited"),
    ],
    ids=["unknown factor", "out of range", "wrong opportunity", "edited locked cells"],
)
def test_a_sheet_with_any_problem_writes_nothing(
    cast, round_, client_for, edit: Callable[[Any], None], message: str
):
    from partnerpath.prioritisation.models import Score

    client = client_for(cast.member)
    book = _fill(_exported(client, round_))
    edit(book["Scores"])
    response = _upload(client, round_, book)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Score.objects.exists()


def test_a_sheet_of_another_rater_is_refused(cast, round_, client_for):
    from partnerpath.prioritisation.models import Score

    book = _fill(_exported(client_for(cast.member), round_))
    response = _upload(client_for(cast.reviewer), round_, book)
    assert "is not the sheet of reviewer" in response.content.decode()
    assert not Score.objects.exists()


def test_a_locked_sheet_takes_no_import(cast, round_, client_for):
    from partnerpath.prioritisation.models import Score
    from partnerpath.prioritisation.services import rounds

    client = client_for(cast.member)
    book = _fill(_exported(client, round_), score=1)
    rounds.submit_sheet(fill_all(round_, cast.member, {}), cast.member)
    response = _upload(client, round_, book)
    assert "locked" in response.content.decode()
    assert set(Score.objects.values_list("score", flat=True)) == {3}


def test_a_team_member_imports_the_sheet_of_an_offline_rater(cast, round_, client_for):
    from partnerpath.prioritisation.models import Score

    client = client_for(cast.owner)
    query = f"?rater={cast.reviewer.pk}"
    response = _upload(client, round_, _fill(_exported(client, round_, query)), query)
    assert response.status_code == 302
    assert Score.objects.filter(sheet__rater=cast.reviewer).count() == 45
    viewer = client_for(cast.viewer)
    assert viewer.get(f"{P}/rounds/{round_.pk}/sheet/export/{query}").status_code == 403


def _column_a(ws: Any) -> list[Any]:
    return [ws.cell(row=r, column=1).value for r in range(1, ws.max_row + 1)]


def test_the_results_export_is_laid_out_like_the_card(cast, round_, client_for):
    from partnerpath.prioritisation.services import rounds

    for user in (cast.member, cast.reviewer):
        rounds.submit_sheet(fill_all(round_, user, {"Shelter equipment": 5}), user)
    response = client_for(cast.viewer).get(f"{P}/rounds/{round_.pk}/results/export/")
    ws = load_workbook(io.BytesIO(response.content))["Score card"]
    column_a = _column_a(ws)
    assert ws.cell(row=3, column=2).value == "Shelter equipment"
    assert "Development value (aggregated value)" in column_a
    assert "    Systemic change" in column_a
    total = column_a.index("Total score (0-100)") + 1
    assert column_a[total] == "Rank"
    assert ws.cell(row=total, column=2).value == 80.0
    assert (
        client_for(cast.outsider).get(f"{P}/rounds/{round_.pk}/results/export/").status_code == 404
    )


def test_the_results_export_writes_numbers_as_numbers(cast, round_, client_for):
    from partnerpath.prioritisation.services import rounds

    for user in (cast.member, cast.reviewer):
        rounds.submit_sheet(fill_all(round_, user, {"Shelter equipment": 5}), user)
    response = client_for(cast.viewer).get(f"{P}/rounds/{round_.pk}/results/export/")
    ws = load_workbook(io.BytesIO(response.content))["Score card"]
    rank = _column_a(ws).index("Rank") + 1
    ranks = [ws.cell(row=rank, column=c) for c in (2, 3, 4)]
    assert [c.value for c in ranks] == [1, 2, 2]  # numbers a spreadsheet can sort
    assert ranks[1].number_format == '"="0' and ranks[0].number_format == "General"  # shows =2
    means = [ws.cell(row=r, column=2).value for r in range(4, rank - 1)]
    assert all(isinstance(v, int | float) for v in means)


def test_the_results_export_says_what_the_results_were_computed_with(cast, round_, client_for):
    import datetime as dt

    from partnerpath.prioritisation.services import rounds, templates, weights

    version = templates.default_template_version(cast.programme)
    decision = weights.record_direct(
        version,
        {"development": 50, "business": 20, "government": 10, "risk_costs": 20},
        None,
        cast.owner,
        dt.date(2026, 11, 20),
        "Workshop of 20 November",
    )
    round_.weight_decision = decision
    round_.save()
    rounds.submit_sheet(fill_all(round_, cast.member, {}), cast.member)
    response = client_for(cast.member).get(f"{P}/rounds/{round_.pk}/results/export/")
    ws = load_workbook(io.BytesIO(response.content))["Score card"]
    rows = {
        ws.cell(row=r, column=1).value: [ws.cell(row=r, column=c).value for c in (2, 3)]
        for r in range(1, ws.max_row + 1)
    }
    assert rows["Template version"] == ["scorecard-default-v1", version.template.title]
    assert rows["Weights"][0] == "Entered directly"
    assert rows["Agreed by"][0] == "owner"
    assert rows["Agreed on"][0] == dt.datetime(2026, 11, 20)  # a date cell
    assert rows["Why"][0] == "Workshop of 20 November"
    assert rows["Weight of Development value (%)"][0] == 50
    submitted = rows["Rater, submitted"]
    assert submitted[0] == "member" and isinstance(submitted[1], dt.datetime)
    assert rows["Rater, not submitted (left out)"][0] == "reviewer"


def test_the_results_export_says_when_the_default_weights_were_used(cast, round_, client_for):
    from partnerpath.prioritisation.services import rounds

    rounds.submit_sheet(fill_all(round_, cast.member, {}), cast.member)
    response = client_for(cast.member).get(f"{P}/rounds/{round_.pk}/results/export/")
    ws = load_workbook(io.BytesIO(response.content))["Score card"]
    texts = [ws.cell(row=r, column=2).value for r in range(1, ws.max_row + 1)]
    assert "The template's default weights (none agreed on record)" in texts
