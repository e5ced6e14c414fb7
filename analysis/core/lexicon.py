"""Reading the researcher-editable YAML files of analysis/resources: one loader, one kind of error.

Every lexicon, gazetteer, rule set and codebook is read through :func:`load_yaml`, so that a missing
file or a YAML syntax error is always reported the same way: the file, the line, what is wrong and
what to do (a ConfigError, which the runner prints without a traceback).

Every entry of these files carries ``examples:`` (French lines or sentences that must trigger it) and,
where a false trigger is plausible, ``counter_examples:``; tests/test_lexicon_examples.py checks them.
They are documentation and test data, never matching data: :func:`load_yaml` sets them aside, so a
loader sees each file as if they were not there. An entry that is a bare word in a list is written
``{entry: word, examples: [...]}`` and reaches its loader as ``word``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from analysis.core.errors import ConfigError
from analysis.core.paths import display_path, resource

#: LibYAML's safe loader when PyYAML was built with it (the same objects, ten times faster), else PyYAML's.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def resource_path(path: str | Path | None, default_name: str) -> Path:
    """``path`` when given, else the default file ``analysis/resources/<default_name>``."""
    return Path(path) if path else resource(default_name)


#: Keys that document an entry with the text it must (or must not) trigger; no loader reads them.
EXAMPLE_KEYS = ("examples", "counter_examples")
#: The key holding the value of an entry written as a mapping only to carry examples.
ENTRY_KEY = "entry"


def without_examples(data: Any) -> Any:
    """``data`` with every ``examples``/``counter_examples`` key left out, and every mapping that only
    wraps a value to carry them (``{entry: vouloir, examples: [...]}``) replaced by that value."""
    if isinstance(data, dict):
        if ENTRY_KEY in data and set(data) <= {ENTRY_KEY, *EXAMPLE_KEYS}:
            return without_examples(data[ENTRY_KEY])
        return {key: without_examples(value) for key, value in data.items() if key not in EXAMPLE_KEYS}
    if isinstance(data, list):
        return [without_examples(item) for item in data]
    return data


def load_yaml(path: str | Path, what: str) -> Any:
    """The parsed YAML of ``path`` without its examples (``what`` names it in messages: "the actor
    gazetteer"): what every loader of analysis/resources reads."""
    return without_examples(read_yaml(path, what))


def read_yaml(path: str | Path, what: str) -> Any:
    """The parsed YAML of ``path`` as written, examples included (the example tests read this)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise ConfigError(f"{what} does not exist (the file is missing)", path=display_path(path),
                          hint=f"restore analysis/resources/{path.name} from the repository.") from error
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read {what}: {error}", path=display_path(path),
                          hint="check the file's permissions and that it is saved as UTF-8.") from error
    try:
        return yaml.load(text, Loader=FAST_LOADER)  # noqa: S506 - a safe loader (LibYAML's or PyYAML's)
    except yaml.YAMLError:
        pass  # read again below by PyYAML's own parser, whose message quotes the line
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ConfigError(f"{what} is not valid YAML: {error}", path=display_path(path),
                          line=mark.line + 1 if mark is not None else None,
                          hint="look at the line shown; put values that contain ': ' or ' #', and all "
                               "regular expressions, in 'single quotes'.") from error


def require_sections(data: Any, sections: tuple[str, ...], path: str | Path, what: str) -> dict[str, Any]:
    """``data`` as a mapping that has every key of ``sections``; else a ConfigError listing the missing."""
    missing = [key for key in sections if not isinstance(data, dict) or key not in data]
    if missing:
        raise ConfigError(f"{what} lacks the section(s) {', '.join(missing)}", path=display_path(Path(path)),
                          hint=f"restore them from the repository version of {Path(path).name}.")
    return data


STOP_WORDS_FILE = "stop_words_fr.txt"


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """spaCy's French stop words, read from analysis/resources/stop_words_fr.txt (lines after the header)."""
    lines = resource(STOP_WORDS_FILE).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))
