"""A child's comparison for a percentage ("35 percent, about 1 in 3"), shared by the transform and its checks."""

from __future__ import annotations

import re
from fractions import Fraction

PERCENT = re.compile(r"(?P<number>\d+(?:\.\d+)?)(?:\s*%|\s+(?:per ?cent|percent)\b)")
"""A percentage as written: "35 percent", "35%", "12.5 per cent"."""
# Fractions a child knows, as "1 in N" or "N in M", smallest denominators first.
DENOMINATORS = (2, 3, 4, 5, 10)


def comparison(percent: float) -> str:
    """Words a child understands for a percentage: "about 1 in 3", "half", "almost all"; "" if none fits."""
    if percent <= 0 or percent > 100:
        return ""
    if percent >= 97:
        return "almost all" if percent < 100 else "all"
    if percent < 8:
        return "very few"
    share = percent / 100
    best = min(
        (Fraction(n, d) for d in DENOMINATORS for n in range(1, d)),
        key=lambda f: (abs(float(f) - share), f.denominator),
    )
    if abs(float(best) - share) > 0.03:
        return ""
    exact = abs(float(best) - share) < 0.001
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
