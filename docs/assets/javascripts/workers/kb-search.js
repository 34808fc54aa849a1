/* Search worker wrapper: stemmed search in every language.
 *
 * Material's worker (loaded below) adds a trailing wildcard to every query term, and lunr
 * skips the stemmer for wildcard terms, so with a stemmed index "ilskans" never finds
 * "ilska". This wrapper adds each word's stem (from the page language's lunr stemmer) to
 * the query before Material's worker sees it, and the stem of the word less its last letter,
 * which catches inflections the stemmer leaves alone (Swedish "ilskan" becomes
 * "ilskan ilsk", so it finds "ilska").
 * A search for a phrase the site teaches ("calm down", "calmese", "lugna dig") lists first the
 * technique with a phrase to say or avoid (the index's `phrases` field, site_map.py) that holds
 * every word of the query, whatever the case and accents; only a page whose title holds them
 * all comes before it.
 * It must live next to Material's worker, whose lunr language files load from "../lunr". */
var kbStem = null;
var kbPhrases = {};  /* technique page location -> its phrases, each folded to " word word " */
var kbQuery = "";

/* Lower case, no accents, words separated by single spaces. */
function kbFold(text) {
  return String(text).normalize("NFD").replace(/[̀-ͯ]/g, "").toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

/* Stable: the groups (one per page) whose title holds every word of the query come first, then
 * those with a phrase that holds them, then the rest. */
function kbPhraseFirst(groups) {
  if (!kbQuery || !Array.isArray(groups)) return groups;
  var words = kbQuery.split(" ").map(function (w) { return " " + w + " "; });
  var holdsAll = function (text) {
    return words.every(function (w) { return text.indexOf(w) !== -1; });
  };
  var tier = function (group) {
    var article = group && group[0] ? group[0] : {};
    if (holdsAll(" " + kbFold(String(article.title || "").replace(/<[^>]*>/g, "")) + " ")) return 0;
    var location = String(article.location || "").split("#")[0];
    for (var key in kbPhrases) {
      if (location === key || location.slice(-key.length - 1) === "/" + key) return kbPhrases[key].some(holdsAll) ? 1 : 2;
    }
    return 2;
  };
  var tiers = [[], [], []];
  groups.forEach(function (group) { tiers[tier(group)].push(group); });
  return tiers[0].concat(tiers[1], tiers[2]);
}

var kbPost = self.postMessage;
self.postMessage = function (message) {
  if (message && message.type === 3 && message.data && message.data.items) {
    message.data.items = kbPhraseFirst(message.data.items);
  }
  return kbPost.apply(self, arguments);
};

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
    kbPhrases = {};
    (message.data.docs || []).forEach(function (doc) {
      if (doc.phrases) kbPhrases[doc.location] = doc.phrases.split("\n").map(function (p) { return " " + kbFold(p) + " "; });
    });
    kbStem = null;
    if ((config.pipeline || []).indexOf("stemmer") === -1) return;  /* plain search: a language without a stemmer */
    setTimeout(function waitForLanguage() {  /* Material loads lunr.<lang> asynchronously */
      kbStem = kbStemmerFor(lang);
      if (!kbStem && ++tries < 200) setTimeout(waitForLanguage, 50);
    }, 0);
  } else if (message.type === 2 && typeof message.data === "string") {
    kbQuery = kbFold(message.data);
    message.data = kbExpand(message.data);
  }
});

importScripts("search.a7633da7.min.js");
