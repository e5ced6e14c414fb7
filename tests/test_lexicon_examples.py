"""Every entry of every researcher-editable YAML carries examples, and each example fires that entry.

An entry is what a researcher adds or removes in analysis/resources/*.yaml: a boilerplate rule, a cue word,
an actor, a reporting verb, a hedge cue, a claim word, a place, a frame rule. Each carries `examples:` (French
text that must trigger it) and, where a false trigger is plausible, `counter_examples:` (text that must not).
tests/lexicon_examples says, file by file, which parts of a file are entries and how an example is checked
with the stage's own matching code (its docstrings say what "fires" means for each section).

Three tests:
- every part of every file is a section of entries or a setting (a number, a switch), so a new section
  cannot go unchecked;
- for every entry, each example fires it and each counter-example does not; an entry without examples
  fails with a message saying what to add;
- removing an entry (from a copy of the files) makes its own examples stop firing: for a seeded sample of
  the entries of every file (LEXICON_MUTATION_SAMPLE=all checks every entry), the entries listed as
  redundant in tests/lexicon_examples/registry.py aside (another entry or the code does the same).
Entries listed in registry.GAPS have examples that do not fire because of a gap in the matching code: their
test is expected to fail (strictly, so closing the gap is noticed) and the removal test skips them.
"""

from __future__ import annotations

import os
import random

import pytest
from lexicon_examples import Entry, Section, entries_of, read_resource, resources_without, uncovered
from lexicon_examples.registry import FILES, GAPS, REDUNDANT, reset_caches

from analysis.core.errors import ConfigError
from analysis.core.paths import RESOURCES_DIR

ENTRIES: list[tuple[Section, Entry]] = [item for file in sorted(FILES)
                                         for item in entries_of(file, read_resource(file), FILES[file])]
#: How many entries of each file the removal test takes (seeded); "all" takes every entry.
SAMPLE = os.environ.get("LEXICON_MUTATION_SAMPLE", "6")
SEED = 18


def test_every_yaml_file_is_checked():
    names = {path.name for path in RESOURCES_DIR.glob("*.yaml")}
    assert set(FILES) <= names
    unchecked = sorted(names - set(FILES))
    assert not unchecked, (f"{unchecked}: give every entry examples and register the file's FileSpec in "
                           "tests/lexicon_examples/registry.py (FILES)")


def test_the_redundant_entries_are_entries():
    assert set(REDUNDANT) <= {entry.label for _, entry in ENTRIES}
    assert set(GAPS) <= {entry.label for _, entry in ENTRIES}
    assert not set(REDUNDANT) & set(GAPS)


@pytest.mark.parametrize("file", sorted(FILES))
def test_every_part_of_a_file_is_a_section_of_entries_or_a_setting(file):
    missing = uncovered(read_resource(file), FILES[file])
    assert not missing, (f"{file}: {missing} hold neither entries with examples nor a known setting; give their "
                         "entries examples and say how they are checked in tests/lexicon_examples")


def _with_gaps(items: list[tuple[Section, Entry]]) -> list:
    """The entries as test parameters; those of a known gap (registry.GAPS) are expected to fail."""
    return [pytest.param(section, entry, id=entry.label,
                         marks=[pytest.mark.xfail(reason=GAPS[entry.label], strict=True)] if entry.label in GAPS else [])
            for section, entry in items]


@pytest.mark.parametrize("section, entry", _with_gaps(ENTRIES))
def test_each_example_fires_its_entry(section, entry):
    assert entry.examples, (f"{entry.label} has no examples: add `examples: [...]` to it, with {section.what} "
                            "(a bare word in a list is written {entry: word, examples: [...]})")
    for example in entry.examples:
        outcome = section.probe(entry, example)
        assert outcome.fired, f"{entry.label}: the example {example!r} does not fire it ({outcome.found})"
    for example in entry.counter_examples:
        outcome = section.probe(entry, example)
        assert not outcome.fired, f"{entry.label}: the counter-example {example!r} fires it ({outcome.found})"


def _sample(file: str) -> list[tuple[Section, Entry]]:
    entries = [item for item in ENTRIES if item[1].file == file and item[1].examples
               and item[1].label not in REDUNDANT and item[1].label not in GAPS]
    if SAMPLE == "all":
        return entries
    return random.Random(f"{SEED}:{file}").sample(entries, min(int(SAMPLE), len(entries)))


@pytest.mark.parametrize("file", sorted(FILES))
def test_removing_an_entry_stops_its_own_examples(file, tmp_path):
    still_firing = []
    for number, (section, entry) in enumerate(_sample(file)):
        folder = tmp_path / str(number)
        folder.mkdir()
        with resources_without(entry, folder, reset_caches):
            try:
                firing = [example for example in entry.examples if section.probe(entry, example).fired]
            except ConfigError:
                firing = []  # the loader refuses the file without it: removing it fails the suite too
        if firing:
            still_firing.append(f"{entry.label}: {firing}")
    assert not still_firing, "without these entries their examples still fire:\n" + "\n".join(still_firing)
