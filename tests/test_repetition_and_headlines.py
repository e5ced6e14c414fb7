"""Each source and figure once per article (sources.csv, article_figures.csv) and the headline against the body
(headline_body.csv), on the seeds (issue 17, items 3 and 4). Every expectation is read in the articles."""

from __future__ import annotations


def _by_article(frame):
    return frame.assign(article=frame["article_id"].str[:3])


def test_a_repeated_speaker_is_one_source(annotated_seeds):
    """001 attributes four statements to Ukrainian sources — Zelensky's « quelque 10 000 soldats nord-coréens » in
    the lead (s001) and again word for word under the heading (s008), the SPRAVDI's video (s005) and « Selon cette
    source » (s006): two sources, two mentions each."""
    sources = _by_article(annotated_seeds.sources)
    ukraine = sources.loc[(sources["article"] == "001") & (sources["actor_group"] == "ukraine")]
    assert sorted(zip(ukraine["actor"], ukraine["mentions"])) == [("SPRAVDI", 2), ("Volodymyr Zelensky", 2)]
    assert int(ukraine["mentions"].sum()) == len(annotated_seeds.attributions.loc[
        annotated_seeds.attributions["sentence_id"].str.startswith("001")
        & (annotated_seeds.attributions["actor_group"] == "ukraine")])


def test_a_repeated_figure_is_one_figure(annotated_seeds):
    """004 gives « Au moins 100 » Nord-Coréens tués in its headline, its lead (s002) and Lee's quotation (s004): one
    figure, three mentions, in the headline. 001's « quelque 10 000 » of the lead and of s008 is one figure; its
    heading « 10 000 soldats ? » states nothing and is not a figure."""
    figures = _by_article(annotated_seeds.figures)
    hundred = figures.loc[(figures["article"] == "004") & (figures["figure"] == 100)]
    assert list(zip(hundred["kind"], hundred["mentions"], hundred["in_headline"])) == [("killed", 3, True)]
    ten_thousand = figures.loc[(figures["article"] == "001") & (figures["figure"] == 10000)]
    assert list(zip(ten_thousand["status"], ten_thousand["mentions"])) == [("planned", 2)]
    assert "001_ac609c1b67fdfd14-s007" not in " | ".join(figures["sentence_ids"])
    # 002: the headline's « 30 … morts » (killed) and the body's « au moins 30 … tués ou blessés » are two figures
    thirty = figures.loc[(figures["article"] == "002") & (figures["figure"] == 30)]
    assert sorted(zip(thirty["kind"], thirty["mentions"])) == [("killed", 1), ("killed_or_wounded", 2)]


def test_headline_against_body(annotated_seeds):
    """000: « …tués dans le conflit, selon Séoul » drops the body's conditional (« auraient été tués », s001) but
    keeps its source. 001: a question headline states nothing. 002: « au moins 30 soldats nord-coréens morts » states
    bare what the body attributes to Ukrainian intelligence, and as deaths what the body counts as « tués ou
    blessés ». 003 has no headline. 004: « Au moins 100 … tués …, affirme Séoul » matches the body's figure, credited
    to South Korea in both (Séoul in the headline, the MP Lee Seong-kweun in the body)."""
    gap = _by_article(annotated_seeds.headline_body).set_index("article")
    assert gap.loc["000", ["states_as_fact", "drops_hedge", "drops_attribution", "credit"]].tolist() == [
        False, True, False, "same"]
    assert gap.loc["000", "body_sentence_ids"] == "000_86ef5fc6a3b7a9e5-s001"
    assert gap.loc["001", ["headline_question", "states_as_fact", "drops_hedge", "drops_attribution"]].tolist() == [
        True, False, False, False]
    assert gap.loc["002", ["match", "states_as_fact", "drops_attribution", "figure_difference", "credit"]].tolist() == [
        "figure", True, True, "kind", "body_only"]
    assert gap.loc["002", "body_source_groups"] == "ukraine"
    assert not gap.loc["003", "has_headline"]
    assert gap.loc["004", ["match", "states_as_fact", "figure_difference", "credit"]].tolist() == [
        "figure", False, "", "same"]
    assert (gap.loc["004", "headline_actors"], gap.loc["004", "body_actors"]) == ("Séoul", "Lee Seong-kweun")
