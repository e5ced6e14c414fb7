"""The comparison measures: who speaks, how certain, which figures, which frames, where, wire copy.

Every function takes processed tables (see analysis/core/schemas.py) and returns a tidy DataFrame whose
unit is the article, labelled by its outlet label (articles.label). Every row carries the sentence ids
that produced it (``evidence_sentence_ids``), so each number in the report traces back to sentences.csv.
"""

from __future__ import annotations

import pandas as pd

from analysis.compare.inputs import (
    CERTAINTY_MEASURES,
    PLACE_GROUPS,
    STANCE_FLAGS,
    compared_articles,
    flag_column,
    input_frame,
    share_of,
    text_column,
)
from analysis.compare.mentions import MentionRules, load_mention_rules, mentions_deployment
from analysis.core import schemas
from analysis.core.figures import point_figure
from analysis.core.groups import group_label
from analysis.core.tables import join_list, split_list


def _tally(rows: pd.DataFrame, key: str) -> tuple[dict, dict, dict]:
    """Rows per (article_id, ``key`` value), their sorted " | "-joined sentence ids, and rows per article.

    One pass over the table (grouped once), instead of one scan of it per article and value, so the
    comparisons stay linear in the corpus size.
    """
    pairs = rows.groupby(["article_id", key], sort=False)
    evidence = pairs["sentence_id"].agg(lambda ids: join_list(sorted(set(ids)))).to_dict()
    return pairs.size().to_dict(), evidence, rows.groupby("article_id", sort=False).size().to_dict()


