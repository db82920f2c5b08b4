"""Text for the ear: numbers, dates, currency, abbreviations, symbols and URLs written out as a reader says them."""

from __future__ import annotations

import re

from convert.speech.lexicon import Lexicon, builtin

ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
SCALES = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (1000, "thousand"))
ORDINAL_ENDINGS = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MONTH_ABBREVIATIONS = {m[:3]: m for m in MONTHS} | {"Sept": "September"}
MONTH = r"(?P<month>" + "|".join([*MONTHS, *MONTH_ABBREVIATIONS]) + r")\.?"
# Letters whose name a voice would otherwise read as a word ("A" as "uh").
LETTER_NAMES = {"A": "ay"}
CURRENCIES = {
    "US$": ("dollar", "dollars", "cent", "cents"),
    "$": ("dollar", "dollars", "cent", "cents"),
    "€": ("euro", "euros", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "¥": ("yen", "yen", "", ""),
    "₹": ("rupee", "rupees", "paisa", "paise"),
}
MULTIPLIERS = {
    "thousand": "thousand",
    "k": "thousand",
    "million": "million",
    "m": "million",
    "mn": "million",
    "billion": "billion",
    "bn": "billion",
    "b": "billion",
    "trillion": "trillion",
}
SYMBOLS = {
    "&": " and ",
    "+": " plus ",
    "=": " equals ",
    "@": " at ",
    "~": " about ",
    "×": " times ",
    "°C": " degrees Celsius",
    "°F": " degrees Fahrenheit",
    "°": " degrees",
    "№": " number ",
}


def cardinal(number: int) -> str:
    """A whole number in words: 1234 -> "one thousand two hundred thirty-four"."""
    if number < 0:
        return "minus " + cardinal(-number)
    if number < 20:
        return ONES[number]
    if number < 100:
        tens, ones = divmod(number, 10)
        return TENS[tens] + (f"-{ONES[ones]}" if ones else "")
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        return f"{ONES[hundreds]} hundred" + (f" {cardinal(rest)}" if rest else "")
    for size, name in SCALES:
        if number >= size:
            high, rest = divmod(number, size)
            return f"{cardinal(high)} {name}" + (f" {cardinal(rest)}" if rest else "")
    raise AssertionError("unreachable")


def ordinal(number: int) -> str:
    """An ordinal in words: 21 -> "twenty-first"."""
    words = cardinal(number)
    head, sep, last = words.rpartition("-") if "-" in words.split(" ")[-1] else words.rpartition(" ")
    if last in ORDINAL_ENDINGS:
        last = ORDINAL_ENDINGS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return head + sep + last


def year(number: int) -> str:
    """A year as people say it: 2024 "twenty twenty-four", 2005 "two thousand five", 1905 "nineteen oh five"."""
    if 2000 <= number <= 2009 or number % 1000 == 0:
        return cardinal(number)
    high, low = divmod(number, 100)
    if low == 0:
        return f"{cardinal(high)} hundred"
    return f"{cardinal(high)} {'oh ' if low < 10 else ''}{cardinal(low)}"


def decimal(text: str) -> str:
    """A written number, with thousands commas and decimals: "1,250.75" -> "one thousand ... point seven five"."""
    whole, _, fraction = text.replace(",", "").partition(".")
    words = cardinal(int(whole or "0"))
    if fraction:
        words += " point " + " ".join(ONES[int(d)] for d in fraction)
    return words


def number(text: str) -> str:
    """A written number read as a year when it looks like one (1100-2099, no comma), else as a quantity."""
    plain = text.replace(",", "")
    if re.fullmatch(r"1[1-9]\d\d|20\d\d", text):
        return year(int(plain))
    return decimal(text)


def letters(word: str) -> str:
    """An abbreviation spelled out: "UNODC" -> "U N O D C"; a plural "NGOs" -> "N G O's"."""
    plural = word.endswith("s") and word[:-1].isupper()
    core = word[:-1] if plural else word
    spelled = " ".join(LETTER_NAMES.get(c, c) for c in core if c.isalnum())
    return spelled + ("'s" if plural else "")


def _month(name: str) -> str:
    return MONTH_ABBREVIATIONS.get(name, name)


def _currency(match: re.Match[str]) -> str:
    one, many, cent, cents = CURRENCIES[match["symbol"]]
    amount = match["amount"].replace(",", "")
    scale = MULTIPLIERS.get((match["scale"] or "").lower(), "")
    if scale:
        return f"{decimal(amount)} {scale} {many}"
    whole, _, fraction = amount.partition(".")
    value = int(whole or "0")
    words = f"{cardinal(value)} {one if value == 1 else many}"
    if fraction and cent and int(fraction[:2].ljust(2, "0")):
        hundredths = int(fraction[:2].ljust(2, "0"))
        words += f" and {cardinal(hundredths)} {cent if hundredths == 1 else cents}"
    return words


def _time(match: re.Match[str]) -> str:
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    suffix = match["suffix"]
    period = f" {' '.join(suffix.lower().replace('.', ''))}" if suffix else ""
    if minute == 0:
        return cardinal(hour) + (period or " o'clock")
    return f"{cardinal(hour)} {'oh ' if minute < 10 else ''}{cardinal(minute)}{period}"


def _host(match: re.Match[str]) -> str:
    host = re.sub(r"^(?:https?://|ftp://)?(?:www\.)?", "", match[0], flags=re.I).split("/")[0].split(":")[0]
    return " dot ".join(part for part in host.lower().split(".") if part)


NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
URL = re.compile(r"\b(?:(?:https?|ftp)://|www\.)[^\s<>\"“”]+[^\s<>\"“”.,;:!?)\]]", re.I)
DAY_MONTH_YEAR = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)? {MONTH},? (?P<year>\d{{4}})\b")
MONTH_DAY_YEAR = re.compile(rf"\b{MONTH} (?P<day>\d{{1,2}})(?:st|nd|rd|th)?, (?P<year>\d{{4}})\b")
DAY_MONTH = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)? {MONTH}(?![\w])")
MONTH_DAY = re.compile(rf"\b{MONTH} (?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?![,.]?\d)")
ISO_DATE = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
TIME = re.compile(r"\b(?P<hour>[01]?\d|2[0-3])(?::(?P<minute>[0-5]\d))?\s?(?P<suffix>[ap]\.m\.|[ap]m\b)", re.I)
CLOCK = re.compile(r"\b(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?P<suffix>)\b")
CURRENCY = re.compile(
    rf"(?P<symbol>US\$|[$€£¥₹])\s?(?P<amount>{NUMBER})(?:\s?(?P<scale>thousand|million|billion|trillion|mn|bn|[kmb])\b)?"
)
RANGE = re.compile(rf"(?<![\w.,])(?P<low>{NUMBER})\s?[–—-]\s?(?P<high>{NUMBER})(?![\w.,]\d)")
PERCENT = re.compile(rf"(?P<n>{NUMBER})\s?(?:%|per ?cent\b)")
ORDINAL = re.compile(r"\b(?P<n>\d+)(?:st|nd|rd|th)\b")
NUMBER_SIGN = re.compile(r"(?:\bNo\.|#)\s?(?=\d)")
DECADE = re.compile(r"\b(?P<n>(?:1[1-9]|20)?\d0)[’']?s\b")
CARDINAL = re.compile(rf"(?<![\w.])(?P<n>{NUMBER})(?![\w])")
DOTTED = re.compile(r"\b(?:[A-Za-z]\.){2,}(?![A-Za-z])")
CAPITALS = re.compile(r"(?<![\w'’-])(?P<word>[A-Z][A-Z0-9&]*[A-Z0-9](?:s(?![\w]))?)(?![\w'’])")
SLASH = re.compile(r"(?<=[A-Za-z])/(?=[A-Za-z])")


