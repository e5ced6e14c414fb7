"""Units of comparison: which articles are compared as an outlet and which one by one; dispatch families; periods.

One function, :func:`assign_units`, decides the unit of every compared article, and its table
(``units.csv``) is what both the compare stage and the report read, so the two cannot disagree:

- an outlet known from the manifest, the text or recorded evidence (not "unknown") with at least
  ``min_articles`` measured articles is one unit, its articles pooled (``unit_kind`` "outlet");
- every other article — of a smaller outlet, or of an unknown outlet (unknown is not one outlet) —
  is a unit of its own, under its label (``unit_kind`` "article"), never pooled.

With one article per outlet (the seeds) every unit is an article and the report reads as before.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from analysis.compare.inputs import compared_articles, input_frame, text_column
from analysis.core.tables import split_list

UNIT_KINDS = ("outlet", "article")
#: Articles dated over at most this many weeks are grouped by week, over a longer span by month.
WEEKS_AT_MOST = 16
UNDATED = "undated"

UNIT_COLUMNS = ["article_id", "label", "outlet", "unit", "unit_kind", "unit_articles", "published", "period",
                "family_id", "wire_copy", "measured"]


def is_known_outlet(outlet: str, outlet_source: str) -> bool:
    """Whether an article's outlet is known (given, printed or inferred with evidence), not "unknown"."""
    return bool(outlet.strip()) and outlet.strip().casefold() != "unknown" and outlet_source != "unknown"


# --------------------------------------------------------------------------------------------------
# Dispatch families: articles that share one text (exact or near duplicates, transitively)
# --------------------------------------------------------------------------------------------------

