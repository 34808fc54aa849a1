"""MkDocs glue that keeps the theme's work from being repeated in every language build and rebuild.

mkdocs-static-i18n runs the whole build once per language, and `mkdocs serve` runs it again on
every save. Each run asks the theme for a new Jinja environment, which compiles Material's
templates from their source again and lists every file of the theme (thousands of icons) to find
its assets. Profiled, that was a quarter of a rebuild. Here each new environment gets:

- compiled templates kept in memory as Jinja bytecode (Jinja's own `BytecodeCache`): keyed by
  template, file and the environment's settings, and used only while the source's checksum is
  the same, so an edited template is compiled again;
- MkDocs' listing of the theme's asset files kept while no folder of the theme changes (keyed by
  every folder's modification time, which changes when a file is added, removed or renamed).

Neither changes a byte of output: the first build of a process does the same work as before.
"""

from __future__ import annotations

import os
import types
from typing import Any, Callable

import jinja2
from jinja2.bccache import Bucket
from mkdocs import utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.theme import Theme

# The filter MkDocs passes when it lists a theme's asset files (mkdocs 1.6); any other listing is not cached.
_THEME_FILES_FILTER = "Files.add_files_from_theme.<locals>.filter"


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja bytecode of every template compiled in this process, in memory."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None, source: str) -> Bucket:
        """Jinja's bucket, its key extended by the settings the compiled code depends on."""
        key = f"{self.get_cache_key(name, filename)}:{_settings(environment)}"
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)  # Bucket drops the code if the source's checksum differs
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


def _settings(env: jinja2.Environment) -> str:
    """What else the compiled code of a template depends on: extensions, syntax, escaping."""
    return repr((sorted(env.extensions), env.block_start_string, env.block_end_string, env.variable_start_string,
                 env.variable_end_string, env.comment_start_string, env.comment_end_string,
                 env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks,
                 env.newline_sequence, env.keep_trailing_newline, env.optimized, env.finalize is None,
                 env.autoescape if isinstance(env.autoescape, bool) else id(env.autoescape)))


_compiled = CompiledTemplates()
Stamps = tuple[tuple[str, int], ...]
_listings: dict[tuple[object, ...], tuple[Stamps, list[str]]] = {}


def _folder_stamps(roots: list[str]) -> Stamps:
    """Every folder under `roots` with its modification time (as the loader walks them: no symlinks)."""
    return tuple((folder, os.stat(folder).st_mtime_ns) for root in roots for folder, _, _ in os.walk(root))


def _unchanged(stamps: Stamps) -> bool:
    try:
        return all(os.stat(folder).st_mtime_ns == mtime for folder, mtime in stamps)
    except OSError:
        return False


def _listing(env: jinja2.Environment, theme: Theme, original: Callable[..., list[str]],
             extensions: Any = None, filter_func: Callable[[str], bool] | None = None) -> list[str]:
    """`env.list_templates`, answered from memory for MkDocs' listing of the theme's files while no folder changed.

    That filter's outcome depends only on the name, the theme's static templates and MkDocs'
    markdown extensions, which are part of the key.
    """
    loader = env.loader
    if (extensions is not None or getattr(filter_func, "__qualname__", "") != _THEME_FILES_FILTER
            or not isinstance(loader, jinja2.FileSystemLoader) or loader.followlinks):
        return original(extensions=extensions, filter_func=filter_func)
    # mkdocs-static-i18n inserts its sitemap folder into the theme's folders again in every language build: a
    # folder listed twice adds no name, so the key has each folder once.
    roots = list(dict.fromkeys(loader.searchpath))
    key = (tuple(roots), tuple(sorted(theme.static_templates)), tuple(utils.markdown_extensions), filter_func.__code__)
    known = _listings.get(key)
    if known is not None and _unchanged(known[0]):
        return list(known[1])
    stamps = _folder_stamps(roots)  # before listing: a change in between lists again next time
    names = original(filter_func=filter_func)
    _listings[key] = (stamps, names)
    return list(names)


def _environment(theme: Theme) -> jinja2.Environment:
    """The theme's new Jinja environment, with the compiled templates and the file listing of earlier builds."""
    env = Theme.get_env(theme)
    env.bytecode_cache = _compiled
    original = env.list_templates
    env.list_templates = lambda extensions=None, filter_func=None: _listing(env, theme, original, extensions,
                                                                          filter_func)
    return env


def on_config(config: MkDocsConfig, **kwargs: Any) -> MkDocsConfig:
    """Give this configuration's theme the environment above (MkDocs asks for it right after `on_pre_build`)."""
    config.theme.get_env = types.MethodType(_environment, config.theme)
    return config