def normalise(text: str, lexicon: Lexicon | None = None) -> str:
    """The text as it should be spoken: every rule of the module applied, in a fixed order."""
    lexicon = lexicon or builtin()
    text = URL.sub(_host, text)
    said: list[str] = []
    text = _lexicon(text, lexicon, said)
    text = NUMBER_SIGN.sub("number ", text)
    text = DAY_MONTH_YEAR.sub(
        lambda m: f"the {ordinal(int(m['day']))} of {_month(m['month'])} {year(int(m['year']))}", text
    )
    text = MONTH_DAY_YEAR.sub(lambda m: f"{_month(m['month'])} {ordinal(int(m['day']))}, {year(int(m['year']))}", text)
    text = ISO_DATE.sub(_iso_date, text)
    text = DAY_MONTH.sub(lambda m: f"the {ordinal(int(m['day']))} of {_month(m['month'])}", text)
    text = MONTH_DAY.sub(lambda m: f"{_month(m['month'])} {ordinal(int(m['day']))}", text)
    text = TIME.sub(_time, text)
    text = CLOCK.sub(_time, text)
    text = CURRENCY.sub(_currency, text)
    text = RANGE.sub(lambda m: f"{number(m['low'])} to {number(m['high'])}", text)
    text = PERCENT.sub(lambda m: f"{decimal(m['n'])} percent", text)
    text = ORDINAL.sub(lambda m: ordinal(int(m["n"])), text)
    text = DECADE.sub(_decade, text)
    text = CARDINAL.sub(lambda m: number(m["n"]), text)
    text = DOTTED.sub(lambda m: letters(m[0].replace(".", "").upper()), text)
    text = _capitals(text, lexicon)
    text = re.sub(r"\band/or\b", "and or", text)
    text = SLASH.sub(" or ", text)
    text = re.sub(r"(?<=\w)\s*/\s*(?=\w)", " slash ", text)
    for symbol, words in SYMBOLS.items():
        text = text.replace(symbol, words)
    text = re.sub(r"(?<=\d)\s*%", " percent", text)
    # The lexicon's words stood in as placeholders so that no later rule re-reads them.
    text = re.sub("[\ue000-\uefff]", lambda m: said[ord(m[0]) - 0xE000], text)
    return _punctuation(text)


