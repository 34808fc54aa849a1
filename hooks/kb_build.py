"""The state of one language build, shared by the knowledge base's MkDocs hooks.

mkdocs-static-i18n re-runs the whole build once per language, and `mkdocs serve` keeps hook
modules loaded between rebuilds. So `load` replaces the state at the start of every build
(from `on_config`), and nothing from one language or rebuild survives into the next.
This module is not itself a hook; the hooks import it.

Under `mkdocs serve` a mistake never stops the build (serve would hang every request until it is
fixed): a broken translation file is left out so its pages and labels fall back to English, a
broken English file keeps the last good content, and every problem is shown on every page.
`mkdocs build` raises instead.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from knowledge_base.content.errors import ContentError
from knowledge_base.content.glossary import check_glossary
from knowledge_base.content.links import unsafe_links
from knowledge_base.content.loader import load_catalog
from knowledge_base.content.locales import Labels, LocaleIssue, load_labels
from knowledge_base.content.messages import ENGLISH_WORDS
from knowledge_base.content.model import DEFAULT_LANGUAGE, Catalog, Technique
from knowledge_base.content.slots import declared_slots, pieces
from knowledge_base.content.team import NO_TEAM, Team, load_team, team_file
from knowledge_base.content.yamltext import read_document
from knowledge_base.render.cards import PAPERS, Paper, card_fit, fit_problems
from knowledge_base.render.preview import Problem, translation_language
from knowledge_base.translate.translations import LanguageStatus, current_fingerprints, language_status

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
    problems: tuple[Problem, ...] = ()  # shown on every page under `mkdocs serve`
    serving: bool = False
    unsafe_links: tuple[str, ...] = ()  # under serve: symbolic links whose files are left out of the site
    team: Team = NO_TEAM  # the team profile whose values fill the phrases' slots (in every Labels' `team`)

    @property
    def english(self) -> Labels:
        """The reference labels, for English fallback text inside another language's page."""
        return self.all_labels[DEFAULT_LANGUAGE]


_state: BuildState | None = None
_command = "build"  # the mkdocs command this process runs (from on_startup)


def _is_serving() -> bool:
    """`mkdocs serve`: mistakes are shown in the pages instead of stopping the build."""
    return _command == "serve"


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


Loaded = tuple[Catalog, dict[str, Labels], list[LocaleIssue], list[LanguageStatus], list[ContentError], Team]
_cache: tuple[tuple[object, ...], Loaded] | None = None
_last_good: tuple[tuple[str, ...], Loaded] | None = None  # under serve: the last content without errors


def _signature(root: Path, docs_dir: Path, languages: tuple[str, ...]) -> tuple[object, ...]:
    """Every content and locale file with its size and modification time: changes when any file does."""
    files = sorted([*docs_dir.rglob("*.md"), *(root / "locales").rglob("*.yml")])
    team = team_file(root)
    if team is not None and team.is_file():
        files.append(team)
    return (_is_serving(), languages, str(team), *((str(f), *_stat(f)) for f in files))


def _stat(file: Path) -> tuple[int, int]:
    """Modification time and size of `file`, or of the link itself when it leads nowhere (reported when read)."""
    try:
        st = file.stat()
    except OSError:
        st = file.lstat()
    return st.st_mtime_ns, st.st_size


def _read_all(root: Path, docs_dir: Path, languages: tuple[str, ...], skip: frozenset[str]) -> Loaded:
    for page in sorted(docs_dir.rglob("*.md")):  # every page MkDocs will read, catalog or not (home, guide)
        shown = page.relative_to(root).as_posix() if page.is_relative_to(root) else page.as_posix()
        if shown not in skip and not page.is_symlink():
            read_document(page, shown, required=False)
    labels, issues = load_labels(root / "locales", languages, root, skip)
    slots = declared_slots(labels[DEFAULT_LANGUAGE].values)
    catalog = load_catalog(docs_dir, languages, root, skip, slots)
    team = _read_team(root, slots, languages)
    labels = {lang: replace(own, team=team.for_language(lang)) for lang, own in labels.items()}
    for article in catalog.articles.values():
        if f"language.{article.language}" not in labels[DEFAULT_LANGUAGE].values:
            raise ContentError(f"locales/{DEFAULT_LANGUAGE}.yml", f"missing label 'language.{article.language}': the "
                               f"name of the language of the source article '{article.id}'", key="language",
                               hint=f"add '{article.language}: <name of the language>' under 'language:'")
    now = current_fingerprints(root, docs_dir)
    statuses = [language_status(root, docs_dir, lang, now, skip) for lang in languages if lang != DEFAULT_LANGUAGE]
    return catalog, labels, issues, statuses, [], team


