"""A child's comparison for a percentage ("35 percent, about 1 in 3"), shared by the transform and its checks."""

from __future__ import annotations

import re
from fractions import Fraction

PERCENT = re.compile(r"(?P<number>\d+(?:\.\d+)?)(?:\s*%|\s+(?:per ?cent|percent)\b)")
"""A percentage as written: "35 percent", "35%", "12.5 per cent"."""
# Fractions a child knows, as "1 in N" or "N in M", smallest denominators first.
DENOMINATORS = (2, 3, 4, 5, 8, 10)
MAX_ERROR = 0.06
"""A comparison is given only when the fraction is within this share of the percentage (35 -> 1 in 3 is 5% off;
11.8 -> 1 in 10 is 15% off, so 11.8 gets "about 1 in 8")."""
MAX_POINTS = 2.0
"""... and within this many percentage points."""


def comparison(percent: float) -> str:
    """Words a child understands for a percentage: "about 1 in 3", "half"; "" if no fraction is close enough.

    Only fractions: no judgement ("very few", "almost all") that the source does not make.
    """
    if percent <= 0 or percent >= 100:
        return ""
    share = percent / 100
    best = min(
        (Fraction(n, d) for d in DENOMINATORS for n in range(1, d)),
        key=lambda f: (abs(float(f) - share), f.denominator),
    )
    error = abs(float(best) - share)
    if error > MAX_ERROR * share or error * 100 > MAX_POINTS:
        return ""
    exact = error < 0.001
    if best == Fraction(1, 2):
        return "half" if exact else "about half"
    words = f"{best.numerator} in {best.denominator}"
    return words if exact else f"about {words}"


def derived_numbers(text: str) -> set[str]:
    """The numbers that child comparisons of text's percentages may add ("1" and "3" for 35 percent)."""
    found: set[str] = set()
    for match in PERCENT.finditer(text):
        found.update(re.findall(r"\d+", comparison(float(match["number"]))))
    return found
