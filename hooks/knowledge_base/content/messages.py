"""Messages for mistakes a translator or author can fix, by key, in the reader's language.

An error names its message by a key (`ContentError(code="yaml.tab", params={...})`); the text
comes from `messages.<key>.message` (and `.fix`) of the locale files, English being the
reference with per-key fallback, and the placeholders filled from the error's parameters.
`ENGLISH` holds the same English as `locales/en.yml`, so an error reads right even before
(or without) any locale file, e.g. when `locales/en.yml` itself is broken; a test keeps the two
equal. An error without a key keeps its own English text wherever it is shown.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")  # `{name}` in labels and messages
# Parameters that are themselves words to translate: their value is a key under this prefix.
WORD_PARAMS = {"kind": "messages.kinds.", "size": "messages.sizes."}

# key: (message, how to fix it or None)
ENGLISH: dict[str, tuple[str, str | None]] = {
    "yaml.not_utf8": ("not valid UTF-8 (byte {byte}); save the file as UTF-8", None),
    "yaml.unreadable": ("the YAML cannot be read ({detail})",
                        "compare the text with the lines around it: indentation, quotes and colons"),
    "yaml.unreadable_here": ("the YAML cannot be read here ({detail})",
                             "compare the line with the ones around it: indentation, quotes and colons"),
    "yaml.colon": ("a colon followed by a space starts a new field here",
                   "if the colon belongs to the text, put the whole text in double quotes (\"...\"); if this line is a "
                   "field, line it up with the fields around it, using spaces"),
    "yaml.unclosed_quote": ("the quotation mark that opens on this line is never closed",
                            "add the closing quotation mark at the end of the text, or remove the opening one"),
    "yaml.list_item": ("this line does not fit the list above it",
                       "start every item of a list with '- ' at the same indentation; a text that starts with a "
                       "quotation mark must also end with it, so put such a text in other quotes"),
    "yaml.indent": ("this line is indented differently from the fields around it",
                    "line it up with the other fields of the same level, using spaces"),
    "yaml.not_field": ("this line is neither a field ('name: text') nor a list item ('- text')",
                       "if it is another item of the list above, start it with '- '; if it continues the previous "
                       "text, join it to that line"),
    "yaml.open_list": ("the list opened with '[' on this line is not closed",
                       "end it with ']' on the same line, and put any text that contains a comma in double quotes"),
    "yaml.open_mapping": ("the mapping opened with '{' on this line is not closed",
                          "end it with '}' on the same line, and put any text that contains a comma in double quotes"),
    "yaml.bad_start": ("a text cannot start with this character", "put the whole text in double quotes"),
    "yaml.starts_with": ("a text cannot start with '{start}'", "put the whole text in double quotes, e.g. \"{start}...\""),
    "yaml.block_start": ("a text cannot start with '|' or '>' followed by more text",
                         "put the whole text in double quotes (\"...\")"),
    "yaml.dash_start": ("a text cannot start with '- ' after a field name",
                        "put the whole text in double quotes (\"...\"); for a list, start a new line with '- ' under the field"),
    "yaml.flow_comment": ("' #' inside brackets starts a comment, which cuts the rest of the line",
                          "put each text that contains ' #' in double quotes (\"...\")"),
    "yaml.quote_then_text": ("a text that starts with a quotation mark must also end with it",
                             "put the whole text in double quotes (\"...\") and use the language's own quotation marks "
                             "inside it, or do not start the text with a quotation mark"),
    "yaml.tab": ("a tab character is used for indentation; YAML allows only spaces",
                 "replace the tab at the start of the line with spaces (two per level)"),
    "yaml.key_not_text": ("key {name} must be text", None),
    "yaml.duplicate_key": ("duplicate key: '{name}' appears twice at the same level",
                           "keep one of the two; if this line starts a new list item, put '- ' before it"),
    "page.no_front_matter": ("missing front matter: the file must start with '---', the YAML fields and '---'", None),
    "page.front_matter_not_mapping": ("front matter must be a mapping of fields", None),
    "page.no_english": ("translation without an English original {english}", None),
    "page.structure_field": ("'{name}' is structure and belongs in the English file only ({english})", None),
    "page.step_ids_drift": ("step ids drift from {english}: step {number} is '{got}' here but '{want}' there "
                            "(expected order: {order})",
                            "step ids stay in English, exactly as in the English file; translate only the 'text' "
                            "and 'say'"),
    "page.step_needs_say": ("the English step '{step}' has 'say' in {english}; match it", None),
    "page.step_without_say": ("the English step '{step}' has no 'say' in {english}; match it", None),
    "page.empty_explanation": ("the explanation (the text after the front matter) is empty", None),
    "page.situation_ids_drift": ("situation ids drift from {english}: situation {number} is '{got}' here but "
                                 "'{want}' there (expected order: {order})", None),
    "page.empty_introduction": ("the introduction (the text after the front matter) is empty", None),
    "field.not_mapping": ("must be a mapping of fields, not {kind}", None),
    "field.unknown": ("unknown field (expected one of: {expected})",
                      "field names stay in English, exactly as in the English file; translate only the text after "
                      "the colon"),
    "field.missing": ("missing required field '{name}'", None),
    "field.not_text": ("must be text, not {kind}",
                       "a text that starts with '-', '[', '{' or '?', or contains ': ', must be in double quotes "
                       "(\"...\"); otherwise check the indentation"),
    "field.empty": ("must not be empty", None),
    "field.single_line": ("must be a single line", None),
    "field.too_long": ("is too long ({count} characters; at most {limit})", None),
    "field.own_quotes": ("the phrase {phrase} is written with its own quotation marks; remove them (the site adds "
                         "the language's own marks)", None),
    "field.entry_not_mapping": ("each entry must be a mapping of fields, not {kind}", None),
    "field.list_required": ("is required and must be a list", None),
    "field.not_list": ("must be a list, not {kind}", None),
    "field.list_length": ("must have {least} to {most} entries, not {count}", None),
    "locale.not_mapping": ("a locale file must be a mapping of keys to labels", None),
    "locale.not_text": ("must be text, not {kind}", None),
    "locale.missing_file": ("missing locale file; every label falls back to English", None),
    "locale.missing": ("missing; the English label is shown instead", None),
    "locale.empty": ("empty; the English label is shown instead", None),
    "locale.placeholders": ("placeholders differ from English (expected: {expected}); the English label is shown "
                            "instead", None),
    "locale.markup": ("contains markup, which is not allowed in labels; the English label is shown instead", None),
    "locale.unknown_key": ("unknown key (not in the English locale file); check its spelling: key names stay in "
                           "English", None),
    "glossary.forbidden": ("'{found}' is a forbidden variant in the {lang} glossary", "use '{preferred}' ({glossary})"),
    "glossary.star": ("'*' may only end a word", None),
    "glossary.scope": ("must be one of: {expected} (or left out for both)", None),
    "card.too_tall": ("card '{card}' ({lang}) does not fit the {size}: about {mm} mm too tall",
                      "shorten its steps or phrases"),
    "exchange.unreadable": ("not a readable {format} file ({detail})", None),
    "exchange.other_project": ("belongs to another project ('{project}', expected '{expected}')",
                               "export a file from this project with ./run translations export {lang} -o {file}"),
    "exchange.other_language": ("is a file for language '{language}', not '{lang}'",
                                "import it with ./run translations import {language} {file}"),
    "exchange.doctype": ("the file declares a document type (DOCTYPE), which an XLIFF file does not use; its entities "
                         "are not read",
                         "export the file again from your CAT tool, or remove the line that starts with '<!DOCTYPE'"),
    "exchange.unknown_text": ("no such text in this project; was the file edited by hand?", None),
}
# The English of the words passed as parameters (WORD_PARAMS), as in `locales/en.yml`.
ENGLISH_WORDS: dict[str, str] = {
    "messages.kinds.mapping": "a mapping", "messages.kinds.list": "a list", "messages.kinds.text": "text",
    "messages.kinds.boolean": "true/false", "messages.kinds.number": "a number", "messages.kinds.empty": "empty",
    "messages.sizes.a4": "A6 card (A4 paper)", "messages.sizes.letter": "quarter-Letter card (US Letter paper)",
}


def fill(template: str, params: Mapping[str, object]) -> str:
    """`template` with its `{name}` placeholders filled from `params` (unknown ones left as written)."""
    return PLACEHOLDER.sub(lambda m: str(params[m[1]]) if m[1] in params else m[0], template)


def _words(params: Mapping[str, object], words: Mapping[str, str]) -> dict[str, object]:
    """`params` with each word parameter replaced by its text in `words` (kept as given when there is none)."""
    return {name: words.get(WORD_PARAMS[name] + str(value), value) if name in WORD_PARAMS else value
            for name, value in params.items()}


def english(code: str, params: Mapping[str, object]) -> tuple[str, str | None]:
    """The English message and fix of `code`, filled in."""
    message, fix = ENGLISH[code]
    params = _words(params, ENGLISH_WORDS)
    return fill(message, params), fill(fix, params) if fix is not None else None


def localize(code: str | None, params: Mapping[str, object], labels: Mapping[str, str], message: str,
             fix: str | None) -> tuple[str, str | None]:
    """The message and fix in the language of `labels` (a locale's values with English fallback).

    Without a `code`, or for a code the labels lack, the given English `message` and `fix` stay.
    """
    key = f"messages.{code}"
    if code is None or f"{key}.message" not in labels:
        return message, fix
    params = _words(params, labels)
    return (fill(labels[f"{key}.message"], params),
            fill(labels[f"{key}.fix"], params) if f"{key}.fix" in labels else fix)
