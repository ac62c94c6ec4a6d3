"""Reference data: importing versions (all or nothing, checksummed, not twice), the data in force
(newest DOL and prevalence versions; each country's latest TIP year across versions), and the
`partnerpath reference` command, on our fixtures and on the real files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from partnerpath.cli import main
from tests.core.risk.helpers import FIXTURES, fixture

pytestmark = pytest.mark.django_db


def test_an_import_stores_a_version_with_its_rows_edition_and_checksum(
    reference: list[Any],
) -> None:
    goods, tiers, prevalence = reference
    assert (goods.kind, goods.edition, goods.row_count) == ("dol-goods", "2022", 6)
    assert goods.source_name.startswith("US DOL ILAB List of Goods")
    assert len(goods.checksum) == 64 and goods.goods.count() == 6
    assert any("Bricks" in n for n in goods.notes)
    assert (tiers.edition, tiers.row_count) == ("2024", 5)
    assert (prevalence.source_name, prevalence.row_count) == ("Walk Free Global Slavery Index", 4)


def test_a_malformed_file_stores_nothing(db: Any) -> None:
    from partnerpath.diligence.models import GoodsListingRow, ReferenceDataset
    from partnerpath.diligence.services import ReferenceFileError, import_reference

    with pytest.raises(ReferenceFileError, match="3 rows cannot be read"):
        import_reference("dol-goods", "bad.csv", fixture("dol_bad_rows.csv"), edition="2022")
    assert ReferenceDataset.objects.count() == GoodsListingRow.objects.count() == 0


def test_the_same_file_is_not_imported_twice(reference: list[Any]) -> None:
    from partnerpath.diligence.services import AlreadyImported, import_reference

    with pytest.raises(AlreadyImported) as caught:
        import_reference("dol-goods", "again.csv", fixture("dol_goods.csv"), edition="2024")
    assert caught.value.dataset == reference[0]


def test_an_edition_or_source_that_cannot_be_told_is_asked_for(db: Any) -> None:
    from partnerpath.diligence.services import ReferenceImportError, import_reference

    with pytest.raises(ReferenceImportError, match="--edition"):
        import_reference("dol-goods", "list.csv", fixture("dol_goods.csv"))
    with pytest.raises(ReferenceImportError, match="--source"):
        import_reference("prevalence", "figures.csv", b"country,prevalence\nTH,5\n", edition="x")


def test_tiers_combine_each_countrys_latest_year_across_versions(reference: list[Any]) -> None:
    from partnerpath.core.risk.reference import Tier
    from partnerpath.diligence.services import current_reference, import_reference

    import_reference("tip-tiers", "tip_tiers.csv", fixture("tip_tiers.csv"))
    tiers = current_reference().tiers
    assert (tiers["TH"][0].year, tiers["TH"][0].tier) == (2024, Tier.TIER_2)  # newer year wins
    assert (tiers["MM"][0].year, tiers["MM"][1].edition) == (2015, "2013-2015")  # only in 1999-2015
    assert tiers["GB"][0].tier is Tier.TIER_1


def test_the_newest_prevalence_version_replaces_the_older(reference: list[Any]) -> None:
    from partnerpath.diligence.services import current_reference, import_reference

    import_reference("prevalence", "p.csv", fixture("prevalence_generic.csv"), source_name="GSI")
    prevalence = current_reference().prevalence
    assert set(prevalence) == {"TH", "VN"}
    assert prevalence["VN"][1].name == "GSI"


def test_the_command_imports_and_lists_versions(db: Any, capsys: Any) -> None:
    assert (
        main(
            [
                "reference",
                "import",
                "dol-goods",
                str(FIXTURES / "dol_goods.xml"),
                "--edition",
                "2022",
                "--published",
                "2022-09-28",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "Imported 3 rows as version" in out and "edition 2022" in out
    assert main(["reference", "import", "dol-goods", str(FIXTURES / "dol_goods.xml")]) == 0
    assert "already imported" in capsys.readouterr().out
    assert main(["reference", "list"]) == 0
    listing = capsys.readouterr().out
    assert (
        "dol-goods" in listing
        and "(published 2022-09-28)" in listing
        and "dol_goods.xml" in listing
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["tip-tiers", str(FIXTURES / "tip_bad.csv")], "cannot be read; nothing was imported"),
        (["dol-goods", str(FIXTURES / "dol_latin1.csv"), "--edition", "1"], "not UTF-8 text"),
        (["dol-goods", str(FIXTURES / "dol_goods.csv")], "--edition"),
        (["prevalence", str(FIXTURES / "missing.csv")], "cannot read"),
    ],
)
def test_the_command_reports_bad_files_and_imports_nothing(
    db: Any, capsys: Any, args: list[str], message: str
) -> None:
    from partnerpath.diligence.models import ReferenceDataset

    assert main(["reference", "import", *args]) == 2
    assert message in capsys.readouterr().err
    assert not ReferenceDataset.objects.exists()


def test_the_list_says_when_nothing_is_imported(db: Any, capsys: Any) -> None:
    assert main(["reference", "list"]) == 0
    assert "No reference data imported yet" in capsys.readouterr().out


def test_imports_are_recorded_in_history(reference: list[Any]) -> None:
    from django.contrib.contenttypes.models import ContentType

    from partnerpath.audit.models import Change

    ct = ContentType.objects.get_for_model(type(reference[0]))
    change = Change.objects.get(content_type=ct, object_id=str(reference[0].pk))
    assert change.action == "create" and change.programme_id is None


@pytest.mark.shared_data
def test_the_real_files_import_through_the_command(shared_data: Path, db: Any, capsys: Any) -> None:
    from partnerpath.diligence.services import current_reference

    folder = shared_data / "reference"
    assert (
        main(
            [
                "reference",
                "import",
                "dol-goods",
                str(folder / "dol_ilab_goods_2022" / "goods_by_country_2022_list.csv"),
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "reference",
                "import",
                "tip-tiers",
                str(folder / "tip_tiers_1999_2015" / "tip_tiers_orig.csv"),
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "reference",
                "import",
                "prevalence",
                str(folder / "gsi_2023" / "Global_Slavery_Index_2023.csv"),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "Imported 467 rows" in out and "Imported 2251 rows" in out and "Imported 160 rows" in out
    current = current_reference()
    assert current.goods_dataset is not None and current.goods_dataset.edition == "2022"
    assert current.tiers["TH"][0].year == 2015 and current.tiers["TH"][1].edition == "2001-2015"
    assert current.prevalence["TH"][1].edition == "2023"


def test_importing_an_earlier_versions_file_again_puts_it_back_in_force(
    reference: list[Any], capsys: Any
) -> None:
    from partnerpath.diligence.services import (
        AlreadyImported,
        current_reference,
        import_reference,
        in_force_ids,
    )

    goods, tiers, prevalence = reference
    newer = import_reference(
        "dol-goods",
        "one-row.csv",
        fixture("dol_goods.csv").splitlines(True)[0] + fixture("dol_goods.csv").splitlines(True)[1],
        edition="2024",
    )
    assert current_reference().goods_dataset.edition == "2024"
    assert newer.pk in in_force_ids() and goods.pk not in in_force_ids()
    with pytest.raises(AlreadyImported) as caught:
        import_reference("dol-goods", "again.csv", fixture("dol_goods.csv"), edition="2022")
    assert caught.value.reinstated and "in force again" in str(caught.value)
    assert current_reference().goods_dataset.edition == "2022"
    assert goods.pk in in_force_ids() and newer.pk not in in_force_ids()
    assert tiers.pk in in_force_ids() and prevalence.pk in in_force_ids()
    assert main(["reference", "list"]) == 0
    listed = capsys.readouterr().out
    assert f"*{goods.pk:>7}" in listed and f" {newer.pk:>7}" in listed


def test_the_reference_page_marks_the_versions_in_force(reference: list[Any], cast, client_for):
    page = client_for(cast.viewer).get("/p/mekong/diligence/reference/").content.decode()
    assert page.count("in force</span>") == 3
