"""Outlet profiles: one row per outlet unit, the card the report shows for it.

Each profile says what the outlet's articles are (how many, over which dates, how many undated), whom
they let speak most (source groups by share of attributions), how much they hedge (with the interval
of ``outlet_comparison``), their most frequent frames (share of the outlet's articles where the frame
is present), their distinctive lemmas (keyness of the outlet against the rest of the corpus) and how
much of them is wire copy (articles in a dispatch family shared with another article) or credits an
agency.
"""

from __future__ import annotations

import pandas as pd

from analysis.compare.inputs import input_frame, text_column
from analysis.compare.units import UNDATED, measured_units
from analysis.core.tables import join_list

PROFILE_COLUMNS = ["unit", "n_articles", "first_published", "last_published", "n_undated", "top_sources",
                   "hedged_share", "hedged_ci_low", "hedged_ci_high", "hedged_tested", "hedged_p_adjusted",
                   "top_frames", "distinctive_lemmas", "n_wire_copy", "wire_copy_share", "n_families",
                   "n_agency", "agency_share"]


def _top_sources(voice: pd.DataFrame, unit: str, top: int) -> str:
    part = voice.loc[(voice["label"] == unit) & (voice["n_attributions"] > 0)].sort_values(
        ["n_attributions", "actor_group"], ascending=[False, True], kind="stable").head(top)
    return join_list(f"{row.actor_group_label} {row.share:.0%}" for row in part.itertuples(index=False))


def _top_frames(frames: pd.DataFrame, unit: str, top: int) -> str:
    part = frames.loc[(frames["label"] == unit) & (frames["n_present"] > 0)].sort_values(
        ["n_present", "score", "scheme", "frame"], ascending=[False, False, True, True], kind="stable").head(top)
    return join_list(f"{str(row.frame).replace('_', ' ')} ({row.scheme}) {row.n_present / row.n_articles:.0%}"
                     for row in part.itertuples(index=False))


def outlet_profiles(units: pd.DataFrame, comparison: pd.DataFrame, views: dict[str, pd.DataFrame],
                    keyness: pd.DataFrame, articles: pd.DataFrame, top: int = 3, n_lemmas: int = 5) -> pd.DataFrame:
    """One profile per outlet unit (see the module doc); empty, with its columns, when there is none."""
    measured = measured_units(units)
    outlets = measured.loc[measured["unit_kind"] == "outlet"]
    if outlets.empty:
        return pd.DataFrame(columns=PROFILE_COLUMNS)
    articles = input_frame(articles, "articles")
    agency = dict(zip(text_column(articles["article_id"]), text_column(articles["agency"])))
    hedged = comparison.loc[comparison["measure"] == "hedged"].set_index("unit")
    distinctive = keyness.loc[keyness["distinctive"].astype(bool)] if "distinctive" in keyness else keyness
    lemmas = distinctive.sort_values(["label", "rank"]).groupby("label")["lemma"].agg(lambda items: join_list(
        list(items)[:n_lemmas])) if len(distinctive) else pd.Series(dtype=str)
    rows = []
    for unit, part in outlets.groupby("unit", sort=False):
        dated = sorted(date for date in part["published"] if date)
        every = units.loc[units["unit"] == unit]  # wire copy counted even when it is left out of the measures
        wire = every["wire_copy"].astype(bool)
        credited = every["article_id"].map(lambda article_id: bool(agency.get(article_id, "")))
        row = hedged.loc[unit] if unit in hedged.index else None
        rows.append({
            "unit": unit, "n_articles": len(part), "first_published": dated[0] if dated else "",
            "last_published": dated[-1] if dated else "", "n_undated": int((part["period"] == UNDATED).sum()),
            "top_sources": _top_sources(views["voice"], unit, top),
            "hedged_share": row["share"] if row is not None else float("nan"),
            "hedged_ci_low": row["ci_low"] if row is not None else float("nan"),
            "hedged_ci_high": row["ci_high"] if row is not None else float("nan"),
            "hedged_tested": bool(row["tested"]) if row is not None else False,
            "hedged_p_adjusted": row["p_adjusted"] if row is not None else float("nan"),
            "top_frames": _top_frames(views["frames_matrix"], unit, top),
            "distinctive_lemmas": str(lemmas.get(unit, "")),
            "n_wire_copy": int(wire.sum()), "wire_copy_share": float(wire.mean()),
            "n_families": int(every.loc[wire, "family_id"].nunique()),
            "n_agency": int(credited.sum()), "agency_share": float(credited.mean()),
        })
    return pd.DataFrame(rows, columns=PROFILE_COLUMNS)