def wire_families(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per article of the corpus (any status) with its dispatch family.

    Two articles are in one family when one is an exact or near duplicate of the other
    (``duplicate_of``, ``near_duplicate_of`` of the clean stage), and families are closed under that
    relation (connected components): A near B and B near C puts A, B and C in one family even when A
    and C were not paired. The family id is the smallest article id of the family, so it does not
    change when unrelated articles are added. Columns: article_id, family_id ("" for an article that
    shares its text with no other), family_size (1 for those).
    """
    articles = input_frame(articles, "articles")
    ids = text_column(articles["article_id"]).tolist()
    index = {article_id: position for position, article_id in enumerate(ids)}
    edges = [(index[article_id], index[other])
             for article_id, exact, near in zip(ids, articles["duplicate_of"], articles["near_duplicate_of"])
             for other in split_list(exact) + split_list(near) if other in index]
    if not ids:
        return pd.DataFrame(columns=["article_id", "family_id", "family_size"])
    rows, columns = (np.array(side, dtype=np.int64) for side in zip(*edges)) if edges else \
        (np.zeros(0, np.int64), np.zeros(0, np.int64))
    graph = coo_matrix((np.ones(len(rows)), (rows, columns)), shape=(len(ids), len(ids)))
    _, component = connected_components(graph, directed=False)
    frame = pd.DataFrame({"article_id": ids, "component": component})
    frame["family_size"] = frame.groupby("component")["article_id"].transform("size").astype(int)
    frame["family_id"] = frame.groupby("component")["article_id"].transform("min")
    frame.loc[frame["family_size"] < 2, "family_id"] = ""
    return frame[["article_id", "family_id", "family_size"]]


# --------------------------------------------------------------------------------------------------
# Periods
# --------------------------------------------------------------------------------------------------

def period_kind(dates: pd.Series) -> str:
    """"week" when the dated articles span at most WEEKS_AT_MOST weeks (or none is dated), else "month"."""
    known = pd.to_datetime(dates.loc[dates != ""], format="%Y-%m-%d", errors="coerce").dropna()
    if known.empty:
        return "week"
    return "week" if (known.max() - known.min()).days <= WEEKS_AT_MOST * 7 else "month"


def kind_of_periods(periods: pd.Series) -> str:
    """Whether the periods of a units table are weeks or months (months are written "2024-10")."""
    return "month" if any(len(period) == 7 for period in periods if period != UNDATED) else "week"


def period_of(date: str, kind: str) -> str:
    """The period of an ISO date: its week's Monday ("2024-10-21") or its month ("2024-10"); "undated"."""
    if not date:
        return UNDATED
    day = dt.date.fromisoformat(date)
    if kind == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return (day - dt.timedelta(days=day.weekday())).isoformat()


def period_start(period: str) -> str:
    """The first day of a period ("2024-10" -> "2024-10-01"); "" for "undated"."""
    if period == UNDATED:
        return ""
    return f"{period}-01" if len(period) == 7 else period


# --------------------------------------------------------------------------------------------------
# The units
# --------------------------------------------------------------------------------------------------

def assign_units(articles: pd.DataFrame, min_articles: int = 3, include_wire_copy: bool = True) -> pd.DataFrame:
    """The unit of every compared article (status ok): its outlet, or the article itself (see module doc).

    ``include_wire_copy`` False leaves out of every measure the articles that share their text with
    another article of the corpus (``wire_copy``; ``measured`` False), and the outlets' article counts
    are then made without them. Columns: UNIT_COLUMNS; ``unit_articles`` is the number of measured
    articles of the unit, ``period`` the week or month of publication (see :func:`period_kind`).
    Sorted outlets first (most articles first), then single articles, each by unit and article id.
    """
    if min_articles < 1:
        raise ValueError(f"min_articles must be at least 1; got {min_articles}")
    ok = compared_articles(articles)
    families = wire_families(articles).set_index("article_id")
    ok["family_id"] = ok["article_id"].map(families["family_id"]).fillna("").astype(str)
    ok["wire_copy"] = ok["family_id"] != ""
    ok["measured"] = include_wire_copy | ~ok["wire_copy"]
    known = np.array([is_known_outlet(outlet, source) for outlet, source in zip(ok["outlet"], ok["outlet_source"])],
                     dtype=bool)
    ok["outlet"] = ok["outlet"].where(known, "unknown")
    measured_known = ok.loc[known & ok["measured"]]
    per_outlet = measured_known.groupby("outlet").size()
    pooled = set(per_outlet.index[per_outlet >= min_articles])
    is_outlet = known & ok["outlet"].isin(pooled)
    ok["unit_kind"] = np.where(is_outlet, "outlet", "article")
    single_labels = set(ok.loc[~is_outlet, "label"])
    names = {outlet: f"{outlet} (outlet)" if outlet in single_labels else outlet for outlet in pooled}
    ok["unit"] = np.where(is_outlet, ok["outlet"].map(names), ok["label"])
    counts = ok.loc[ok["measured"]].groupby("unit").size()
    ok["unit_articles"] = ok["unit"].map(counts).fillna(0).astype(int)
    kind = period_kind(ok.loc[ok["measured"], "published"])
    ok["period"] = [period_of(date, kind) for date in ok["published"]]
    ok["order"] = (ok["unit_kind"] != "outlet").astype(int)
    ok = ok.sort_values(["order", "unit_articles", "unit", "article_id"], ascending=[True, False, True, True],
                        kind="stable")
    return ok[UNIT_COLUMNS].astype({"wire_copy": bool, "measured": bool}).reset_index(drop=True)


def measured_units(units: pd.DataFrame) -> pd.DataFrame:
    """The rows of the units table whose articles are measured (all of them unless wire copy is left out)."""
    return units.loc[units["measured"].astype(bool)].reset_index(drop=True)


def unit_order(units: pd.DataFrame) -> list[str]:
    """Every unit once, outlets with the most articles first, then single articles by label."""
    return list(dict.fromkeys(measured_units(units)["unit"]))


def unit_note(units: pd.DataFrame, min_articles: int | None = None) -> str:
    """One sentence saying what a unit is in this run: an outlet, or one article, and how many of each."""
    measured = measured_units(units)
    if measured.empty:
        return "No article could be compared (none has status ok)."
    outlets = measured.loc[measured["unit_kind"] == "outlet"]
    singles = measured.loc[measured["unit_kind"] == "article"]
    threshold = f"{min_articles}" if min_articles else "enough"
    if outlets.empty:
        known = singles.loc[singles["outlet"] != "unknown"]
        most = int(known.groupby("outlet").size().max()) if len(known) else 1
        base = f"Each row is one article; {len(measured)} article(s) are compared, each under its own label"
        if most <= 1:
            return base + ": no outlet has more than one article, so a difference between labels is a " \
                          "difference between single articles, not between outlets' coverage."
        return base + f"; up to {most} articles share an outlet, fewer than the {threshold} needed to compare " \
                      "outlets, so each is still shown separately."
    n_unknown = int((singles["outlet"] == "unknown").sum())
    return (f"{len(measured)} articles are compared: {outlets['unit'].nunique()} outlet(s) with at least "
            f"{threshold} articles each are compared as outlets ({len(outlets)} articles, pooled per outlet); "
            f"the other {len(singles)} article(s) ({n_unknown} of unknown outlet, which is not one outlet) are "
            "listed one by one, never pooled.")
