"""The examples of the researcher-editable YAML files, and how each one is checked.

Every entry of analysis/resources/*.yaml carries ``examples:`` (French text that must trigger it) and,
where a false trigger is plausible, ``counter_examples:``. This package says, file by file, which parts of
a file are entries (:class:`Section`) and which are settings (numbers, switches), and, for each section, how
an example is checked: a *probe* runs the stage's own matching code on the example, with the lexicon as the
loaders read it from ``analysis.core.paths.RESOURCES_DIR``, and says whether that entry fired. Pointing
RESOURCES_DIR at a copy of the files with one entry removed (:func:`resources_without`) shows that the
entry's own examples then stop firing.

tests/test_lexicon_examples.py runs the checks; the probes are in ``clean`` (boilerplate, metadata, corpus
columns), ``stance``, ``attribution`` (reporting verbs), ``compare`` (deployment mentions), ``actors`` (the
actor gazetteer), ``places`` (where the troops are), ``keyness`` (the compare stage's term filter), ``claims``
(numeric claims about people) and ``frames`` (the frame codebook's rules and word lists);
``registry`` says which file uses which.
"""

from __future__ import annotations

import fnmatch
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

import analysis.core.paths as paths
from analysis.core.lexicon import EXAMPLE_KEYS, read_yaml, without_examples


@dataclass(frozen=True)
class Outcome:
    """What a probe saw: whether the entry fired on the example, and what the stage found (for messages)."""

    fired: bool
    found: str = ""


def probe_through(find: Callable[[str], Any], shown: Callable[[Any], str]):
    """A decorator turning ``test(entry, text, found)`` into a probe: ``found = find(text)`` is what the
    stage's code finds in the example, and ``shown(found)`` describes it in a failure message."""
    def decorate(test):
        def probe(entry: Entry, text: str) -> Outcome:
            found = find(text)
            return Outcome(bool(test(entry, text, found)), shown(found))
        probe.__doc__ = test.__doc__
        return probe
    return decorate


@dataclass(frozen=True)
class Entry:
    """One entry of a YAML file, with its examples, as written."""

    file: str
    section: str  # the section's pattern, e.g. "groups.*.entries"
    path: tuple[Any, ...]  # where the entry sits from the file's root (keys and list indices)
    name: str  # how the entry is named in messages: its word, rule name or key
    value: Any  # the entry as its loader reads it (examples left out)
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]
    whole: bool = False  # the entry is a whole list (of word forms): removing it empties the list

    @property
    def label(self) -> str:
        where = ".".join(str(part) for part in self.path[:-1])
        return f"{self.file}:{where}:{self.name}"


Probe = Callable[[Entry, str], Outcome]


@dataclass(frozen=True)
class Section:
    """A part of a file whose items are entries, and how their examples are checked.

    ``pattern`` is a dotted path from the file's root, "*" standing for any key or list index. With
    ``whole`` the value found there is one entry (a list of word forms that only backs up the lemmas);
    otherwise each item of the list, or each key of the mapping, found there is an entry. ``what`` says
    what an example must be, for the message shown when an entry has none.
    """

    pattern: str
    probe: Probe
    what: str
    whole: bool = False
    name_key: str | None = None  # for items that are mappings: the field that names them
    #: for items that a field cannot name: their name from the file's data (as written) and their path
    namer: Callable[[Any, tuple[Any, ...]], str] | None = None


@dataclass(frozen=True)
class FileSpec:
    """The sections of one YAML file that hold entries, and its settings (paths that are not entries)."""

    sections: tuple[Section, ...]
    settings: dict[str, str] = field(default_factory=dict)  # pattern -> why it carries no examples


def _matches(path: tuple[Any, ...], pattern: str) -> bool:
    parts = pattern.split(".")
    return len(parts) == len(path) and all(fnmatch.fnmatchcase(str(key), part) for key, part in zip(path, parts))


def _children(node: Any) -> list[tuple[Any, Any]]:
    if isinstance(node, dict):
        return [(key, value) for key, value in node.items() if key not in EXAMPLE_KEYS]
    if isinstance(node, list):
        return list(enumerate(node))
    return []


