/* Search worker wrapper: stemmed search in every language.
 *
 * Material's worker (loaded below) adds a trailing wildcard to every query term, and lunr
 * skips the stemmer for wildcard terms, so with a stemmed index "ilskans" never finds
 * "ilska". This wrapper adds each word's stem (from the page language's lunr stemmer) to
 * the query before Material's worker sees it, and the stem of the word less its last letter,
 * which catches inflections the stemmer leaves alone (Swedish "ilskan" becomes
 * "ilskan ilsk", so it finds "ilska").
 * It must live next to Material's worker, whose lunr language files load from "../lunr". */
var kbStem = null;

function kbStemmerFor(lang) {
  var ns = lang === "en" ? self.lunr : self.lunr && self.lunr[lang];
  return ns && ns.stemmer ? ns.stemmer : null;
}

function kbExpand(query) {
  return query.split(/\s+/).map(function (word) {
    var plain = word.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    if (!kbStem || !plain || /[*+\-:^~"]/.test(word)) return word;
    var forms = [word];
    [plain, plain.length >= 5 ? plain.slice(0, -1) : ""].forEach(function (form) {
      if (!form) return;
      var stem = String(kbStem(new self.lunr.Token(form, {})));
      if (stem && forms.indexOf(stem) === -1) forms.push(stem);
    });
    return forms.join(" ");
  }).join(" ");
}

self.addEventListener("message", function (event) {
  var message = event.data;
  if (!message) return;
  if (message.type === 0 && message.data && message.data.config) {
    var config = message.data.config;
    var lang = config.lang[0];
    var tries = 0;
    kbStem = null;
    if ((config.pipeline || []).indexOf("stemmer") === -1) return;  /* plain search: a language without a stemmer */
    setTimeout(function waitForLanguage() {  /* Material loads lunr.<lang> asynchronously */
      kbStem = kbStemmerFor(lang);
      if (!kbStem && ++tries < 200) setTimeout(waitForLanguage, 50);
    }, 0);
  } else if (message.type === 2 && typeof message.data === "string") {
    message.data = kbExpand(message.data);
  }
});

importScripts("search.a7633da7.min.js");