def _read_team(root: Path, slots: tuple[str, ...], languages: tuple[str, ...]) -> Team:
    """The team profile (team.yml beside mkdocs.yml, or KB_TEAM), or no team."""
    file = team_file(root)
    if file is None:
        return NO_TEAM
    shown = file.relative_to(root).as_posix() if file.is_relative_to(root) else file.as_posix()
    return load_team(file, shown, slots, languages)


def _read_forgiving(root: Path, docs_dir: Path, languages: tuple[str, ...]) -> Loaded:
    """Under serve: leave out each broken translation file (English fallback), or keep the last good content."""
    global _last_good
    errors: list[ContentError] = []
    skip: set[str] = set()
    while True:
        try:
            loaded = _read_all(root, docs_dir, languages, frozenset(skip))
        except ContentError as exc:
            errors.append(exc)
            if translation_language(exc.path, DEFAULT_LANGUAGE) in languages and exc.path not in skip:
                skip.add(exc.path)
                continue
            if _last_good is None or _last_good[0] != languages:
                raise PluginError(str(exc)) from None  # nothing good to show yet: serve reports it and waits
            return (*_last_good[1][:4], errors, _last_good[1][5])
        if not errors:
            _last_good = (languages, loaded)
        return (*loaded[:4], errors, loaded[5])


def _load_content(root: Path, docs_dir: Path, languages: tuple[str, ...]) -> Loaded:
    """Validated catalog, labels, locale issues, translation status and (under serve) the errors met.

    mkdocs-static-i18n runs one build per language over the same files, so the result is reused
    while no content or locale file has changed (same paths, sizes and modification times).
    """
    global _cache
    signature = _signature(root, docs_dir, languages)
    if _cache is not None and _cache[0] == signature:
        return _cache[1]
    _cache = None
    if _is_serving():
        loaded = _read_forgiving(root, docs_dir, languages)
    else:
        try:
            loaded = _read_all(root, docs_dir, languages, frozenset())
        except ContentError as exc:
            raise PluginError(str(exc)) from None
    _cache = (signature, loaded)
    return loaded


