"""Headline against body, per article: does the headline state as fact what the body hedges or attributes,
give another figure than the body's, credit another source than the body cites? (issue 17, item 4)

The headline is the article's headline sentence(s) (sentences.csv ``kind`` headline). What the body says
about the headline's content is found in two ways, the first that gives something deciding:

1. ``figure``: the headline states a figure and body sentences state the same number (value or bound, any
   kind): « Au moins 100 Nord-Coréens tués… » and « Au moins 100 Nord-Coréens ont été tués en décembre… »;
2. ``words``: the body sentence that holds the largest share of the headline's content lemmas (lemmas.csv),
   at least ``min_overlap`` of them (earliest sentence on a tie): « Des soldats nord-coréens envoyés en
   Ukraine et tués dans le conflit, selon Séoul » → « Séoul annonce que des soldats nord-coréens auraient
   été tués en Ukraine… ».

Then, per article: whether the headline is bare (neither hedged, attributed nor a question) while the
matched body hedges or attributes it (``states_as_fact``), drops the body's hedge or its source
(``drops_hedge``, ``drops_attribution``), gives its figure with another kind, status or precision than the
body, or a figure the body never gives (``figure_difference``), and which source groups the headline credits
against those the matched body sentences cite (``credit``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from analysis.annotate.repetition import joined
from analysis.core.figures import point_figure

GAP_COLUMNS = ("article_id", "has_headline", "headline_sentence_ids", "headline_text", "headline_question",
               "headline_hedged", "headline_attributed", "headline_source_groups", "headline_actors", "match",
               "overlap", "body_sentence_ids", "body_hedged", "body_attributed", "body_source_groups",
               "body_actors", "states_as_fact", "drops_hedge", "drops_attribution", "headline_figures",
               "body_figures", "figure_difference", "credit", "body_main_source_groups")
BOOL_COLUMNS = ("has_headline", "headline_question", "headline_hedged", "headline_attributed", "body_hedged",
                "body_attributed", "states_as_fact", "drops_hedge", "drops_attribution")
#: values of ``credit``: how the headline's source groups compare with the matched body sentences'
CREDITS = ("same", "different", "headline_only", "body_only", "none", "")

#: One row of a table (stance, attributions, claims, sentences) as a mapping from column to value. The
#: articles are compared row by row in plain Python: slicing a DataFrame per article cost about 9 ms an
#: article (90 s of a 10,000-article run, in the main process), the records a tenth of that.
Row = Mapping[str, Any]


def _figure_words(claim: Row) -> str:
    """"au moins 30 (killed, casualty, bounded)": a claim as the table shows it."""
    return f"{claim['text']} ({claim['kind']}, {claim['status']}, {claim['precision']})"


def _point(claim: Row) -> float | None:
    return point_figure(claim["value"], claim["low"], claim["high"], str(claim["precision"]))


def figure_difference(headline_claims: Sequence[Row], body_claims: Sequence[Row]) -> str:
    """How the headline's figures differ from the body's figures of the same number: "kind", "status",
    "precision" (« 30 soldats morts » against « au moins 30 … tués ou blessés »: kind and precision when the
    headline drops "au moins"), "not in body" (no body figure of that number); "" when they agree or the
    headline states no figure."""
    differences: list[str] = []
    for claim in headline_claims:
        point = _point(claim)
        same = [other for other in body_claims if _point(other) == point] if point is not None else []
        if not same:
            differences.append("not in body")
            continue
        for attribute in ("kind", "status", "precision"):
            if str(claim[attribute]) not in {str(other[attribute]) for other in same}:
                differences.append(attribute)
    return joined(differences)


def _credit(headline_groups: set[str], body_groups: set[str]) -> str:
    if headline_groups and body_groups:
        return "same" if headline_groups == body_groups else "different"
    if headline_groups:
        return "headline_only"
    return "body_only" if body_groups else "none"


def _lemma_sets(lemmas: pd.DataFrame) -> dict[str, set[str]]:
    return {str(sid): set(str(text).split()) for sid, text in zip(lemmas["sentence_id"], lemmas["lemmas"].fillna(""))}


def _best_overlap(headline_lemmas: set[str], body_ids: list[str], lemma_sets: dict[str, set[str]]) -> tuple[str, float]:
    """(body sentence with the largest share of the headline's lemmas, that share); earliest on a tie."""
    best, best_share = "", 0.0
    for sentence_id in body_ids:
        share = len(headline_lemmas & lemma_sets.get(sentence_id, set())) / len(headline_lemmas)
        if share > best_share:
            best, best_share = sentence_id, share
    return best, best_share


def _cell(value: object) -> str:
    """A cell as text, an empty (NaN) cell as "" (what ``astype(str)`` and ``joined`` make of it)."""
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _main_groups(attributions: Sequence[Row]) -> str:
    """The body's most cited source group(s), counting each source (group + actor) once."""
    sources = {(_cell(row["actor_group"]), _cell(row["actor"])) for row in attributions
               if _cell(row["actor_group"]) != ""}
    counts: dict[str, int] = defaultdict(int)
    for group, _actor in sources:
        counts[group] += 1
    top = max(counts.values(), default=0)
    return joined(sorted(group for group, count in counts.items() if count == top))


def _any(flags: Mapping[str, Row], column: str, sentence_ids: Iterable[str]) -> bool:
    """Whether the stance row of any of the sentences has ``column`` set (a missing row or cell: not set)."""
    return any(_cell(flags[sid][column]) not in ("", "False") for sid in sentence_ids if sid in flags)


def _in(rows: Sequence[Row], sentence_ids: Iterable[str]) -> list[Row]:
    """The rows of the given sentences, in table order."""
    wanted = set(sentence_ids)
    return [row for row in rows if str(row["sentence_id"]) in wanted]


def _matched_body(heads: list[str], body: list[str], head_claims: Sequence[Row], body_claims: Sequence[Row],
                  lemma_sets: dict[str, set[str]], min_overlap: float) -> tuple[list[str], str, float]:
    """(body sentences reporting the headline's content, how they were found, lemma overlap): the body
    sentences that state one of the headline's numbers, else the best-overlapping body sentence."""
    points = {_point(claim) for claim in head_claims} - {None}
    with_point = {str(claim["sentence_id"]) for claim in body_claims if _point(claim) in points} if points else set()
    if with_point:
        return [sid for sid in body if sid in with_point], "figure", 1.0
    headline_lemmas = set().union(*(lemma_sets.get(sid, set()) for sid in heads))
    best, share = _best_overlap(headline_lemmas, body, lemma_sets) if headline_lemmas else ("", 0.0)
    return ([best], "words", round(share, 4)) if best and share >= min_overlap else ([], "none", round(share, 4))


def _article_gap(article_id: str, sentences: Sequence[Row], stance: Sequence[Row], attributions: Sequence[Row],
                 claims: Sequence[Row], lemma_sets: dict[str, set[str]], min_overlap: float) -> dict:
    """The gap row of one article (its own rows of each table)."""
    ordered = sorted(sentences, key=lambda sentence: sentence["position"])
    heads = [str(sentence["sentence_id"]) for sentence in ordered if str(sentence["kind"]) == "headline"]
    body = [str(sentence["sentence_id"]) for sentence in ordered if str(sentence["kind"]) == "body"]
    row = {column: "" for column in GAP_COLUMNS} | {column: False for column in BOOL_COLUMNS}
    row.update(article_id=article_id, overlap=0.0)
    if not heads:
        return row
    flags = {str(flag["sentence_id"]): flag for flag in stance}
    cited = _in(attributions, heads)
    stated = [claim for claim in claims if bool(claim["stated"])]
    head_claims, body_claims = _in(stated, heads), _in(stated, body)
    matched, match, overlap = _matched_body(heads, body, head_claims, body_claims, lemma_sets, min_overlap)
    body_cited = _in(attributions, matched)
    row.update(
        has_headline=True, headline_sentence_ids=joined(heads),
        headline_text=" ".join(_cell(sentence["text"]) for sentence in _in(ordered, heads)),
        headline_question=_any(flags, "question", heads), headline_hedged=_any(flags, "hedged", heads),
        headline_attributed=bool(cited), headline_source_groups=joined(source["actor_group"] for source in cited),
        headline_actors=joined(source["actor"] for source in cited),
        headline_figures=joined(_figure_words(claim) for claim in head_claims),
        body_main_source_groups=_main_groups(_in(attributions, body)),
        match=match, overlap=overlap, body_sentence_ids=joined(matched), body_hedged=_any(flags, "hedged", matched),
        body_attributed=bool(body_cited), body_source_groups=joined(source["actor_group"] for source in body_cited),
        body_actors=joined(source["actor"] for source in body_cited),
        body_figures=joined(_figure_words(claim) for claim in _in(body_claims, matched)),
        figure_difference=figure_difference(head_claims, body_claims) if head_claims else "")
    if matched:
        asked = row["headline_question"]
        bare = not (asked or row["headline_hedged"] or row["headline_attributed"])
        row.update(states_as_fact=bare and (row["body_hedged"] or row["body_attributed"]),
                   drops_hedge=not asked and row["body_hedged"] and not row["headline_hedged"],
                   drops_attribution=not asked and row["body_attributed"] and not row["headline_attributed"],
                   credit=_credit({str(source["actor_group"]) for source in cited} - {""},
                                  {str(source["actor_group"]) for source in body_cited} - {""}))
    return row


def _rows_by_article(frame: pd.DataFrame) -> dict[str, list[dict[str, Any]]]:
    """The rows of a table as records, grouped by article id (table order kept within an article)."""
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in frame.to_dict("records"):
        grouped[str(record["article_id"])].append(record)
    return grouped


def headline_gaps(sentences: pd.DataFrame, stance: pd.DataFrame, attributions: pd.DataFrame, claims: pd.DataFrame,
                  lemmas: pd.DataFrame, min_overlap: float = 0.5) -> pd.DataFrame:
    """One row per coded article: its headline against what its body says of the same content (module doc)."""
    lemma_sets = _lemma_sets(lemmas)
    coded = sorted(set(stance["article_id"].astype(str)))
    by = {name: _rows_by_article(frame) for name, frame in (("sentences", sentences), ("stance", stance),
                                                            ("attributions", attributions), ("claims", claims))}
    rows = [_article_gap(article_id, by["sentences"].get(article_id, []), by["stance"].get(article_id, []),
                         by["attributions"].get(article_id, []), by["claims"].get(article_id, []), lemma_sets,
                         min_overlap)
            for article_id in coded]
    table = pd.DataFrame(rows, columns=list(GAP_COLUMNS))
    return table.astype({column: bool for column in BOOL_COLUMNS} | {"overlap": float})
