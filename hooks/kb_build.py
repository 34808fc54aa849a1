"""The state of one language build, shared by the knowledge base's MkDocs hooks.

mkdocs-static-i18n re-runs the whole build once per language, and `mkdocs serve` keeps hook
modules loaded between rebuilds. So `load` replaces the state at the start of every build
(from `on_config`), and nothing from one language or rebuild survives into the next.
This module is not itself a hook; the hooks import it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from knowledge_base.cards import fit_problems
from knowledge_base.errors import ContentError
from knowledge_base.glossary import check_glossary
from knowledge_base.loader import load_catalog
from knowledge_base.locales import Labels, LocaleIssue, load_labels
from knowledge_base.model import DEFAULT_LANGUAGE, Catalog
from knowledge_base.translations import LanguageStatus, current_fingerprints, language_status

log = get_plugin_logger("knowledge-base")
ONLY_LANGUAGE = "KB_LANGUAGE"


@dataclass(frozen=True)
class BuildState:
    """What one language build needs: the validated catalog and that language's labels."""

    catalog: Catalog
    labels: Labels
    all_labels: dict[str, Labels]
    root: Path
    statuses: list[LanguageStatus]
    names: dict[str, str]
    outdated_pages: frozenset[str]  # pages of this language whose translation is outdated


_state: BuildState | None = None


def languages_of(config: MkDocsConfig) -> tuple[str, dict[str, str]]:
    """The language being built and every configured language with its name, from mkdocs-static-i18n."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return DEFAULT_LANGUAGE, {DEFAULT_LANGUAGE: DEFAULT_LANGUAGE}
    if i18n.default_language != DEFAULT_LANGUAGE:
        raise PluginError(f"mkdocs.yml [plugins.i18n.languages]: the default language must be '{DEFAULT_LANGUAGE}', "
                          f"the reference every translation is checked against, not '{i18n.default_language}'")
    current = i18n.current_language or i18n.default_language
    return current, {lang["locale"]: lang["name"] or lang["locale"] for lang in i18n.config["languages"]}


def _limit_languages(config: MkDocsConfig) -> None:
    """With KB_LANGUAGE=xx, build only English (the reference every fallback needs) and xx."""
    only = os.environ.get(ONLY_LANGUAGE)
    i18n = config.plugins.get("i18n")
    if not only or i18n is None:
        return
    known = [lang["locale"] for lang in i18n.config["languages"]]
    if only not in known:
        raise PluginError(f"{ONLY_LANGUAGE}={only}: not a language of mkdocs.yml (one of {', '.join(known)})")
    for lang in i18n.config["languages"]:
        lang["build"] = lang["locale"] in (only, i18n.default_language)


def project_root(config: MkDocsConfig) -> Path:
    """The folder holding mkdocs.yml."""
    return Path(config.config_file_path).resolve().parent


Loaded = tuple[Catalog, dict[str, Labels], list[LocaleIssue], list[LanguageStatus]]
_cache: tuple[tuple[object, ...], Loaded] | None = None


def _signature(root: Path, docs_dir: Path, languages: tuple[str, ...]) -> tuple[object, ...]:
    """Every content and locale file with its size and modification time: changes when any file does."""
    files = sorted([*docs_dir.rglob("*.md"), *(root / "locales").rglob("*.yml")])
    stats = ((f, f.stat()) for f in files)
    return (languages, *((str(f), st.st_mtime_ns, st.st_size) for f, st in stats))


def _load_content(root: Path, docs_dir: Path, languages: tuple[str, ...]) -> Loaded:
    """Validated catalog, labels, locale issues and translation status.

    mkdocs-static-i18n runs one build per language over the same files, so the result is reused
    while no content or locale file has changed (same paths, sizes and modification times).
    """
    global _cache
    signature = _signature(root, docs_dir, languages)
    if _cache is not None and _cache[0] == signature:
        return _cache[1]
    _cache = None
    try:
        catalog = load_catalog(docs_dir, languages, root)
        labels, issues = load_labels(root / "locales", languages, root)
        now = current_fingerprints(root, docs_dir)
        statuses = [language_status(root, docs_dir, lang, now) for lang in languages if lang != DEFAULT_LANGUAGE]
    except ContentError as exc:
        raise PluginError(str(exc)) from None
    _cache = (signature, (catalog, labels, issues, statuses))
    return _cache[1]


def load(config: MkDocsConfig) -> BuildState:
    """Load and validate every content file and locale of this language build, replacing the last state."""
    global _state
    _state = None
    root = project_root(config)
    _limit_languages(config)
    current, names = languages_of(config)
    catalog, labels, issues, statuses = _load_content(root, Path(config.docs_dir), tuple(names))
    for issue in issues:
        if issue.path.endswith(f"/{current}.yml"):
            log.warning("%s", issue)
    _warn_glossary(root, Path(config.docs_dir), current)
    outdated = frozenset(i.name for s in statuses if s.lang == current for i in s.pages if i.state == "outdated")
    _state = BuildState(catalog, labels[current], labels, root, statuses, names, outdated)
    site_url = config.site_url or ""
    for tech, fit in fit_problems(catalog, current, labels[current], site_url):
        log.warning("card '%s' (%s) does not fit the %s: about %.0f mm too tall; shorten its steps or phrases "
                    "in %s", tech.id, current, CARD_NAMES[fit.paper], fit.overflow_mm, tech.text(current).path)
    if current == DEFAULT_LANGUAGE and _command in ("build", "gh-deploy") and is_placeholder(site_url):
        log.warning("site_url is still the placeholder %s: printed cards, QR codes and links for programs would "
                    "point nowhere. Set the real address with the environment variable %s "
                    "(e.g. %s=https://help.example.org/deescalation/ ./run build)", site_url, SITE_URL_VARIABLE,
                    SITE_URL_VARIABLE)
    return _state


def _warn_glossary(root: Path, docs_dir: Path, lang: str) -> None:
    """Warn about every forbidden variant of `lang`'s glossary in its pages and labels."""
    try:
        issues = check_glossary(root, docs_dir, [lang])
    except ContentError as exc:
        raise PluginError(str(exc)) from None
    for issue in issues:
        log.warning("%s", issue)


CARD_NAMES = {"a4": "A6 card (A4 paper)", "letter": "quarter-Letter card (US Letter paper)"}
SITE_URL_VARIABLE = "KB_SITE_URL"
PLACEHOLDER_HOST = "deescalation.example"
_command = "build"


def set_command(command: str) -> None:
    """Remember whether this process serves or builds (from on_startup): only builds publish URLs."""
    global _command
    _command = command


def is_placeholder(site_url: str) -> bool:
    """Whether `site_url` is the example address mkdocs.yml falls back to."""
    return site_url.split("://", 1)[-1].split("/", 1)[0] == PLACEHOLDER_HOST


def state() -> BuildState:
    """This build's state; on_config always runs first."""
    if _state is None:
        raise PluginError("knowledge base: content was not loaded (on_config did not run)")
    return _state


def i18n_finished(config: MkDocsConfig) -> bool:
    """True once every language is built (outside mkdocs-static-i18n's nested builds)."""
    i18n = config.plugins.get("i18n")
    return i18n is None or not i18n.building