def voice(articles: pd.DataFrame, attributions: pd.DataFrame, sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """Share of each article's attributions per actor group (every group seen in the corpus, zeros included).

    Columns: article_id, label, actor_group, actor_group_label, n_attributions, n_total, share, n_sources,
    n_total_sources, evidence_sentence_ids. share is empty when the article has no attribution at all.
    ``n_sources`` counts each source of the group once per article (sources.csv: a speaker repeated in the lead
    and the body is one source), ``n_attributions`` every mention; without ``sources`` both are the same.
    """
    ok = compared_articles(articles)
    rows = input_frame(attributions, "attributions")
    rows = rows.assign(article_id=text_column(rows["article_id"]), sentence_id=text_column(rows["sentence_id"]))
    rows = rows.loc[rows["article_id"].isin(ok["article_id"])].copy()
    rows["actor_group"] = text_column(rows["actor_group"]).replace("", "other")
    groups = sorted(set(rows["actor_group"]))
    counts, evidence, totals = _tally(rows, "actor_group")
    if sources is None:
        distinct, distinct_totals = counts, totals
    else:
        sources = input_frame(sources, "sources")
        sources = sources.assign(article_id=text_column(sources["article_id"]), sentence_id="",
                                 actor_group=text_column(sources["actor_group"]).replace("", "other"))
        distinct, _, distinct_totals = _tally(sources, "actor_group")
    out = []
    for article in ok.itertuples(index=False):
        total = int(totals.get(article.article_id, 0))
        for group in groups:
            count = int(counts.get((article.article_id, group), 0))
            out.append({
                "article_id": article.article_id, "label": article.label, "actor_group": group,
                "actor_group_label": group_label(group), "n_attributions": count, "n_total": total,
                "share": share_of(count, total), "n_sources": int(distinct.get((article.article_id, group), 0)),
                "n_total_sources": int(distinct_totals.get(article.article_id, 0)),
                "evidence_sentence_ids": evidence.get((article.article_id, group), ""),
            })
    columns = ["article_id", "label", "actor_group", "actor_group_label", "n_attributions", "n_total", "share",
               "n_sources", "n_total_sources", "evidence_sentence_ids"]
    frame = pd.DataFrame(out, columns=columns)
    frame = frame.sort_values(["label", "n_attributions", "actor_group"], ascending=[True, False, True],
                              kind="stable")
    return frame.astype({"n_attributions": int, "n_total": int, "share": float, "n_sources": int,
                         "n_total_sources": int}).reset_index(drop=True)


def named_sources(articles: pd.DataFrame, attributions: pd.DataFrame) -> pd.DataFrame:
    """Every source an article gives voice to, as written, with its group, how often and how it is quoted.

    Columns: article_id, label, actor, actor_group, actor_group_label, n_attributions, quote_types,
    evidence_sentence_ids.
    """
    ok = compared_articles(articles)
    rows = input_frame(attributions, "attributions")
    rows = rows.loc[text_column(rows["article_id"]).isin(ok["article_id"])].copy()
    for column in ("actor", "actor_group", "quote_type", "sentence_id"):
        rows[column] = text_column(rows[column])
    rows["actor_group"] = rows["actor_group"].replace("", "other")
    rows = rows.merge(ok[["article_id", "label"]], on="article_id")
    out = []
    for (article_id, label, actor, group), part in rows.groupby(["article_id", "label", "actor", "actor_group"],
                                                                 sort=True):
        out.append({
            "article_id": article_id, "label": label, "actor": actor, "actor_group": group,
            "actor_group_label": group_label(group), "n_attributions": len(part),
            "quote_types": join_list(sorted(set(part["quote_type"]))),
            "evidence_sentence_ids": join_list(sorted(set(part["sentence_id"]))),
        })
    columns = ["article_id", "label", "actor", "actor_group", "actor_group_label", "n_attributions",
               "quote_types", "evidence_sentence_ids"]
    frame = pd.DataFrame(out, columns=columns)
    frame = frame.sort_values(["label", "n_attributions", "actor"], ascending=[True, False, True], kind="stable")
    return frame.astype({"n_attributions": int}).reset_index(drop=True)


# --------------------------------------------------------------------------------------------------
# (b) Certainty: hedging, unverified, confirmed, denied; attributed vs unattributed deployment claims
# --------------------------------------------------------------------------------------------------

def body_sentences(articles: pd.DataFrame, sentences: pd.DataFrame, stance: pd.DataFrame,
                   attributions: pd.DataFrame, lemmas: pd.DataFrame,
                   rules: MentionRules | None = None) -> pd.DataFrame:
    """Body sentences of compared articles with their stance flags, attribution count and deployment mention."""
    ok = compared_articles(articles)
    sentences = input_frame(sentences, "sentences")
    sentences = sentences.loc[(text_column(sentences["kind"]) == "body")
                              & text_column(sentences["article_id"]).isin(ok["article_id"])]
    body = sentences[["sentence_id", "article_id", "position", "text"]].copy()
    body["text"] = text_column(body["text"])
    stance = input_frame(stance, "stance").drop(columns=["article_id"]).drop_duplicates("sentence_id")
    body = body.merge(stance, on="sentence_id", how="left")
    for flag in STANCE_FLAGS:
        body[flag] = flag_column(body[flag])
    counts = input_frame(attributions, "attributions").groupby("sentence_id").size().rename("n_attributions")
    body = body.merge(counts, left_on="sentence_id", right_index=True, how="left")
    body["n_attributions"] = body["n_attributions"].fillna(0).astype(int)
    lemma_map = input_frame(lemmas, "lemmas").drop_duplicates("sentence_id").set_index("sentence_id")["lemmas"]
    rules = rules or load_mention_rules()
    body["deployment"] = [
        mentions_deployment(text, str(lemma_map.get(sid, "") or ""), rules)
        for sid, text in zip(body["sentence_id"], body["text"])
    ]
    body = body.merge(ok[["article_id", "label"]], on="article_id")
    return body.sort_values("sentence_id", kind="stable").reset_index(drop=True)


def certainty(articles: pd.DataFrame, sentences: pd.DataFrame, stance: pd.DataFrame,
              attributions: pd.DataFrame, lemmas: pd.DataFrame, rules: MentionRules | None = None) -> pd.DataFrame:
    """Per article × measure: count, total and share of body sentences (see CERTAINTY_MEASURES).

    hedged/unverified/confirmed/denial: body sentences with that stance flag, over all body sentences.
    deployment_attributed/unattributed: body sentences about the North Korean troops with ≥1 / no
    attribution, over all body sentences about the troops.
    Columns: article_id, label, measure, count, total, share, evidence_sentence_ids.
    """
    ok = compared_articles(articles)
    body = body_sentences(articles, sentences, stance, attributions, lemmas, rules)
    every, about = pd.Series(True, index=body.index), body["deployment"].astype(bool)
    selections = {  # measure: (the sentences counted, the sentences of the total)
        "hedged": (body["hedged"], every), "unverified": (body["unverified"], every),
        "confirmed": (body["confirmed"], every), "denial": (body["denial"], every),
        "deployment_attributed": (about & (body["n_attributions"] > 0), about),
        "deployment_unattributed": (about & (body["n_attributions"] == 0), about),
    }
    out = []
    for measure in CERTAINTY_MEASURES:  # grouped once per measure, not one scan of the sentences per article
        chosen, of_total = selections[measure]
        counts = body.loc[chosen].groupby("article_id", sort=False).size().to_dict()
        totals = body.loc[of_total].groupby("article_id", sort=False).size().to_dict()
        evidence = body.loc[chosen].groupby("article_id", sort=False)["sentence_id"].agg(join_list).to_dict()
        for article in ok.itertuples(index=False):
            count, total = int(counts.get(article.article_id, 0)), int(totals.get(article.article_id, 0))
            out.append({
                "article_id": article.article_id, "label": article.label, "measure": measure,
                "count": count, "total": total, "share": share_of(count, total),
                "evidence_sentence_ids": evidence.get(article.article_id, ""),
            })
    columns = ["article_id", "label", "measure", "count", "total", "share", "evidence_sentence_ids"]
    frame = pd.DataFrame(out, columns=columns)
    frame["measure_order"] = frame["measure"].map(CERTAINTY_MEASURES.index)
    frame = frame.sort_values(["measure_order", "label"], kind="stable").drop(columns="measure_order")
    return frame.astype({"count": int, "total": int, "share": float}).reset_index(drop=True)


# --------------------------------------------------------------------------------------------------
# (c) Figures: which figure, on whose authority, when
# --------------------------------------------------------------------------------------------------

def figures(articles: pd.DataFrame, claims: pd.DataFrame, article_figures: pd.DataFrame | None = None) -> pd.DataFrame:
    """The stated claims joined with each article's label and published date (ISO or "" when unknown).

    Columns: claim_id, figure_id, article_id, label, published, sentence_id, kind, status, precision, subject, value,
    low, high, figure, figure_text, qualifier, actor, source_group, source_group_label, hedged, text. ``figure_id``
    is the claim's figure in ``article_figures`` (article_figures.csv: one per article and stated figure, so a
    figure repeated in an article is one figure_id over several claims; empty without that table). A figure in a
    heading or a question (claims.csv ``stated`` False: « 10 000 soldats ? ») is not a claim and is left out.
    ``figure`` is the number used to plot and compare: the value, else the bound ("au moins 30" → 30;
    "jusqu'à 12 000" → 12 000); a vague quantity ("plusieurs milliers") has none: it keeps its bounds (low,
    high) and is never drawn as a point. ``figure_text`` is the claim as written.
    """
    ok = compared_articles(articles)
    claims = input_frame(claims, "claims")
    claims = claims.loc[text_column(claims["article_id"]).isin(ok["article_id"])].copy()
    # a claims table from before issue 17 has no `stated`: every claim counts
    unknown = text_column(claims["stated"]) == ""
    claims = claims.loc[unknown | flag_column(claims["stated"])]
    for column in ("value", "low", "high"):
        claims[column] = pd.to_numeric(claims[column], errors="coerce").astype(float)
    for column in ("claim_id", "sentence_id", "kind", "status", "precision", "subject", "qualifier", "actor",
                   "source_group", "text"):
        claims[column] = text_column(claims[column])
    claims["hedged"] = flag_column(claims["hedged"])
    # a claims table from before issue 17 has no status: a deployment figure counts as deployed
    claims["status"] = claims["status"].where(claims["status"] != "", claims["kind"].map(
        lambda kind: "deployed" if kind == "deployed" else "casualty"))
    claims["figure"] = [point_figure(*values) for values in
                        zip(claims["value"], claims["low"], claims["high"], claims["precision"])]
    claims["figure"] = claims["figure"].astype(float)
    claims["figure_text"] = claims["text"]
    claims["source_group_label"] = [group_label(group) if group else "no source"
                                    for group in claims["source_group"]]
    claims = claims.drop(columns=["label", "published"], errors="ignore").merge(
        ok[["article_id", "label", "published"]], on="article_id")
    figure_of = {} if article_figures is None else {
        claim_id: figure_id for figure_id, cell in zip(text_column(input_frame(article_figures, "article_figures")[
            "figure_id"]), text_column(input_frame(article_figures, "article_figures")["claim_ids"]))
        for claim_id in split_list(cell)}
    claims["figure_id"] = claims["claim_id"].map(figure_of).fillna("").astype(str)
    columns = ["claim_id", "figure_id", "article_id", "label", "published", "sentence_id", "kind", "status",
               "precision", "subject", "value", "low", "high", "figure", "figure_text", "qualifier", "actor",
               "source_group", "source_group_label", "hedged", "text"]
    return claims[columns].sort_values("claim_id", kind="stable").reset_index(drop=True)


def claims_timeline(figure_table: pd.DataFrame, subject: str = "north_korean_troops") -> pd.DataFrame:
    """Figures about ``subject`` by publication date, with which other labels reported the same figure.

    "Same figure" means the same kind, the same status (planned, deployed, casualty) and the same number
    (value or bound, whatever its precision: "environ 10 000" and "10 000"): Zelensky's 10 000 *preparing*
    (planned) is not the 10 000 *stationed* of another article. Vague quantities have no number: they are
    not in the timeline (figures.csv keeps them with their bounds). Unknown dates are kept (date_known False)
    and sorted last. Columns: published, date_known, label, article_id, kind, status, precision, figure,
    figure_text, value, low, high, qualifier, source_group, source_group_label, hedged, n_labels_same_figure,
    labels_same_figure, claim_id, sentence_id.
    """
    table = figure_table.loc[text_column(figure_table["subject"]) == subject].copy()
    table["published"] = text_column(table["published"])
    table["date_known"] = table["published"] != ""
    table = table.loc[table["figure"].notna()] if len(table) else table
    key = table["kind"].astype(str) + "\x1f" + table["status"].astype(str) + "\x1f" + table["figure"].astype(str)
    labels_by_key = table.groupby(key)["label"].agg(lambda labels: sorted(set(labels))) if len(table) else {}
    table["labels_same_figure"] = [join_list(labels_by_key[k]) for k in key] if len(table) else []
    table["n_labels_same_figure"] = [len(labels_by_key[k]) for k in key] if len(table) else []
    columns = ["published", "date_known", "label", "article_id", "kind", "status", "precision", "figure",
               "figure_text", "value", "low", "high", "qualifier", "source_group", "source_group_label", "hedged",
               "n_labels_same_figure", "labels_same_figure", "claim_id", "sentence_id"]
    table = table.reindex(columns=columns)
    table = table.sort_values(["date_known", "published", "kind", "status", "figure", "label", "claim_id"],
                              ascending=[False, True, True, True, True, True, True], kind="stable")
    return table.astype({"n_labels_same_figure": int, "date_known": bool}).reset_index(drop=True)


def headline_gap(articles: pd.DataFrame, headline_body: pd.DataFrame) -> pd.DataFrame:
    """The headline against the body per compared article (headline_body.csv of the annotate stage, with the label).

    Columns: article_id, label and those of headline_body.csv (see analysis/annotate/headline_gap.py), plus
    ``figure_differs`` (the headline's figure has another kind, status or precision than the body's, or is not
    in the body) and ``credit_differs`` (the headline, not a question, credits other source groups than the body
    sentences cite, or credits one where they cite none, or none where they cite one). An article without a
    headline keeps
    its row (has_headline False).
    """
    ok = compared_articles(articles)
    table = input_frame(headline_body, "headline_body")
    table = table.assign(article_id=text_column(table["article_id"]))
    table = ok[["article_id", "label"]].merge(table, on="article_id", how="left")
    for column in GAP_FLAGS:
        table[column] = flag_column(table[column].fillna(False))
    for column in GAP_TEXTS:
        table[column] = text_column(table[column])
    table["figure_differs"] = table["figure_difference"] != ""
    table["credit_differs"] = table["credit"].isin(["different", "headline_only", "body_only"]) \
        & ~table["headline_question"]  # a question headline asserts nothing, so it credits nothing
    return table[["article_id", "label", *GAP_COLUMNS]].reset_index(drop=True)


GAP_FLAGS = ("has_headline", "headline_question", "headline_hedged", "headline_attributed", "body_hedged",
             "body_attributed", "states_as_fact", "drops_hedge", "drops_attribution")
GAP_TEXTS = ("headline_sentence_ids", "headline_text", "headline_source_groups", "headline_actors", "match",
             "body_sentence_ids", "body_source_groups", "body_actors", "headline_figures", "body_figures",
             "figure_difference", "credit")
GAP_COLUMNS = ("has_headline", "headline_sentence_ids", "headline_text", "headline_question", "headline_hedged",
               "headline_attributed", "headline_source_groups", "headline_actors", "match", "body_sentence_ids",
               "body_hedged", "body_attributed", "body_source_groups", "body_actors", "states_as_fact", "drops_hedge",
               "drops_attribution", "headline_figures", "body_figures", "figure_difference", "figure_differs",
               "credit", "credit_differs")


# --------------------------------------------------------------------------------------------------
# (d) Frames
# --------------------------------------------------------------------------------------------------

def frames_matrix(articles: pd.DataFrame, frames: pd.DataFrame) -> pd.DataFrame:
    """Frame score per scheme × frame × article, every combination present (missing → score 0, absent).

    Columns: scheme, frame, article_id, label, score, present, evidence_sentence_ids.
    """
    ok = compared_articles(articles)
    frames = input_frame(frames, "frames")
    frames = frames.loc[text_column(frames["article_id"]).isin(ok["article_id"])].copy()
    frames["scheme"], frames["frame"] = text_column(frames["scheme"]), text_column(frames["frame"])
    frames["score"] = pd.to_numeric(frames["score"], errors="coerce").fillna(0.0).astype(float)
    frames["present"] = flag_column(frames["present"])
    frames["evidence_sentence_ids"] = text_column(frames["evidence_sentence_ids"])
    grid = frames[["scheme", "frame"]].drop_duplicates().merge(ok[["article_id", "label"]], how="cross")
    keep = ["article_id", "scheme", "frame", "score", "present", "evidence_sentence_ids"]
    table = grid.merge(frames[keep].drop_duplicates(["article_id", "scheme", "frame"]),
                       on=["article_id", "scheme", "frame"], how="left")
    table["score"] = table["score"].fillna(0.0).astype(float)
    table["present"] = table["present"].fillna(False).astype(bool)
    table["evidence_sentence_ids"] = text_column(table["evidence_sentence_ids"])
    columns = ["scheme", "frame", "article_id", "label", "score", "present", "evidence_sentence_ids"]
    return table[columns].sort_values(["scheme", "frame", "label"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------------------------------
# (f) Headlines
# --------------------------------------------------------------------------------------------------

def headlines(articles: pd.DataFrame, sentences: pd.DataFrame, stance: pd.DataFrame,
              attributions: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Per article, its headline (first sentence of kind headline): attributed, question, figure, hedged.

    One row per article (the measures are yes/no properties of one sentence). An article without a
    headline has has_headline False and the other flags False. Columns: article_id, label, has_headline,
    sentence_id, text, attributed, attributed_to, question, figure, figures, hedged, hedge_cues.
    """
    ok = compared_articles(articles)
    sentences = input_frame(sentences, "sentences")
    heads = sentences.loc[text_column(sentences["kind"]) == "headline"].copy()
    heads["position"] = pd.to_numeric(heads["position"], errors="coerce")
    heads = heads.sort_values(["article_id", "position", "sentence_id"], kind="stable")
    first = heads.drop_duplicates("article_id").set_index("article_id")
    stance = input_frame(stance, "stance").drop_duplicates("sentence_id").set_index("sentence_id")
    attributions, claims = input_frame(attributions, "attributions"), input_frame(claims, "claims")
    # the attributions and claims of headline sentences, grouped once by sentence
    headline_ids = set(text_column(first["sentence_id"]))
    attributions = attributions.assign(sentence_id=text_column(attributions["sentence_id"]),
                                       actor_group=text_column(attributions["actor_group"]))
    attributions = attributions.loc[attributions["sentence_id"].isin(headline_ids)]
    groups_of = attributions.groupby("sentence_id")["actor_group"].agg(lambda groups: sorted(set(groups))).to_dict()
    claims = claims.assign(sentence_id=text_column(claims["sentence_id"]), value=pd.to_numeric(claims["value"],
                                                                                           errors="coerce"))
    claims = claims.loc[claims["sentence_id"].isin(headline_ids) & claims["value"].notna()]
    numbers_of = claims.groupby("sentence_id")["value"].agg(lambda numbers: sorted(numbers)).to_dict()
    out = []
    for article in ok.itertuples(index=False):
        row = {"article_id": article.article_id, "label": article.label, "has_headline": False, "sentence_id": "",
               "text": "", "attributed": False, "attributed_to": "", "question": False, "figure": False,
               "figures": "", "hedged": False, "hedge_cues": ""}
        if article.article_id in first.index:
            sid = str(first.loc[article.article_id, "sentence_id"])
            text = str(first.loc[article.article_id, "text"])
            groups, numbers = groups_of.get(sid, []), numbers_of.get(sid, [])
            flags = stance.loc[sid] if sid in stance.index else None
            row.update({
                "has_headline": True, "sentence_id": sid, "text": text, "attributed": bool(groups),
                "attributed_to": join_list(group_label(group) for group in groups),
                "question": bool(flags is not None and flag_column(pd.Series([flags["question"]])).iloc[0]),
                "figure": bool(numbers), "figures": join_list(f"{value:g}" for value in numbers),
                "hedged": bool(flags is not None and flag_column(pd.Series([flags["hedged"]])).iloc[0]),
                "hedge_cues": str(flags["hedge_cues"]) if flags is not None and pd.notna(flags["hedge_cues"])
                else "",
            })
        out.append(row)
    columns = ["article_id", "label", "has_headline", "sentence_id", "text", "attributed", "attributed_to",
               "question", "figure", "figures", "hedged", "hedge_cues"]
    return pd.DataFrame(out, columns=columns).reset_index(drop=True)


# --------------------------------------------------------------------------------------------------
# (g) Location framing
# --------------------------------------------------------------------------------------------------

def locations(articles: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """Per article × place group (ukraine, russia): how often the text places the troops there, and the share.

    Columns: article_id, label, place_group, count, total, share, evidence_sentence_ids.
    """
    ok = compared_articles(articles)
    places = input_frame(places, "places")
    places = places.assign(article_id=text_column(places["article_id"]), place_group=text_column(places["place_group"]),
                           sentence_id=text_column(places["sentence_id"]))
    places = places.loc[places["article_id"].isin(ok["article_id"]) & places["place_group"].isin(PLACE_GROUPS)]
    counts, evidence, totals = _tally(places, "place_group")
    out = []
    for article in ok.itertuples(index=False):
        total = int(totals.get(article.article_id, 0))
        for group in PLACE_GROUPS:
            count = int(counts.get((article.article_id, group), 0))
            out.append({"article_id": article.article_id, "label": article.label, "place_group": group,
                        "count": count, "total": total, "share": share_of(count, total),
                        "evidence_sentence_ids": evidence.get((article.article_id, group), "")})
    columns = ["article_id", "label", "place_group", "count", "total", "share", "evidence_sentence_ids"]
    frame = pd.DataFrame(out, columns=columns)
    return frame.astype({"count": int, "total": int, "share": float}).reset_index(drop=True)


# --------------------------------------------------------------------------------------------------
# (h) Wire copy and the corpus
# --------------------------------------------------------------------------------------------------

def wire_copy(articles: pd.DataFrame) -> pd.DataFrame:
    """Per article (every status): its agency credit and the articles it duplicates exactly or nearly.

    Columns: article_id, label, status, agency, exact_duplicate_of, exact_duplicate_of_label,
    near_duplicate_of, near_duplicate_of_label, shares_copy.
    """
    articles = input_frame(articles, "articles")
    labels = dict(zip(text_column(articles["article_id"]), text_column(articles["label"])))
    out = []
    for row in articles.itertuples(index=False):
        exact, near = split_list(row.duplicate_of), split_list(row.near_duplicate_of)
        out.append({
            "article_id": str(row.article_id), "label": str(labels.get(str(row.article_id), "")),
            "status": "" if pd.isna(row.status) else str(row.status),
            "agency": "" if pd.isna(row.agency) else str(row.agency),
            "exact_duplicate_of": join_list(exact),
            "exact_duplicate_of_label": join_list(labels.get(a, a) for a in exact),
            "near_duplicate_of": join_list(near),
            "near_duplicate_of_label": join_list(labels.get(a, a) for a in near),
            "shares_copy": bool(exact or near),
        })
    columns = ["article_id", "label", "status", "agency", "exact_duplicate_of", "exact_duplicate_of_label",
               "near_duplicate_of", "near_duplicate_of_label", "shares_copy"]
    return pd.DataFrame(out, columns=columns).sort_values("article_id", kind="stable").reset_index(drop=True)


def corpus_summary(articles: pd.DataFrame) -> pd.DataFrame:
    """How many input files/articles have each status, grouped by reason, with the files listed.

    Columns: status, reason, n_articles, source_files, article_ids. Statuses in schema order.
    """
    articles = input_frame(articles, "articles")
    table = pd.DataFrame({
        "status": text_column(articles["status"]), "reason": text_column(articles["reason"]),
        "source_file": text_column(articles["source_file"]), "article_id": text_column(articles["article_id"]),
    })
    out = []
    for (status, reason), part in table.groupby(["status", "reason"], sort=True):
        out.append({"status": status, "reason": reason, "n_articles": len(part),
                    "source_files": join_list(sorted(set(part["source_file"]))),
                    "article_ids": join_list(sorted(part["article_id"]))})
    columns = ["status", "reason", "n_articles", "source_files", "article_ids"]
    frame = pd.DataFrame(out, columns=columns)
    order = {status: index for index, status in enumerate(schemas.ARTICLE_STATUSES)}
    frame["order"] = frame["status"].map(lambda status: order.get(status, len(order)))
    frame = frame.sort_values(["order", "status", "reason"], kind="stable").drop(columns="order")
    return frame.astype({"n_articles": int}).reset_index(drop=True)


