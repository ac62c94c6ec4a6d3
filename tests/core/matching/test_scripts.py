"""Case tables for the script readers of screening-v4: Thai, Lao, Khmer and Burmese in Latin
letters, Han through ICU, and the key that merges Southeast Asian romanisation habits."""

from __future__ import annotations

import pytest

from partnerpath.core.matching.folding import fold, sea_key
from partnerpath.core.matching.scripts import native_words
from partnerpath.core.matching.scripts.myanmar import syllables


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        # Thai: implied vowels, final consonant values, silent letters (์), clusters, ร ร
        ("ประยุทธ์ จันทร์โอชา", "prayut chanocha"),
        ("ทักษิณ ชินวัตร", "thaksin chinwatr"),
        ("ชวน หลีกภัย", "chuan likphai"),
        ("ประวิตร วงษ์สุวรรณ", "prawitr wongsuwan"),
        ("สมชาย วงศ์สวัสดิ์", "somchai wongsawat"),
        ("กรุงเทพ", "krungthep"),
        # Lao, read through the Thai letters it shares an origin with
        ("ຄຳໄຕ ສີພັນດອນ", "khamtai siphandon"),
        # Khmer: the vowel depends on the consonant's series (changed by ៉ and ៊)
        ("ហ៊ុន សែន", "hun sen"),
        ("ហ៊ុន ម៉ាណែត", "hun manet"),
        ("ខៀវ សំផន", "khiev samphan"),
        ("នួន ជា", "nuon chea"),
        ("សម រង្ស៊ី", "sam rongsi"),
        # Burmese: one word per syllable
        ("မင်းအောင်လှိုင်", "min aung hlaing"),
        ("အောင်ဆန်းစုကြည်", "aung san su kyi"),
        ("သန်းရွှေ", "than shwe"),
        ("သိန်းစိန်", "thein sein"),
        ("ထင်ကျော်", "htin kyaw"),
        ("ဝင်းမြင့်", "win myin"),
        ("ခင်ညွန့်", "khin nyun"),
        # Han with a leading character read as a surname (单 is Shan as a surname)
        ("单田芳", "shan tian fang"),
        ("習近平", "xi jin ping"),
    ],
)
def test_it_reads_asian_scripts_as_their_names_are_spelt_in_latin(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize("text", ["ហ៊ុន សែន", "မင်းအောင်လှိုင်", "ຄຳໄຕ ສີພັນດອນ"])
def test_screening_v1_to_v3_keep_their_own_folding(text: str) -> None:
    assert fold(text) != fold(text, 1)


def test_burmese_is_cut_into_syllables_not_left_as_one_word() -> None:
    assert syllables("မင်းအောင်လှိုင်") == ["မင်း", "အောင်", "လှိုင်"]
    assert native_words("ဦး ဝင်းမြင့်", "Myanmar") == ("ဦး", "ဝင်း", "မြင့်")
    assert native_words("ทักษิณ ชินวัตร", "Thai") == ("ทักษิณ", "ชินวัตร")  # vowel signs kept


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("prayuth", "prayut"),
        ("phitha", "pita"),
        ("charnvirakul", "chanwirakul"),
        ("chhum", "chum"),
        ("htun", "tun"),
        ("thavisin", "thawisin"),
        ("jaroen", "charoen"),
    ],
)
def test_the_southeast_asian_key_merges_romanisation_habits(left: str, right: str) -> None:
    assert sea_key(left) == sea_key(right)


@pytest.mark.parametrize(("left", "right"), [("min", "win"), ("hun", "han"), ("sen", "san")])
def test_the_southeast_asian_key_keeps_consonants_and_short_vowels(left: str, right: str) -> None:
    assert sea_key(left) != sea_key(right)