def _unwrap(node: Any) -> Any:
    """An entry written ``{entry: value, examples: [...]}``: its value as written; otherwise the node."""
    if isinstance(node, dict) and "entry" in node:
        return node["entry"]
    return node


def _nodes(data: Any, pattern: str, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """(path, node) of every node of ``data`` that the dotted ``pattern`` reaches."""
    if _matches(path, pattern):
        yield path, data
        return
    if len(path) >= len(pattern.split(".")):
        return
    for key, child in _children(_unwrap(data)):
        yield from _nodes(child, pattern, path + (key,))


def _examples(node: Any, key: str) -> tuple[str, ...]:
    values = node.get(key) if isinstance(node, dict) else None
    return tuple(str(value) for value in values or [])


def entries_of(file: str, data: Any, spec: FileSpec) -> list[tuple[Section, Entry]]:
    """Every entry of a file's data (as written) with the section that checks it, in file order."""
    found = []
    for section in spec.sections:
        for path, node in _nodes(data, section.pattern):
            items = [(path, node)] if section.whole else [(path + (key,), child) for key, child in
                                                          _children(_unwrap(node))]
            for item_path, item in items:
                value = without_examples(item)
                if section.namer is not None:
                    name = section.namer(data, item_path)
                elif section.name_key and isinstance(value, dict):
                    name = str(value.get(section.name_key, item_path[-1]))
                elif isinstance(item_path[-1], str) or section.whole:
                    name = str(item_path[-1])
                else:
                    name = str(value)
                found.append((section, Entry(file, section.pattern, item_path, name, value,
                                             _examples(item, "examples"), _examples(item, "counter_examples"),
                                             section.whole)))
    return found


def uncovered(data: Any, spec: FileSpec, path: tuple[Any, ...] = ()) -> list[str]:
    """Dotted paths of a file's data that are neither a section of entries nor a setting."""
    patterns = [section.pattern for section in spec.sections] + list(spec.settings)
    if path and any(_matches(path, pattern) for pattern in patterns):
        return []
    node = _unwrap(data)
    mappings = isinstance(node, list) and node and all(isinstance(item, dict) for item in node)
    children = _children(node) if isinstance(node, dict) or mappings else []  # a list of mappings: each item
    if not children:
        return [".".join(str(part) for part in path)] if path else []
    return [missing for key, child in children for missing in uncovered(child, spec, path + (key,))]


def read_resource(file: str) -> Any:
    """A YAML file of analysis/resources as written, examples included."""
    return read_yaml(paths.RESOURCES_DIR / file, file)


def _without(data: Any, path: tuple[Any, ...], empty: bool) -> Any:
    """A copy of ``data`` without the node at ``path`` (emptied instead when ``empty``)."""
    node = _unwrap(data)
    head, rest = path[0], path[1:]
    copy: Any = dict(node) if isinstance(node, dict) else list(node)
    if rest:
        copy[head] = _without(node[head], rest, empty)
    elif empty:
        copy[head] = {"entry": [], **{key: value for key, value in node[head].items() if key != "entry"}} \
            if isinstance(node[head], dict) else []
    else:
        del copy[head]
    return {**data, "entry": copy} if node is not data else copy


def without_entry(data: Any, entry: Entry) -> Any:
    """A file's data (as written) without one entry; a whole-list entry (word forms) is emptied instead."""
    return _without(data, entry.path, entry.whole)


@contextmanager
def resources_without(entry: Entry, folder: Path, reset: Callable[[], None]) -> Iterator[Path]:
    """RESOURCES_DIR pointed at ``folder``: a copy of analysis/resources with ``entry`` removed from its file.

    ``reset`` clears the caches of loaders that are not keyed by their file's path; it runs on the way in
    and on the way out.
    """
    original = paths.RESOURCES_DIR
    for source in original.iterdir():
        if source.is_file():
            shutil.copyfile(source, folder / source.name)
    data = without_entry(read_resource(entry.file), entry)
    (folder / entry.file).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    paths.RESOURCES_DIR = folder
    reset()
    try:
        yield folder
    finally:
        paths.RESOURCES_DIR = original
        reset()
