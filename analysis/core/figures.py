"""The number a figure is drawn and compared at (shared by the annotate and compare stages)."""

from __future__ import annotations

import pandas as pd


def point_figure(value: object, low: object, high: object, precision: str) -> float | None:
    """The number a figure is drawn and compared at: its value, else its bound ("au moins 30" → 30, "jusqu'à
    12 000" → 12 000); None for a vague quantity, whose bounds come from its words ("plusieurs milliers" =
    2 000 to 9 999) and are not a point (issue 17: vague quantities are never drawn as points)."""
    if precision == "vague":
        return None
    for number in (value, low, high):
        if number is not None and str(number) != "" and not pd.isna(number):
            return float(number)
    return None
