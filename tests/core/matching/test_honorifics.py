"""Case tables for honorifics and titles (screening-v4): Malay, Burmese, Thai, Khmer, Indonesian,
South Asian, Philippine and common titles, in Latin letters and in their own scripts."""

from __future__ import annotations

import pytest

from partnerpath.core.matching.entities import Schema
from partnerpath.core.matching.normalise import normalise_name

# (name, the words left, how many leading words are light titles)
TITLES = [
    ("Dato' Sri Najib Razak", ("najib", "razak"), 0),
    ("Dato' Seri Anwar Ibrahim", ("anwar", "ibrahim"), 0),
    ("Datuk Seri Ismail Sabri Yaakob", ("ismail", "sabri", "yaakob"), 0),
    ("Datuk Ahmad Zahid", ("ahmad", "zahid"), 0),
    ("Datin Rosmah Mansor", ("rosmah", "mansor"), 0),
    ("Tan Sri Muhyiddin Yassin", ("muhyiddin", "yassin"), 0),
    ("Tan Sri Tan Kim Hock", ("tan", "kim", "hock"), 0),  # the surname Tan stays
    ("Tan Kim Hock", ("tan", "kim", "hock"), 0),
    ("Puan Sri Noorainee Abdul Rahman", ("noorainee", "abdul", "rahman"), 0),
    ("Tun Dr Mahathir Mohamad", ("mahathir", "mohamad"), 0),
    ("Haji Abdul Hadi Awang", ("abdul", "hadi", "awang"), 0),
    ("Hajjah Siti Aishah binti Ahmad", ("siti", "aishah", "bint", "ahmad"), 0),
    ("Mohd Najib bin Tun Abdul Razak", ("muhammad", "najib", "bin", "abdul", "razak"), 0),
    ("Daw Aung San Suu Kyi", ("aung", "san", "suu", "kyi"), 0),
    ("U Win Myint", ("u", "win", "myint"), 1),  # Burmese U: light, "U" is also a name part
    ("Ko Aung Myint", ("ko", "aung", "myint"), 1),
    ("Ma Thida", ("ma", "thida"), 1),
    ("Senior General Min Aung Hlaing", ("min", "aung", "hlaing"), 0),
    ("Khun Somchai Wongsawat", ("somchai", "wongsawat"), 0),
    ("Nai Somchai Wongsawat", ("somchai", "wongsawat"), 0),
    ("Nang Somsri Wongsawat", ("nang", "somsri", "wongsawat"), 1),  # also a Shan name part
    ("Samdech Techo Hun Sen", ("hun", "sen"), 0),
    ("Oknha Ly Yong Phat", ("ly", "yong", "phat"), 0),
    ("H.E. Sar Kheng", ("sar", "kheng"), 0),
    ("He Lifeng", ("he", "lifeng"), 0),  # "He" without dots is a surname
    ("Mr. Lee Kuan Yew", ("lee", "kuan", "yew"), 0),
    ("Mrs Tan Wei Ling", ("tan", "wei", "ling"), 0),
    ("Dr. Tedros Adhanom", ("tedros", "adhanom"), 0),
    ("Sheikh Mohammed bin Rashid", ("mohammed", "bin", "rashid"), 0),
    ("Bapak Joko Widodo", ("joko", "widodo"), 0),
    ("Ir. H. Joko Widodo", ("h", "joko", "widodo"), 0),  # "H." stays an initial: H. Ross Perot
    ("Shri Narendra Modi", ("narendra", "modi"), 0),
    ("Smt. Nirmala Sitharaman", ("nirmala", "sitharaman"), 0),
    ("Atty. Juan dela Cruz", ("juan", "dela", "cruz"), 0),
    ("Pak Pong Ju", ("pak", "pong", "ju"), 1),  # the Korean surname Pak is only a light title
    # in their own scripts
    ("นายอนุทิน ชาญวีรกูล", ("anuthin", "chanwinkun"), 0),
    ("นางสาวแพทองธาร ชินวัตร", ("phaethongthan", "chinwatr"), 0),
    ("พลเอกประวิตร วงษ์สุวรรณ", ("prawitr", "wongsuwan"), 0),
    ("សម្តេច ហ៊ុន សែន", ("hun", "sen"), 0),
    ("ឯកឧត្តម ស ខេង", ("sa", "kheng"), 0),
    ("ဦးဝင်းမြင့်", ("win", "myin"), 0),
    ("ဒေါ်အောင်ဆန်းစုကြည်", ("aung", "san", "su", "kyi"), 0),
    ("ဗိုလ်ချုပ်မှူးကြီး မင်းအောင်လှိုင်", ("min", "aung", "hlaing"), 0),
    ("Ông Nguyễn Văn Bình", ("nguyen", "van", "binh"), 0),
]


@pytest.mark.parametrize(("name", "tokens", "light"), TITLES)
def test_it_takes_titles_off_person_names(name: str, tokens: tuple[str, ...], light: int) -> None:
    form = normalise_name(name, Schema.PERSON)
    assert form.tokens == tokens
    assert form.kinds[:light] == ("title",) * light
    assert "title" not in form.kinds[light:]


@pytest.mark.parametrize("name", ["Haji", "U Nu", "Tun"])
def test_a_title_alone_or_before_a_single_letter_stays_a_name(name: str) -> None:
    form = normalise_name(name, Schema.PERSON)
    assert form.tokens and "title" not in form.kinds[1:]


@pytest.mark.parametrize(
    ("name", "tokens"),
    [("Bapak Sejahtera Makmur", ("bapak", "sejahtera", "makmur")), ("Khun Group", ("khun",))],
)
def test_titles_are_only_taken_off_persons(name: str, tokens: tuple[str, ...]) -> None:
    assert normalise_name(name, Schema.COMPANY).tokens[: len(tokens)] == tokens
