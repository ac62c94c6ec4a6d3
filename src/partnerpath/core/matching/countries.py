"""Countries for screening: codes from what lists and users write, country words in names."""

from __future__ import annotations

from functools import lru_cache

from rigour.territories import get_territories, lookup_territory

# Region words that qualify an organisation name like a country does ("Faberlic Europe").
_REGIONS = frozenset(
    {
        "europe",
        "asia",
        "africa",
        "america",
        "americas",
        "pacific",
        "middle east",
        "latin america",
        "north america",
        "south america",
        "asia pacific",
        "apac",
        "emea",
        "international",
        "global",
        "worldwide",
        "overseas",
    }
)


# Country names as written in company names in the country's own language.
_LOCAL_NAMES: dict[str, tuple[str, ...]] = {
    "ch": ("schweiz", "suisse", "svizzera"),
    "de": ("deutschland",),
    "mx": ("mexico",),
    "es": ("espana",),
    "jp": ("nippon", "nihon"),
    "th": ("thai",),
    "vn": ("viet nam",),
    "kr": ("korea",),
    "gb": ("uk", "britain"),
    "us": ("usa", "america"),
    "nl": ("nederland",),
    "cn": ("zhongguo",),
    "id": ("indonesia",),
    "ph": ("pilipinas",),
    "br": ("brasil",),
}


# Edition 2 (screening-v4): territories that qualify company names like countries, the names
# they go by, and words that are country adjectives rather than the country's name.
_MORE_NAMES: dict[str, tuple[str, ...]] = {
    "hk": ("hong kong", "hongkong", "hong kong sar"),
    "mo": ("macau", "macao", "macao sar"),
    "tw": ("taiwan",),
    "kh": ("kampuchea",),
    "mm": ("burma", "myanma"),
    "la": ("lao", "laos", "lao pdr"),
    "vn": ("viet nam", "vietnam"),
    "kr": ("south korea", "republic of korea"),
    "kp": ("north korea", "dprk"),
    "ph": ("philippines", "philippine"),
    "cn": ("china", "prc"),
    "ae": ("uae", "united arab emirates"),
    "gb": ("united kingdom", "great britain"),
    "us": ("united states", "united states of america"),
}
ADJECTIVES = frozenset({"thai", "nippon", "nihon", "philippine", "lao", "korea"})
_MAX_WORDS = 4
# Chinese company names begin with the province or city they are registered in (行政区划 +
# 字号 + 行业 + 组织形式); the trade name is what follows.
_PLACES = """
    anhui beijing chongqing fujian gansu guangdong guangxi guizhou hainan hebei heilongjiang
    henan hubei hunan jiangsu jiangxi jilin liaoning neimenggu ningxia qinghai shaanxi shandong
    shanghai shanxi sichuan tianjin xinjiang xizang yunnan zhejiang shenzhen guangzhou hangzhou
    nanjing wuhan chengdu xiamen dalian qingdao ningbo suzhou wuxi dongguan foshan xian shenyang
    harbin changsha zhengzhou jinan fuzhou kunming nanning hefei nanchang shijiazhuang taiyuan
    lanzhou urumqi hohhot guiyang haikou yinchuan xining lhasa zhuhai shantou tangshan yantai
    weifang zibo changzhou nantong yangzhou jiaxing shaoxing taizhou wenzhou jinhua yiwu
    quanzhou zhangzhou zhongshan huizhou jiangmen zhanjiang
"""
PLACE_WORDS = frozenset(_PLACES.split())


@lru_cache(maxsize=4096)
def country_code(value: str) -> str:
    """Lower-case ISO 3166 alpha-2 code for a code or name, or "" when unknown."""
    text = value.strip()
    if not text or text in ("-0-", "-"):
        return ""
    territory = lookup_territory(text)
    if territory is None:
        return ""
    return territory.code.split("-")[0]


@lru_cache(maxsize=1)
def _country_words() -> dict[str, str]:
    from partnerpath.core.matching.normalise import fold

    words: dict[str, str] = {}
    for territory in get_territories():
        if not territory.is_country or territory.is_historical:
            continue
        code = territory.code.split("-")[0]
        for name in (territory.name, territory.full_name, *_LOCAL_NAMES.get(code, ())):
            folded = fold(name)
            if folded and len(folded) > 3:
                words.setdefault(folded, code)
    return words


@lru_cache(maxsize=1)
def _country_words_v2() -> dict[tuple[str, ...], str]:
    from partnerpath.core.matching.normalise import fold

    words = {tuple(k.split()): v for k, v in _country_words().items()}
    for territory in get_territories():
        code = territory.code.split("-")[0]
        if territory.is_jurisdiction and not territory.is_historical:
            for name in (territory.name, territory.full_name):
                folded = fold(name)
                if folded and len(folded) > 3:
                    words.setdefault(tuple(folded.split()), code)
    for code, names in _MORE_NAMES.items():
        for name in names:
            words[tuple(name.split())] = code
    return {k: v for k, v in words.items() if len(k) <= _MAX_WORDS}


def merge_country_words(tokens: list[str]) -> tuple[list[str], dict[str, str]]:
    """Join the words of a country named in several ("hong kong" -> "hongkong") and say which
    tokens name a country: returns the tokens and {token: country code}."""
    table = _country_words_v2()
    out: list[str] = []
    found: dict[str, str] = {}
    i = 0
    while i < len(tokens):
        for size in range(min(_MAX_WORDS, len(tokens) - i), 0, -1):
            code = table.get(tuple(tokens[i : i + size]))
            if code is not None and (size > 1 or len(tokens[i]) > 2):
                token = "".join(tokens[i : i + size])
                out.append(token)
                found[token] = code
                i += size
                break
        else:
            out.append(tokens[i])
            i += 1
    return out, found


def country_in_token(token: str) -> str | None:
    """The country code a single name word stands for ("mexico" -> "mx"), or None."""
    return _country_words().get(token)


def is_region_word(token: str) -> bool:
    """Whether a name word names a world region rather than a country."""
    return token in _REGIONS
