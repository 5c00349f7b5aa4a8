"""Country names, for telling a place inside another name ("the Iraq war", "the Athens Olympics").

The model tags "the Iraq war" as one EVENT, so an article about the war never names Iraq as a place though the
word is there: a user asking for `place:Iraq` expects it. `places_within` finds the place names inside such a
span: the countries below (and their aliases, see canonical.COUNTRY_ALIASES) and the places the same article
tags elsewhere. Short English names, as news writes them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

COUNTRIES = (
    "Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Argentina", "Armenia", "Australia", "Austria",
    "Azerbaijan", "Bahamas", "Bahrain", "Bangladesh", "Barbados", "Belarus", "Belgium", "Belize", "Benin",
    "Bhutan", "Bolivia", "Bosnia", "Botswana", "Brazil", "Brunei", "Bulgaria", "Burkina Faso", "Burma",
    "Burundi", "Cambodia", "Cameroon", "Canada", "Chad", "Chile", "China", "Colombia", "Congo", "Costa Rica",
    "Croatia", "Cuba", "Cyprus", "Czech Republic", "Denmark", "Djibouti", "Dominica", "East Timor", "Ecuador",
    "Egypt", "El Salvador", "England", "Eritrea", "Estonia", "Ethiopia", "Fiji", "Finland", "France", "Gabon",
    "Gambia", "Georgia", "Germany", "Ghana", "Greece", "Grenada", "Guatemala", "Guinea", "Guyana", "Haiti",
    "Honduras", "Hong Kong", "Hungary", "Iceland", "India", "Indonesia", "Iran", "Iraq", "Ireland", "Israel",
    "Italy", "Ivory Coast", "Jamaica", "Japan", "Jordan", "Kazakhstan", "Kenya", "Kosovo", "Kuwait",
    "Kyrgyzstan", "Laos", "Latvia", "Lebanon", "Lesotho", "Liberia", "Libya", "Liechtenstein", "Lithuania",
    "Luxembourg", "Macedonia", "Madagascar", "Malawi", "Malaysia", "Maldives", "Mali", "Malta", "Mauritania",
    "Mauritius", "Mexico", "Moldova", "Monaco", "Mongolia", "Montenegro", "Morocco", "Mozambique", "Myanmar",
    "Namibia", "Nepal", "Netherlands", "New Zealand", "Nicaragua", "Niger", "Nigeria", "North Korea", "Norway",
    "Oman", "Pakistan", "Palestine", "Panama", "Papua New Guinea", "Paraguay", "Peru", "Philippines", "Poland",
    "Portugal", "Qatar", "Romania", "Russia", "Rwanda", "Saudi Arabia", "Scotland", "Senegal", "Serbia",
    "Sierra Leone", "Singapore", "Slovakia", "Slovenia", "Somalia", "South Africa", "South Korea", "Spain",
    "Sri Lanka", "Sudan", "Suriname", "Swaziland", "Sweden", "Switzerland", "Syria", "Taiwan", "Tajikistan",
    "Tanzania", "Thailand", "Tibet", "Togo", "Tonga", "Trinidad", "Tunisia", "Turkey", "Turkmenistan", "Uganda",
    "Ukraine", "United Arab Emirates", "United Kingdom", "United States", "Uruguay", "Uzbekistan", "Venezuela",
    "Vietnam", "Wales", "Yemen", "Zambia", "Zimbabwe", "Chechnya", "Darfur", "Kashmir", "Gaza", "West Bank",
)  # fmt: skip


def places_within(text: str, known: Iterable[str]) -> list[tuple[int, int]]:
    """(start, end) offsets in `text` of the longest place names from `known` it holds, by whole words, in
    order; `known` are names as written ("Iraq", "South Korea"), matched case-sensitively."""
    names = sorted({name for name in known if name in text}, key=len, reverse=True)
    found: list[tuple[int, int]] = []
    for name in names:
        for match in re.finditer(rf"(?<![\w]){re.escape(name)}(?![\w])", text):
            span = match.span()
            if not any(s < span[1] and span[0] < e for s, e in found):
                found.append(span)
    return sorted(found)