def _decade(match: re.Match[str]) -> str:
    words = year(int(match["n"])) if len(match["n"]) == 4 else cardinal(int(match["n"]))
    return words[:-1] + "ies" if words.endswith("y") else words + "s"


def _iso_date(match: re.Match[str]) -> str:
    month = int(match["month"])
    if not 1 <= month <= 12:
        return match[0]
    return f"the {ordinal(int(match['day']))} of {MONTHS[month - 1]} {year(int(match['year']))}"


def _lexicon(text: str, lexicon: Lexicon, said: list[str]) -> str:
    if not lexicon.say:
        return text
    keys = sorted(lexicon.say, key=len, reverse=True)
    # Whole words only: a key is not part of a longer word on either side.
    pattern = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(k) for k in keys) + r")(?![\w]|(?<=\w)\.\w)")

    def say(match: re.Match[str]) -> str:
        words = lexicon.say[match[0]]
        # "etc." at the end of a sentence: its dot was the full stop too.
        ends = match[0].endswith(".") and not text[match.end() :].strip() and not words.endswith(".")
        said.append(words)
        return chr(0xE000 + len(said) - 1) + ("." if ends else "")

    return pattern.sub(say, text)


def _capitals(text: str, lexicon: Lexicon) -> str:
    shouting = sum(1 for w in re.findall(r"[A-Za-z]{2,}", text) if w.isupper()) > 3

    def say(match: re.Match[str]) -> str:
        word = match["word"]
        core = word[:-1] if word.endswith("s") and word[:-1].isupper() else word
        if core in lexicon.words or word in lexicon.words:
            return word
        if core in lexicon.letters or word in lexicon.letters:
            return letters(word)
        # A run of capitals (a shouted heading) is read as words, not spelled.
        if shouting or len(core) > 5:
            return word.capitalize() if core.isalpha() else word
        return letters(word)

    return CAPITALS.sub(say, text)


def _punctuation(text: str) -> str:
    """Quotes, brackets and dashes become the pauses a reader makes; spacing is tidied."""
    text = re.sub(r"[“”„\"«»]", "", text)
    text = re.sub(r"(?<![A-Za-z])[‘’']|[‘’'](?![A-Za-z])", "", text)
    text = text.replace("’", "'")
    text = re.sub(r"[\[\]]", "", text)
    text = re.sub(r"\s*\(\s*", ", ", text)
    text = re.sub(r"\s*\)", ",", text)
    text = re.sub(r"\s+[–—]\s+|—", ", ", text)
    text = re.sub(r"(?<=\w)–(?=\w)", " to ", text)
    text = text.replace("…", "...")
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r",(?:\s*,)+", ",", text)
    text = re.sub(r",\s*([.;:!?])", r"\1", text)
    return text.lstrip(",; ").strip()
