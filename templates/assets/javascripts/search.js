// The search page: our own results on Pagefind's JavaScript API.
//
// - The query lives in the address (?q=...). Typing runs the search and
//   rewrites the address (history.replaceState); submitting the form adds a
//   history entry, so Back returns to the query before.
// - Words that name something the directory files activities by ("free",
//   "tuesday", "evening", "step-free", "bring a friend", a type of activity,
//   an area) become Pagefind filters instead of text, shown as removable
//   chips. A query made only of such words lists every matching activity.
// - Each result says what it is (Activity, Event, Story, News, Newsletter)
//   and the facts people decide by, from the page's Pagefind metadata.
//   Events that have ended are marked and come after the others.
// - When nothing is found, the nearest known word (from words.json) is
//   offered: "Did you mean football?".
// A large site's index is split into several bundles (pagefind/shards.json);
// they are searched as one.
(function () {
  "use strict";

  var mount = document.getElementById("sp-search");
  var input = document.getElementById("sp-search-q");
  var every = (document.querySelector("[data-every]") || { getAttribute: function () { return null; } }).getAttribute("data-every");
  var form = input && input.form;
  if (!mount || !form || !window.URL || !window.history || !history.pushState) {
    return;
  }

  var PAGE_SIZE = 10;
  var TYPING_DELAY = 300;
  var status = document.getElementById("sp-search-status");
  var list = document.getElementById("sp-search-results");
  var more = document.getElementById("sp-search-more");
  var moreLine = document.getElementById("sp-search-more-line");
  var shownText = document.getElementById("sp-search-shown");
  var chipsBox = document.getElementById("sp-search-chips");
  var chipList = chipsBox.querySelector("ul");
  var help = document.getElementById("sp-search-help");
  var suggestion = document.getElementById("sp-search-suggestion");
  var bundleUrl = new URL(mount.getAttribute("data-bundle"), window.location.href).href;
  var rootUrl = new URL(mount.getAttribute("data-root"), window.location.href).href;
  var wordsUrl = new URL(mount.getAttribute("data-words"), window.location.href).href;
  // Pagefind guesses a bundle's site root from its folder name; tell it.
  var siteRoot = new URL(rootUrl).pathname;
  var pageTitle = document.title;

  // ---------------------------------------------------------------------
  // Words that are filters.

  var STOP_WORDS = toSet(
    "a an and any are at by can do for from i in is it me my near of on or " +
      "please show some something somewhere that the things to what where which with " +
      "activity activities anything stuff"
  );
  // Names too general to be a filter on their own (the type "other").
  var GENERIC = toSet("other others group groups");
  var DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
  var DAY_WORDS = {
    monday: ["mon", "mondays"],
    tuesday: ["tue", "tues", "tuesdays"],
    wednesday: ["wed", "weds", "wednesdays"],
    thursday: ["thu", "thur", "thurs", "thursdays"],
    friday: ["fri", "fridays"],
    saturday: ["sat", "saturdays"],
    sunday: ["sun", "sundays"]
  };
  var TIMES = {
    morning: ["morning", "mornings"],
    afternoon: ["afternoon", "afternoons"],
    evening: ["evening", "evenings", "night", "nights"]
  };
  var ACCESS_WORDS = {
    step_free: ["step-free", "step free", "stepfree", "no steps", "wheelchair", "wheelchairs", "wheelchair access", "wheelchair accessible", "step-free access"],
    accessible_toilet: ["accessible toilet", "accessible toilets", "disabled toilet", "disabled toilets"],
    hearing_loop: ["hearing loop", "induction loop"],
    bsl: ["bsl", "british sign language", "sign language"],
    quiet_space: ["quiet space", "quiet room"],
    large_print: ["large print"]
  };
  var WELCOME = {
    accompanied_first_visit: {
      label: "Bring someone the first time",
      words: [
        "bring a friend", "bring friend", "bring friends", "bring a friend with me", "bring someone",
        "bring someone with me", "bring a carer", "bring my carer", "bring a support worker",
        "bring my support worker", "come with me", "someone with me", "someone to come with me", "accompanied"
      ]
    },
    buddy: { label: "A buddy to show you around", words: ["buddy", "buddies", "a buddy"] }
  };
  var KIND_LABELS = { Activity: "Activity", Event: "Event", Story: "Story", News: "News", Newsletter: "Newsletter" };

  var TERMS = buildTerms(readTerms());

  // The types of activity and areas, and the access labels, from the page.
  function readTerms() {
    try {
      return JSON.parse(mount.getAttribute("data-terms") || "{}");
    } catch (error) {
      return {};
    }
  }

  function toSet(words) {
    var set = Object.create(null);
    words.split(/\s+/).forEach(function (word) {
      if (word) {
        set[word] = true;
      }
    });
    return set;
  }

  // One query word split into the pieces used to match terms: "Step-free" → ["step", "free"].
  function pieces(text) {
    return text
      .toLowerCase()
      .replace(/[\u2018\u2019]/g, "'")
      .replace(/[^\p{L}\p{N}'+-]+/gu, " ")
      .split(/[\s-]+/)
      .map(function (piece) { return piece.replace(/^'+|'+$/g, ""); })
      .filter(Boolean);
  }

  function buildTerms(data) {
    var terms = [];
    function add(phrases, filter, values, label) {
      phrases.forEach(function (phrase) {
        var words = pieces(phrase);
        if (words.length && !(words.length === 1 && (STOP_WORDS[words[0]] || GENERIC[words[0]]))) {
          terms.push({ words: words, filter: filter, values: values, label: label });
        }
      });
    }
    add(["free", "free of charge", "no cost", "costs nothing", "no charge"], "cost", ["free"], "Free");
    DAYS.forEach(function (day) {
      add([day].concat(DAY_WORDS[day]), "day", [day], capitalise(day));
    });
    add(["weekend", "weekends", "the weekend"], "day", ["saturday", "sunday"], "Weekend");
    add(["weekday", "weekdays", "week day", "week days"], "day", DAYS.slice(0, 5), "Weekdays");
    Object.keys(TIMES).forEach(function (time) {
      add(TIMES[time], "time", [time], capitalise(time));
    });
    var accessLabels = data.access || {};
    Object.keys(ACCESS_WORDS).forEach(function (value) {
      add(ACCESS_WORDS[value], "access", [value], accessLabels[value] || capitalise(value.replace(/_/g, " ")));
    });
    Object.keys(WELCOME).forEach(function (value) {
      add(WELCOME[value].words, "welcome", [value], WELCOME[value].label);
    });
    ["domain", "area"].forEach(function (filter) {
      (data[filter] || []).forEach(function (group) {
        var phrases = [group.label, group.value.replace(/-/g, " ")];
        if (/^the\s/i.test(group.label)) {
          phrases.push(group.label.replace(/^the\s+/i, ""));
        }
        add(phrases, filter, [group.value], group.label);
      });
    });
    // Longest first, so "free community support" (a type of activity) wins over "free".
    terms.sort(function (a, b) { return b.words.length - a.words.length; });
    return terms;
  }

  function capitalise(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  // Split a query into words (words inside "double quotes" are kept as text),
  // take out the words that name a filter, and say what is left to search for.
  function parse(query) {
    var tokens = [];
    query.split('"').forEach(function (part, index) {
      part.split(/\s+/).forEach(function (text) {
        if (text) {
          tokens.push({ text: text, quoted: index % 2 === 1, group: index, pieces: pieces(text), used: false });
        }
      });
    });
    var flat = [];
    tokens.forEach(function (token, number) {
      token.pieces.forEach(function (piece, index) {
        flat.push({ piece: piece, token: number, first: index === 0, last: index === token.pieces.length - 1 });
      });
    });
    var chips = [];
    var byKey = {};
    var position = 0;
    while (position < flat.length) {
      var match = matchAt(flat, tokens, position);
      if (!match) {
        position += 1;
        continue;
      }
      var key = match.term.filter + ":" + match.term.values.join(",");
      var chip = byKey[key];
      if (!chip) {
        chip = byKey[key] = { key: key, filter: match.term.filter, values: match.term.values, label: match.term.label, tokens: [] };
        chips.push(chip);
      }
      for (var n = match.from; n <= match.to; n += 1) {
        tokens[n].used = true;
        chip.tokens.push(n);
      }
      position += match.term.words.length;
    }
    var left = tokens.filter(function (token) {
      return !token.used && token.pieces.length && !(chips.length && !token.quoted && token.pieces.every(function (piece) { return STOP_WORDS[piece]; }));
    });
    return { query: query.trim(), tokens: tokens, chips: chips, text: joinTokens(left), words: left };
  }

  function matchAt(flat, tokens, position) {
    if (!flat[position].first || tokens[flat[position].token].quoted) {
      return null;
    }
    for (var t = 0; t < TERMS.length; t += 1) {
      var words = TERMS[t].words;
      var end = position + words.length - 1;
      if (end >= flat.length || !flat[end].last) {
        continue;
      }
      var same = true;
      for (var i = 0; i < words.length && same; i += 1) {
        same = flat[position + i].piece === words[i] && !tokens[flat[position + i].token].quoted;
      }
      if (same) {
        return { term: TERMS[t], from: flat[position].token, to: flat[end].token };
      }
    }
    return null;
  }

  // Tokens back into a query, re-quoting the quoted ones.
  function joinTokens(tokens) {
    var parts = [];
    var quote = null;
    tokens.forEach(function (token) {
      if (token.quoted) {
        if (quote && quote.group === token.group) {
          quote.words.push(token.text);
          return;
        }
        quote = { group: token.group, words: [token.text] };
        parts.push(quote);
      } else {
        quote = null;
        parts.push(token.text);
      }
    });
    return parts
      .map(function (part) { return typeof part === "string" ? part : '"' + part.words.join(" ") + '"'; })
      .join(" ")
      .trim();
  }

  // Pagefind's filters for the chips. Several days (or areas, types) mean
  // any of them; a day and a time together mean one session at that time.
  function filtersFor(parsed) {
    var values = {};
    parsed.chips.forEach(function (chip) {
      values[chip.filter] = (values[chip.filter] || []).concat(chip.values);
    });
    var filters = {};
    Object.keys(values).forEach(function (filter) {
      var unique = values[filter].filter(function (value, index, all) { return all.indexOf(value) === index; });
      if (filter === "access" || filter === "welcome" || filter === "cost") {
        filters[filter] = unique;
      } else if (filter !== "day" && filter !== "time") {
        filters[filter] = { any: unique };
      }
    });
    if (values.day && values.time) {
      var slots = [];
      values.day.forEach(function (day) {
        values.time.forEach(function (time) { slots.push(day + "-" + time); });
      });
      filters.slot = { any: slots };
    } else if (values.day) {
      filters.day = { any: values.day };
    } else if (values.time) {
      filters.time = { any: values.time };
    }
    if (!parsed.text) {
      filters.kind = ["Activity"];
    }
    return filters;
  }

  // ---------------------------------------------------------------------
  // Pagefind.

  var pagefindLoading = null;
  function pagefind() {
    if (!pagefindLoading) {
      pagefindLoading = import(new URL("pagefind.js", bundleUrl).href).then(function (api) {
        return Promise.resolve(api.options({ baseUrl: siteRoot, excerptLength: 24 }))
          .then(function () {
            return fetch(new URL("shards.json", bundleUrl).href)
              .then(function (response) { return response.ok ? response.json() : []; })
              .catch(function () { return []; });
          })
          .then(function (extra) {
            return Promise.all(
              extra.map(function (path) { return api.mergeIndex(new URL(path, rootUrl).href, { baseUrl: siteRoot }); })
            );
          })
          .then(function () { return api; });
      });
      pagefindLoading.catch(function () { pagefindLoading = null; });
    }
    return pagefindLoading;
  }

  var fragments = new Map();
  function dataOf(result) {
    if (!fragments.has(result.id)) {
      var loading = result.data();
      loading.catch(function () { fragments.delete(result.id); });
      fragments.set(result.id, loading);
    }
    return fragments.get(result.id);
  }

  function hasEnded(meta) {
    if (meta.status === "Cancelled") {
      return true;
    }
    var end = Date.parse(meta.end || meta.start || "");
    return !isNaN(end) && end < Date.now();
  }

  // Events that have ended (or were cancelled) go after everything else.
  function pastEventsLast(api, term, filters, results) {
    if (filters.kind || !results.length) {
      return Promise.resolve(results);
    }
    var eventFilters = Object.assign({}, filters, { kind: ["Event"] });
    return api.search(term, { filters: eventFilters }).then(function (events) {
      var found = ((events && events.results) || []).slice(0, 300);
      return Promise.all(found.map(dataOf)).then(function (datas) {
        var ended = new Set();
        datas.forEach(function (data, index) {
          if (hasEnded(data.meta || {})) {
            ended.add(found[index].id);
          }
        });
        if (!ended.size) {
          return results;
        }
        return results
          .filter(function (result) { return !ended.has(result.id); })
          .concat(results.filter(function (result) { return ended.has(result.id); }));
      });
    });
  }

  // ---------------------------------------------------------------------
  // Showing results.

  var current = null; // { parsed, results, shown }
  var searchNumber = 0;

  function run(query, wanted) {
    var number = ++searchNumber;
    var parsed = parse(query);
    document.title = parsed.query ? "\u201c" + parsed.query + "\u201d: " + pageTitle : pageTitle;
    if (!parsed.text && !parsed.chips.length) {
      current = null;
      clearResults();
      status.textContent = parsed.query ? "Type a word to search for." : "";
      return Promise.resolve();
    }
    var filters = filtersFor(parsed);
    var options = { filters: filters };
    if (!parsed.text) {
      options.sort = { name: "asc" };
    }
    return pagefind()
      .then(function (api) {
        // Filters alone apply to activities only: search for the word every
        // activity page carries (see facets.EVERY_ACTIVITY), so Pagefind loads
        // one part of its index instead of all of it.
        var term = parsed.text || every;
        return api.search(term, options).then(function (response) {
          var results = (response && response.results) || [];
          return pastEventsLast(api, term, filters, results);
        });
      })
      .then(function (results) {
        if (number !== searchNumber) {
          return null;
        }
        current = { parsed: parsed, results: results, shown: 0 };
        clearResults();
        showChips(parsed);
        return showMore(number, Math.max(PAGE_SIZE, wanted || 0)).then(function () {
          if (number !== searchNumber) {
            return null;
          }
          if (results.length) {
            status.textContent = countText(results.length, parsed.query);
            return null;
          }
          return showNothingFound(number, parsed);
        });
      })
      .catch(function () {
        if (number === searchNumber) {
          clearResults();
          status.textContent = "Sorry, search is not working at the moment. You can browse instead.";
          suggestion.hidden = true;
          help.hidden = false;
        }
      });
  }

  function countText(count, query) {
    return count + (count === 1 ? " result" : " results") + " for \u201c" + query + "\u201d";
  }

  function clearResults() {
    list.textContent = "";
    moreLine.hidden = true;
    help.hidden = true;
    suggestion.hidden = true;
    chipsBox.hidden = true;
    chipList.textContent = "";
  }

  // Show up to `count` more results; resolves when they are on the page.
  function showMore(number, count) {
    var state = current;
    var batch = state.results.slice(state.shown, state.shown + count);
    return Promise.all(batch.map(dataOf)).then(function (datas) {
      if (number !== searchNumber || state !== current) {
        return null;
      }
      var first = null;
      datas.forEach(function (data) {
        var item = resultItem(data);
        first = first || item;
        list.appendChild(item);
      });
      state.shown += batch.length;
      moreLine.hidden = state.shown >= state.results.length;
      shownText.textContent = "Showing " + state.shown + " of " + state.results.length + ".";
      rememberShown(state.shown);
      return first;
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function resultItem(data) {
    var meta = data.meta || {};
    var kind = KIND_LABELS[meta.kind] || "Page";
    var item = element("li", "sp-result sp-result--" + kind.toLowerCase());
    var heading = element("h2", "sp-result__title");
    var link = element("a", "sp-result__link", meta.title || data.url);
    link.href = data.url;
    heading.appendChild(link);
    item.appendChild(heading);

    var label = element("p", "sp-result__kind");
    label.appendChild(element("span", "sp-result__kind-name", kind));
    var badge = badgeFor(kind, meta);
    if (badge) {
      label.appendChild(document.createTextNode(" "));
      label.appendChild(element("span", "sp-result__badge", badge));
    }
    item.appendChild(label);

    var facts = factsFor(kind, meta);
    if (facts.length) {
      var dl = element("dl", "sp-result__facts");
      facts.forEach(function (fact) {
        var row = element("div");
        row.appendChild(element("dt", null, fact[0]));
        row.appendChild(element("dd", null, fact[1]));
        dl.appendChild(row);
      });
      item.appendChild(dl);
    }
    var excerpt = excerptOf(data.excerpt);
    if (excerpt.textContent.trim()) {
      item.appendChild(excerpt);
    }
    return item;
  }

  function badgeFor(kind, meta) {
    if (kind === "Event") {
      if (meta.status) {
        return meta.status;
      }
      return hasEnded(meta) ? "Ended" : null;
    }
    return meta.status || null;
  }

  function factsFor(kind, meta) {
    var facts = [];
    function add(name, value) {
      if (value) {
        facts.push([name, value]);
      }
    }
    if (kind === "Activity") {
      // A one-off's dates are its "when" already: no need to say them twice.
      var next = meta.next && (meta.when || "").indexOf(meta.next) < 0 ? "Next: " + meta.next : "";
      add("When", [meta.when, next].filter(Boolean).join(". "));
      add("Where", [meta.where, meta.buses].filter(Boolean).join(". "));
      add("Cost", meta.cost);
      add("First visit", meta.first_visit);
      add("New people", meta.taking);
    } else if (kind === "Event") {
      add("When", meta.when);
      add("Where", meta.where);
      add("Cost", meta.cost);
    } else if (kind === "Story") {
      add("Setting", meta.setting);
      add("Written", meta.date);
    } else if (kind === "News") {
      add("Posted", meta.date);
    } else if (kind === "Newsletter") {
      add("Sent", meta.date);
    }
    return facts;
  }

  // Pagefind's excerpt marks the matched words with <mark>. Keep the text and
  // those marks only: nothing else from it becomes markup.
  function excerptOf(html) {
    var paragraph = element("p", "sp-result__excerpt");
    var parsed = new DOMParser().parseFromString("<body>" + (html || "").split(every).join("") + "</body>", "text/html");
    (function copy(from, to) {
      Array.prototype.forEach.call(from.childNodes, function (node) {
        if (node.nodeType === 3) {
          to.appendChild(document.createTextNode(node.nodeValue));
        } else if (node.nodeType === 1 && node.nodeName === "MARK" && to === paragraph) {
          copy(node, to.appendChild(element("mark")));
        } else if (node.nodeType === 1) {
          copy(node, to);
        }
      });
    })(parsed.body, paragraph);
    return paragraph;
  }

  function showChips(parsed) {
    chipList.textContent = "";
    parsed.chips.forEach(function (chip) {
      var item = element("li");
      var button = element("button", "sp-search-chip");
      button.type = "button";
      button.setAttribute("aria-label", "Remove filter: " + chip.label);
      button.appendChild(element("span", "sp-search-chip__label", chip.label));
      var cross = element("span", "sp-search-chip__remove", "\u00d7");
      cross.setAttribute("aria-hidden", "true");
      button.appendChild(cross);
      button.addEventListener("click", function () {
        removeChip(parsed, chip);
      });
      item.appendChild(button);
      chipList.appendChild(item);
    });
    chipsBox.hidden = !parsed.chips.length;
  }

  function removeChip(parsed, chip) {
    var dropped = new Set(chip.tokens);
    var kept = parsed.tokens.filter(function (token, index) { return !dropped.has(index); });
    var others = parsed.chips.filter(function (other) { return other !== chip; });
    if (!others.length) {
      // Words such as "on" or "and" only joined the filters; drop them too.
      kept = kept.filter(function (token) { return token.quoted || !token.pieces.every(function (piece) { return STOP_WORDS[piece]; }); });
    }
    var query = joinTokens(kept);
    input.value = query;
    input.focus();
    commit(query);
  }

  // ---------------------------------------------------------------------
  // Nothing found: the nearest known word, and ways to browse.

  var knownWords = null;
  function loadWords() {
    if (!knownWords) {
      knownWords = fetch(wordsUrl)
        .then(function (response) { return response.ok ? response.json() : []; })
        .catch(function () { return []; });
    }
    return knownWords;
  }

  function showNothingFound(number, parsed) {
    var message = "No results for \u201c" + parsed.query + "\u201d.";
    var spoken = "";
    return loadWords().then(function (words) {
      if (number !== searchNumber) {
        return;
      }
      var better = suggest(parsed, words);
      suggestion.textContent = "";
      if (better) {
        suggestion.appendChild(document.createTextNode("Did you mean "));
        var link = element("a", "sp-search__suggested", better);
        link.href = "?q=" + encodeURIComponent(better);
        link.addEventListener("click", function (event) {
          event.preventDefault();
          input.value = better;
          commit(better);
        });
        suggestion.appendChild(link);
        suggestion.appendChild(document.createTextNode("?"));
        // Shown below as a link; said here too, for screen readers.
        spoken = " Did you mean \u201c" + better + "\u201d?";
      }
      suggestion.hidden = !better;
      help.hidden = false;
      status.textContent = message;
      if (spoken) {
        status.appendChild(element("span", "sp-visually-hidden", spoken));
      }
    });
  }

  // The query with each unknown word replaced by the nearest known one, or
  // null when there is nothing better to offer.
  function suggest(parsed, words) {
    if (!words.length || !parsed.words.length) {
      return null;
    }
    var known = new Set(words);
    var changed = false;
    var replaced = parsed.tokens.map(function (token) {
      if (token.used || token.quoted || parsed.words.indexOf(token) < 0) {
        return token.text;
      }
      var word = token.pieces.join("-");
      if (word.length < 3 || known.has(word) || !/^[\p{L}'-]+$/u.test(word)) {
        return token.text;
      }
      var nearest = nearestWord(word, words);
      if (!nearest) {
        return token.text;
      }
      changed = true;
      return nearest;
    });
    return changed ? replaced.join(" ") : null;
  }

  function nearestWord(word, words) {
    var limit = word.length <= 4 ? 1 : 2;
    var best = null;
    words.forEach(function (candidate) {
      if (Math.abs(candidate.length - word.length) > limit) {
        return;
      }
      var distance = editDistance(word, candidate, limit);
      if (distance > limit) {
        return;
      }
      var rank = [distance, candidate[0] === word[0] ? 0 : 1, Math.abs(candidate.length - word.length)];
      if (!best || compareRanks(rank, best.rank) < 0) {
        best = { word: candidate, rank: rank };
      }
    });
    return best && best.word;
  }

  function compareRanks(a, b) {
    for (var i = 0; i < a.length; i += 1) {
      if (a[i] !== b[i]) {
        return a[i] - b[i];
      }
    }
    return 0;
  }

  // Damerau-Levenshtein distance (optimal string alignment): a swap of two
  // letters counts as one mistake. Stops early past `limit`.
  function editDistance(a, b, limit) {
    var previous2 = null;
    var previous = [];
    for (var j = 0; j <= b.length; j += 1) {
      previous.push(j);
    }
    for (var i = 1; i <= a.length; i += 1) {
      var row = [i];
      var smallest = i;
      for (j = 1; j <= b.length; j += 1) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (previous2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          value = Math.min(value, previous2[j - 2] + 1);
        }
        row.push(value);
        smallest = Math.min(smallest, value);
      }
      if (smallest > limit) {
        return limit + 1;
      }
      previous2 = previous;
      previous = row;
    }
    return previous[b.length];
  }

  // ---------------------------------------------------------------------
  // The address and history.

  function queryInAddress() {
    return (new URLSearchParams(window.location.search).get("q") || "").trim();
  }

  function addressFor(query, shown) {
    var url = new URL(window.location.href);
    if (query) {
      url.searchParams.set("q", query);
    } else {
      url.searchParams.delete("q");
    }
    return { url: url.pathname + url.search + url.hash, state: { signpostSearch: true, q: query, shown: shown || 0 } };
  }

  // The query of the current history entry before any typing changed it.
  var committed = queryInAddress();

  // Typing: rewrite the current entry's address, no new entry.
  function typed(query) {
    var next = addressFor(query);
    history.replaceState(next.state, "", next.url);
    return run(query);
  }

  // Submitting: the entry we were on gets its own query back, and the new
  // query gets a new entry, so Back returns to the query before.
  function commit(query) {
    clearTimeout(typingTimer);
    if (query !== committed) {
      var back = addressFor(committed, history.state && history.state.q === committed ? history.state.shown : 0);
      history.replaceState(back.state, "", back.url);
      var next = addressFor(query);
      history.pushState(next.state, "", next.url);
      committed = query;
    }
    return run(query);
  }

  function rememberShown(shown) {
    var state = Object.assign({}, history.state || {}, { shown: shown });
    history.replaceState(state, "", window.location.href);
  }

  var typingTimer = null;
  input.addEventListener("input", function () {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(function () {
      typed(input.value.trim());
    }, TYPING_DELAY);
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    commit(input.value.trim());
  });

  more.addEventListener("click", function () {
    if (!current) {
      return;
    }
    showMore(searchNumber, PAGE_SIZE).then(function (first) {
      var link = first && first.querySelector("a");
      if (link) {
        link.focus();
      }
    });
  });

  window.addEventListener("popstate", function () {
    clearTimeout(typingTimer);
    committed = queryInAddress();
    input.value = committed;
    run(committed, history.state && history.state.shown);
  });

  // Opening /search/?q=walk runs the search; coming Back to it shows as many
  // results as were shown before.
  input.value = committed;
  if (committed) {
    run(committed, history.state && history.state.shown);
  }
})();
