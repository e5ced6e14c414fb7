"""The researcher-editable YAML files: each opens with a one-line description, which the report lists.

The report's "Codebook, lexicons and gazetteer" shows each file of analysis/resources with the first
header comment line that has words (analysis.report.methods.resource_description); that line must be a
whole description, not a rule of "=" signs nor half a sentence that goes on below.
"""

from __future__ import annotations

import re

import pytest

from analysis.core.paths import RESOURCES_DIR
from analysis.report.methods import resource_description, resource_files

YAML_FILES = sorted(RESOURCES_DIR.glob("*.yaml"))

#: Each file's description, copied from reading its header (not from the function's output).
DESCRIPTIONS = {
    "actors.yaml": "Actor gazetteer: who speaks, grouped by the side they speak for.",
    "boilerplate.yaml": "Boilerplate rules of the clean stage: what in a pasted web page is not the article.",
    "claims.yaml": "Numeric claims about people: how many soldiers were sent, killed, wounded or captured.",
    "corpus_columns.yaml": "Column names of corpus files: which .csv column or .jsonl key is read as which "
                           "field of an article.",
    "deployment_mentions.yaml": "Which body sentences count as \"about the North Korean troops\" in the certainty "
                                "comparison.",
    "keyness.yaml": "Keyness (distinctive vocabulary): what is counted, and when a lemma is called distinctive.",
    "frames.yaml": "Frame codebook: how analysis/annotate/frames.py codes news frames in French sentences",
    "metadata.yaml": "Metadata printed in an article's text: date, byline, agency, photo credit, hashtags, site name.",
    "places.yaml": "Where the text places the North Korean soldiers: in Ukraine or in Russia.",
    "reporting_verbs.yaml": "Cues of attribution: the words by which a French news text says who says something.",
    "stance.yaml": "Epistemic stance of a sentence: hedged, unverified, confirmed, denied, asked.",
}


def test_every_yaml_file_has_its_description_in_the_report():
    assert dict(resource_files()) == DESCRIPTIONS


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda path: path.name)
def test_the_description_is_a_whole_line_of_the_header(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    description = resource_description("\n".join(lines))
    assert description and not re.fullmatch(r"[=\-#\s]*", description)
    index = next(number for number, line in enumerate(lines) if line.strip("#").strip() == description)
    following = lines[index + 1] if index + 1 < len(lines) else ""
    # the description does not go on: the next line is a blank comment line, a rule, or the YAML itself
    assert not following.startswith("#") or re.fullmatch(r"#\s*(=+)?\s*", following), \
        f"{path.name}: line {index + 2} continues the description: {following!r}"


@pytest.mark.parametrize("header, description", [
    ("# =====\n# Frame codebook: how frames are coded\n# =====\n", "Frame codebook: how frames are coded"),
    ("#\n#   Actor gazetteer.  \n#\nkey: value\n", "Actor gazetteer."),
    ("key: value\n# a comment below the data\n", ""),
])
def test_resource_description_skips_rules_and_stops_at_the_data(header, description):
    assert resource_description(header) == description
