"""Countries: ISO codes and what people type in spreadsheets."""

import pytest

from partnerpath.core.countries import country_choices, country_name, is_country_code, parse_country


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("TH", "TH"),
        ("th", "TH"),
        ("THA", "TH"),
        ("Thailand", "TH"),
        ("Viet Nam", "VN"),
        ("Vietnam", "VN"),
        ("Lao PDR", "LA"),
        ("Laos", "LA"),
        ("Burma", "MM"),
        ("Myanmar", "MM"),
        ("  malaysia ", "MY"),
        ("United Kingdom", "GB"),
        ("UK", "GB"),
        ("Kosovo", "XK"),
        ("", None),
        ("Atlantis", None),
        ("ZZ", None),
    ],
)
def test_it_reads_codes_and_common_names(text, code):
    assert parse_country(text) == code


def test_names_and_codes():
    assert country_name("VN") == "Vietnam"
    assert country_name("QQ") == "QQ"
    assert is_country_code("kh") and not is_country_code("XX")
    assert ("TH", "Thailand") in country_choices()