def load(config: MkDocsConfig) -> BuildState:
    """Load and validate every content file and locale of this language build, replacing the last state."""
    global _state
    _state = None
    root = project_root(config)
    _limit_languages(config)
    current, names = languages_of(config)
    links = unsafe_links(root, [Path(config.docs_dir), root / "locales"])
    if links and not _is_serving():
        raise PluginError(str(links[0]))  # before MkDocs follows the link into a loop or publishes its target
    catalog, labels, issues, statuses, errors, team = _load_content(root, Path(config.docs_dir), tuple(names))
    errors = [*links, *errors]
    problems = [Problem.of_error(e) for e in errors]
    for error in errors:
        log.error("%s", error)  # only under serve: a build raises instead
    for issue in issues:
        if issue.path.endswith(f"/{current}.yml"):
            log.warning("%s", issue)
        problems.append(Problem.of_issue(issue))
    problems += _glossary_problems(root, Path(config.docs_dir), current)
    site_url = config.site_url or ""
    check_site_url(site_url)
    for tech, fit in fit_problems(catalog, current, labels[current], site_url, labels[DEFAULT_LANGUAGE]):
        blamed = _team_values_in(tech, current, labels, site_url, fit.paper)
        if blamed:
            message = (f"card '{tech.id}' ({current}) does not fit the {ENGLISH_WORDS['messages.sizes.' + fit.paper]}: about "
                       f"{fit.overflow_mm:.0f} mm too tall")
            key, line = team.where(blamed, tech.text(current).lang)
            where = f"{team.path}:{line}" if line else team.path
            log.warning("%s [%s]: this value of the team profile makes the %s; shorten it", where, key, message)
            problems.append(Problem(team.path, f"{message} with this value", line, key,
                                    hint="shorten the value in the team profile"))
            continue
        problem = Problem.coded(tech.text(current).path, "card.too_tall", card=tech.id, lang=current, size=fit.paper,
                                mm=f"{fit.overflow_mm:.0f}")
        log.warning("%s; %s in %s", problem.message, problem.hint, problem.path)
        problems.append(problem)
    if current == DEFAULT_LANGUAGE and _command in ("build", "gh-deploy") and is_placeholder(site_url):
        log.warning("site_url is still the placeholder %s: printed cards, QR codes and links for programs would "
                    "point nowhere. Set the real address with the environment variable %s "
                    "(e.g. %s=https://help.example.org/deescalation/ ./run build)", site_url, SITE_URL_VARIABLE,
                    SITE_URL_VARIABLE)
    outdated = frozenset(i.name for s in statuses if s.lang == current for i in s.pages if i.state == "outdated")
    _state = BuildState(catalog, labels[current], labels, root, statuses, names, outdated, tuple(problems),
                        _is_serving(), tuple(e.path for e in links), team)
    return _state


def _team_values_in(tech: Technique, lang: str, labels: dict[str, Labels], site_url: str, paper: str) -> str | None:
    """The slot whose team value makes the card too tall (it fits with a blank there), or None."""
    text = tech.text(lang)
    own = labels[text.lang]
    used = [part for phrase in (*text.say, *text.avoid) for part, is_slot in pieces(phrase)
            if is_slot and part in own.team]
    for slot in sorted(set(used), key=lambda s: -len(own.team[s])):
        without = {code: replace(each, team={k: v for k, v in each.team.items() if k != slot})
                   for code, each in labels.items()}
        if card_fit(tech, lang, without[lang], _paper(paper), site_url, without[DEFAULT_LANGUAGE]).fits:
            return slot
    return None


def _paper(paper_id: str) -> Paper:
    return next(p for p in PAPERS if p.id == paper_id)


def _glossary_problems(root: Path, docs_dir: Path, lang: str) -> list[Problem]:
    """Warn about every forbidden variant of `lang`'s glossary in its pages and labels (problems for the preview)."""
    try:
        issues = check_glossary(root, docs_dir, [lang])
    except ContentError as exc:
        if not _is_serving():
            raise PluginError(str(exc)) from None
        log.error("%s", exc)
        return [Problem.of_error(exc)]
    for issue in issues:
        log.warning("%s", issue)
    return [Problem.coded(issue.path, "glossary.forbidden", issue.line, found=issue.found, lang=issue.lang,
                          preferred=issue.preferred, glossary=issue.glossary) for issue in issues]


SITE_URL_VARIABLE = "KB_SITE_URL"
PLACEHOLDER_HOST = "deescalation.example"


def set_command(command: str) -> None:
    """Remember whether this process serves or builds (from on_startup): only builds publish URLs, and
    only `serve` shows mistakes in the pages instead of stopping."""
    global _command
    _command = command


_SITE_URL = re.compile(r"^https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~%/-]*)?$")


def check_site_url(site_url: str) -> None:
    """Stop unless `site_url` is a plain http(s) address: it goes into every page, card, sitemap and JSON file."""
    if not site_url or _SITE_URL.match(site_url):
        return
    typed = os.environ.get(SITE_URL_VARIABLE)
    source = f"{SITE_URL_VARIABLE}={typed!r}" if typed else f"site_url: {site_url!r}"
    raise PluginError(f"{source}: the published address must be an http:// or https:// URL of letters, digits and "
                      f"/ . - _ ~ only (no spaces, quotes or angle brackets), e.g. "
                      f"{SITE_URL_VARIABLE}=https://help.example.org/deescalation/")


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
