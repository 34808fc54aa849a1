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
from dataclasses import dataclass

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")  # `{name}` in labels and messages
# Parameters that are themselves words to translate: their value is a key under this prefix.
WORD_PARAMS = {"kind": "messages.kinds.", "size": "messages.sizes.", "construct": "messages.constructs."}


@dataclass(frozen=True)
class Part:
    """A parameter that is itself a coded message (or its fix), said in the same language as the message around it."""

    code: str
    params: tuple[tuple[str, object], ...] = ()
    fix: bool = False

    @classmethod
    def of(cls, code: str, params: Mapping[str, object], fix: bool = False) -> Part:
        """The part for `code` filled from `params`."""
        return cls(code, tuple(params.items()), fix)

    def __str__(self) -> str:
        message, fix = english(self.code, dict(self.params))
        return (fix or "") if self.fix else message


_CONFLICT_FIX = ("keep the lines you want from both sides and delete the three marker lines; in "
                 "locales/fingerprints/<lang>.yml keep the entries of both sides, then run ./run translations reviewed "
                 "<lang> <page or key> for what you checked")
_CONTROL_FIX = "delete it (it often comes from copying out of another program)"
_START_FIX = "put the whole text in double quotes (\"...\"), e.g. \"{start}...\""
_LOOP_FIX = "remove the link, or point it at the folder it was meant for"
_LINK_FIX = "links may only go to http://, https://, mailto: or a page of this site"
_HTML_FIX = "write plain markdown: raw HTML is not allowed in content (shown as typed inside `code`)"
_SLOTS_FIX = "keep every slot of the English phrase, spelt exactly the same, and add none"
_FINGERPRINT_FIX = ("this file is written by ./run translations reviewed; restore it from version control, or delete "
                    "it and mark what you have checked reviewed again")

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
                       "quotation mark must also end with it, so put the whole text in double quotes (\"...\") and use the language's own quotation marks inside it"),
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
    "slot.stray_brace": ("has a brace that does not belong to a slot; a slot is written {form}, e.g. {example}",
                         "remove the stray brace, or add the missing one to complete the slot"),
    "slot.unknown": ("unknown slot {slot} (known slots: {known})",
                     "slot names stay in English, in lower case, exactly as declared in locales/en.yml"),
    "slot.missing": ("lacks the slot {slot} of the English phrase", _SLOTS_FIX),
    "slot.extra": ("has the slot {slot}, which the English phrase does not have", _SLOTS_FIX),
    "slot.outside_phrase": ("the slot {slot} would be shown as typed: slots are filled in only in phrases to say or "
                            "to avoid", "write the words instead of the slot, e.g. 'the customer'"),
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
    # YAML safety (content/yamlsafety.py, content/yamltext.py) and symbolic links (content/links.py)
    "safety.stray_cr": ("a carriage return (U+000D) inside the line at column {column}",
                        "delete it, or replace it with a line break if a new line was meant"),
    "safety.conflict": ("an unresolved merge conflict (lines {first}–{last}: between '<<<<<<<', '=======' and "
                        "'>>>>>>>')", _CONFLICT_FIX),
    "safety.conflict_open": ("an unresolved merge conflict (line {first}: between '<<<<<<<', '=======' and '>>>>>>>')",
                             _CONFLICT_FIX),
    "safety.bidi": ("an invisible text-direction control (U+{code}) at column {column}",
                    "delete it: the site sets the direction of each language's text itself, and a control left open "
                    "reverses the text after it (and what the copy button copies)"),
    "safety.zero_width": ("an invisible zero-width character (U+{code}) at column {column}",
                          "delete it: it cannot be seen but splits words for search, the glossary check and copied "
                          "phrases"),
    "safety.separator": ("a Unicode line or paragraph separator (U+{code}) at column {column}",
                         "replace it with a normal line break or a space"),
    "safety.control": ("an invisible control character (U+{code}) at column {column}", _CONTROL_FIX),
    "safety.nul": ("a NUL character (U+{code}) at column {column}", _CONTROL_FIX),
    "safety.alias": ("a text cannot start with '{start}' (YAML reads it as a reference to another part of the file, "
                     "which this project does not allow)", _START_FIX),
    "safety.anchor": ("a text cannot start with '{start}' (YAML reads it as a name for reuse elsewhere, which this "
                      "project does not allow)", _START_FIX),
    "safety.tag": ("a text cannot start with '{start}' (YAML reads it as a type tag, which this project does not "
                   "allow)", _START_FIX),
    "safety.construct": ("a text cannot start with '{start}' (YAML reads it as a YAML construct, which this project "
                         "does not allow)", _START_FIX),
    "safety.comment_cut": ("the text is cut at ' #': YAML reads ' #{comment}' as a comment, so only '{kept}' is kept",
                           "if the '#' belongs to the text, put the whole text in double quotes (\"...\"); if it is a "
                           "comment, move it to a line of its own"),
    "safety.second_document": ("a second YAML document starts here ('---')",
                               "a file holds one document: remove the '---' line, or join the two parts"),
    "safety.too_many_values": ("the file has more than {limit} values", "split it or remove what was pasted in by mistake"),
    "safety.key_not_text": ("a field name must be plain text", "write 'name: value', with the name in letters"),
    "safety.merge_key": ("'<<' (a YAML merge key) is not allowed", "write the fields out in full"),
    "safety.too_deep": ("lists and fields are nested more than {limit} levels deep",
                        "check the indentation and the brackets on this line: content needs only a few levels"),
    "safety.folder": ("this is a folder named like a file the site reads",
                      "rename the folder (or move its contents) so that the name is free for the file"),
    "safety.unreadable": ("cannot be read ({detail})", "check that the file exists and is not a broken symbolic link"),
    "safety.too_big": ("the file is {megabytes} MB; at most {limit} MB are read",
                       "split it, or remove what was pasted into it by mistake"),
    "safety.link_missing": ("a symbolic link to something that does not exist ({target})", _LOOP_FIX),
    "safety.link_self": ("a symbolic link that leads back to itself ({target})", _LOOP_FIX),
    "safety.link_outside": ("a symbolic link that leads out of the project ({target}); its target would be published",
                            "replace the link with a copy of the file inside the project, or remove it"),
    "safety.link_loop": ("a symbolic link to a folder that contains it ({target}): the site would be read again and "
                         "again", _LOOP_FIX),
    # The markup policy (content/markup_policy.py, content/prose.py)
    "markup.brackets": ("more than {limit} unclosed link brackets",
                        "close each '[' of a link with ']' and each '](' with ')', or leave the brackets out"),
    "markup.scheme": ("a link to '{scheme}:' in {text}", _LINK_FIX),
    "markup.no_scheme": ("a link to another host without http(s) in {text}", _LINK_FIX),
    "markup.raw_html": ("raw HTML {text}", _HTML_FIX),
    "markup.attr_list": ("an attribute list {text}",
                         "attribute lists are not allowed in content; remove the braces or put them inside `code`"),
    "markup.reference": ("a link reference definition {text}",
                         "link reference definitions are not allowed; write the link inline as [text](https://...)"),
    "markup.becomes": ("markup that becomes {element}", _HTML_FIX),
    "markup.becomes_comment": ("markup that becomes an HTML comment", _HTML_FIX),
    "markup.becomes_instruction": ("markup that becomes a processing instruction", _HTML_FIX),
    "markup.becomes_declaration": ("markup that becomes a declaration", _HTML_FIX),
    "markup.in_page": ("the text contains {finding}", "{advice}"),
    "markup.in_unit": ("line {text_line} of the text contains {finding}; {advice}", None),
    "markup.uses": ("uses {construct} ({count}), which the English text does not; keep to the English markup", None),
    "markup.structure": ("has {count} {construct} where the English has {english_count}; keep the structure of the "
                         "English text", None),
    "markup.page_uses": ("the text uses {construct} ({count}), which the English text does not; keep to the English "
                         "markup ({english})",
                         "a translation may use links, emphasis, code, lists and headings only where its English page "
                         "does"),
    # The PO import (translate/po_checks.py, translate/exchange.py)
    "po.no_file": ("no such file; export one with {command}", None),
    "po.folder": ("is a folder, not a PO file; give the path of the .po file itself", None),
    "po.empty": ("the file is empty; download it again or export it with {command}", None),
    "po.not_utf8": ("not UTF-8 text; save the file as UTF-8 in the CAT tool", None),
    "po.cut_off": ("the file ends in the middle of a line: it was cut off (e.g. an interrupted download); download it "
                   "again, or save it again in the CAT tool", None),
    "po.unreadable": ("not a readable PO file ({detail}); if it was cut off, download it again", None),
    "po.header_incomplete": ("the header is incomplete (no '{header}'): the file was cut off or made by an older "
                             "version; export it again with {command}", None),
    "po.other_project": ("belongs to another project (Project-Id-Version: '{project}', expected '{expected}'); export a "
                         "file from this project with {command}, translate it and import that", None),
    "po.no_language": ("the header has no 'Language'; set the language to '{lang}' in the CAT tool (Poedit: "
                       "Translation > Properties) or add the line \"Language: {lang}\\n\" to the header", None),
    "po.other_language": ("is a file for language '{language}', not '{lang}'; import it with ./run translations import "
                          "{target} {file}", None),
    "po.unknown_language": ("is a file for language '{language}', not '{lang}'; import it with ./run translations "
                            "import <language> {file}, or export a {lang} file with {command}", None),
    "po.regional": ("the file's language '{language}' is a regional variant of '{lang}'; imported as '{lang}'", None),
    "po.duplicate": ("the same text is already at line {first}; keep only one of the two entries", None),
    "po.total_not_number": ("the header's '{header}: {value}' is not a number; export the file again with {command}",
                            None),
    "po.fewer": ("the file has {count} entries, fewer than the {expected} the export wrote: it was cut off (e.g. an "
                 "interrupted download) or entries were deleted or added; download it again, or export it again and "
                 "translate that", None),
    "po.more": ("the file has {count} entries, more than the {expected} the export wrote: it was cut off (e.g. an "
                "interrupted download) or entries were deleted or added; download it again, or export it again and "
                "translate that", None),
    "po.unknown_text": ("no such text in this project; was the msgctxt line edited? Export a new file with {command}",
                        None),
    "po.placeholders": ("placeholders differ from the English (expected: {expected}); keep them exactly as written",
                        None),
    "po.no_placeholders": ("placeholders differ from the English (expected: none); keep them exactly as written", None),
    "po.label_markup": ("contains markup, which labels do not allow (it is plain text, shown as typed)", None),
    "po.text_markup": ("contains markup, which this text does not allow (it is plain text, shown as typed)", None),
    "po.forbidden": ("'{found}' is a forbidden variant in {glossary}; use '{preferred}'", None),
    # Units an import leaves alone (translate/exchange.py, translate/incoming.py)
    "incoming.english_changed": ("the English changed after this file was exported; export again", None),
    "incoming.not_created": ("not created, since the file holds only {count} of its {total} texts", None),
    # Fingerprint files, the English locale file, page file names, the sources page
    "fingerprint.not_mapping": ("must be a mapping with 'labels' and 'pages'", _FINGERPRINT_FIX),
    "fingerprint.kind": ("must be a mapping of names to what was reviewed", _FINGERPRINT_FIX),
    "fingerprint.entry": ("must be a fingerprint, or 'fingerprint' and 'english'", _FINGERPRINT_FIX),
    "fingerprint.english": ("'english' must be the English text, or a mapping of unit keys to texts", _FINGERPRINT_FIX),
    "reference.missing_file": ("missing: the English locale file is the reference and is required", None),
    "reference.empty": ("empty label in the English reference", None),
    "file.name": ("file name must be '<id>.<language>.md' with a language of {languages}", None),
    "file.id": ("the id in the file name must be lower-case letters, digits and single hyphens", None),
    "sources.items_not_mapping": ("must be a mapping from item path to text", None),
    "sources.no_item": ("no such source item in the English sources page", None),
}
# The English of the words passed as parameters (WORD_PARAMS), as in `locales/en.yml`.
ENGLISH_WORDS: dict[str, str] = {
    "messages.kinds.mapping": "a mapping", "messages.kinds.list": "a list", "messages.kinds.text": "text",
    "messages.kinds.boolean": "true/false", "messages.kinds.number": "a number", "messages.kinds.empty": "empty",
    "messages.sizes.a4": "A6 card (A4 paper)", "messages.sizes.letter": "quarter-Letter card (US Letter paper)",
    "messages.constructs.paragraph": "paragraph", "messages.constructs.list_item": "list item",
    "messages.constructs.link": "link", "messages.constructs.emphasis": "emphasis", "messages.constructs.code": "code",
    "messages.constructs.heading": "heading", "messages.constructs.quotation": "quotation",
    "messages.constructs.line_break": "line break", "messages.constructs.rule": "rule",
    "messages.constructs.image": "image",
}


def fill(template: str, params: Mapping[str, object]) -> str:
    """`template` with its `{name}` placeholders filled from `params` (unknown ones left as written)."""
    return PLACEHOLDER.sub(lambda m: str(params[m[1]]) if m[1] in params else m[0], template)


def _words(params: Mapping[str, object], words: Mapping[str, str]) -> dict[str, object]:
    """`params` with each word parameter replaced by its text in `words` (kept as given when there is none),
    and each `Part` by its message or fix in the language of `words` (English where `words` lack it)."""
    result: dict[str, object] = {}
    for name, value in params.items():
        if isinstance(value, Part):
            said = (localize(value.code, dict(value.params), words, *english(value.code, dict(value.params)))
                    if f"messages.{value.code}.message" in words else english(value.code, dict(value.params)))
            value = (said[1] or "") if value.fix else said[0]
        elif name in WORD_PARAMS:
            value = words.get(WORD_PARAMS[name] + str(value), value)
        result[name] = value
    return result


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
