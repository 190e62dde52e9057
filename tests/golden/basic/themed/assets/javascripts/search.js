// The search page: our own results on Pagefind's JavaScript API.
//
// - The query lives in the address (?q=...). Typing runs the search and
//   rewrites the address (history.replaceState); submitting the form adds a
//   history entry, so Back returns to the query before.
// - Words that name something the directory files activities by become
//   Pagefind filters instead of text, shown as removable chips. A query made
//   only of such words lists every matching activity.
// - Each result says what it is and the facts people decide by. Events that
//   have ended come after the others.
// - When nothing is found, the nearest known word (from words.json) is
//   offered: "Did you mean football?".
// The parts it imports: pagefind-loader.js (Pagefind and its index shards,
// shared with the find page), search-query.js (reading the query) and
// search-results.js (how a result looks, drawn by card.js).
import { html, toElement } from "./card.js";
import { inStages, keepingPlace } from "./pagefind-loader.js";
import { reader as queryReader } from "./search-query.js";
import { hasEnded, resultItem } from "./search-results.js";

const mount = document.getElementById("sp-search");
const input = document.getElementById("sp-search-q");
// Without its parts (or an old browser) the form still searches: it
// submits to this page, which then shows only the form.
if (mount && input?.form) {
  searchPage(mount, input, input.form);
}

function searchPage(mount, input, form) {
  // The word every activity page carries (see facets.EVERY_ACTIVITY), or null.
  const every = document.querySelector("[data-every]")?.getAttribute("data-every") ?? null;
  const PAGE_SIZE = 10;
  const TYPING_DELAY = 300;
  const status = document.getElementById("sp-search-status");
  const list = document.getElementById("sp-search-results");
  const more = document.getElementById("sp-search-more");
  const moreLine = document.getElementById("sp-search-more-line");
  const shownText = document.getElementById("sp-search-shown");
  const chipsBox = document.getElementById("sp-search-chips");
  const chipList = chipsBox.querySelector("ul");
  const help = document.getElementById("sp-search-help");
  const suggestion = document.getElementById("sp-search-suggestion");
  const bundleUrl = new URL(mount.getAttribute("data-bundle"), window.location.href).href;
  const rootUrl = new URL(mount.getAttribute("data-root"), window.location.href).href;
  const wordsUrl = new URL(mount.getAttribute("data-words"), window.location.href).href;
  const pageTitle = document.title;

  const reader = queryReader(readTerms());

  // The types of activity and areas, and the access labels, from the page.
  function readTerms() {
    try {
      return JSON.parse(mount.getAttribute("data-terms") || "{}");
    } catch {
      return {};
    }
  }

  // ---------------------------------------------------------------------
  // Pagefind.

  const PAGEFIND_OPTIONS = { excerptLength: 24 };

  const fragments = new Map();
  function dataOf(result) {
    if (!fragments.has(result.id)) {
      const loading = result.data();
      loading.catch(() => {
        fragments.delete(result.id);
      });
      fragments.set(result.id, loading);
    }
    return fragments.get(result.id);
  }

  // Events that have ended (or were cancelled) go after everything else.
  function pastEventsLast(api, term, filters, results) {
    if (filters.kind || !results.length) {
      return Promise.resolve(results);
    }
    const eventFilters = Object.assign({}, filters, { kind: ["Event"] });
    return api.search(term, { filters: eventFilters }).then((events) => {
      const found = (events?.results || []).slice(0, 300);
      return Promise.all(found.map(dataOf)).then((datas) => {
        const ended = new Set();
        datas.forEach((data, index) => {
          if (hasEnded(data.meta || {})) {
            ended.add(found[index].id);
          }
        });
        if (!ended.size) {
          return results;
        }
        return results.filter((result) => !ended.has(result.id)).concat(results.filter((result) => ended.has(result.id)));
      });
    });
  }

  // ---------------------------------------------------------------------
  // Showing results.

  let current = null; // { parsed, results, shown }
  let searchNumber = 0;

  function run(query, wanted) {
    const number = ++searchNumber;
    const parsed = reader.parse(query);
    document.title = parsed.query ? `\u201c${parsed.query}\u201d: ${pageTitle}` : pageTitle;
    if (!parsed.text && !parsed.chips.length) {
      current = null;
      clearResults();
      status.textContent = parsed.query ? "Type a word to search for." : "";
      return Promise.resolve();
    }
    const filters = reader.filtersFor(parsed);
    const options = { filters: filters };
    if (!parsed.text) {
      options.sort = { name: "asc" };
    }
    // Filters alone apply to activities only: search for the word every
    // activity page carries (see facets.EVERY_ACTIVITY), so Pagefind loads
    // one part of its index instead of all of it.
    const term = parsed.text || every;
    function ask(api) {
      return api.search(term, options).then((response) => {
        const results = response?.results || [];
        return pastEventsLast(api, term, filters, results);
      });
    }
    return inStages(bundleUrl, rootUrl, PAGEFIND_OPTIONS, ask, (results, whole) => {
      if (whole || results?.length) {
        return showAnswer(number, parsed, wanted, results, whole);
      }
      // No early answer (or nothing in the first part): the last query's
      // results must not stay on show under this one.
      if (number === searchNumber) {
        clearResults();
        status.textContent = "Still searching\u2026";
      }
      return null;
    }).catch(() => {
      if (number !== searchNumber) {
        return;
      }
      if (current && current.number === number && current.results.length && list.firstChild) {
        // The first part of the index answered and its results are right,
        // as far as they go: keep them, and say that they may not be all.
        status.textContent =
          "Only part of the directory could be searched, so these may not be all the results. Reload the page to try again.";
        return;
      }
      clearResults();
      status.textContent = "Sorry, search is not working at the moment. You can browse instead.";
      suggestion.hidden = true;
      help.hidden = false;
    });
  }

  // Show one search's answer. On a large site the first part of the index
  // answers before the whole (whole = false): its results are shown at once,
  // while the count (with the query, for screen readers) waits for the whole.
  function showAnswer(number, parsed, wanted, results, whole) {
    if (number !== searchNumber) {
      return null;
    }
    current = { number: number, parsed: parsed, results: results, shown: 0 };
    return keepingPlace(list, () => {
      clearResults();
      showChips(parsed);
      return showMore(number, Math.max(PAGE_SIZE, wanted || 0));
    }).then(() => {
      if (number !== searchNumber) {
        return null;
      }
      if (!whole) {
        moreLine.hidden = true; // "Showing 10 of ..." would count only a part
        status.textContent = "Still searching\u2026";
        return null;
      }
      if (results.length) {
        status.textContent = countText(results.length, parsed.query);
        return null;
      }
      return showNothingFound(number, parsed);
    });
  }

  function countText(count, query) {
    return `${count + (count === 1 ? " result" : " results")} for \u201c${query}\u201d`;
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
    const state = current;
    const batch = state.results.slice(state.shown, state.shown + count);
    return Promise.all(batch.map(dataOf)).then((datas) => {
      if (number !== searchNumber || state !== current) {
        return null;
      }
      let first = null;
      datas.forEach((data) => {
        const item = toElement(resultItem(data, every));
        first = first || item;
        list.appendChild(item);
      });
      state.shown += batch.length;
      moreLine.hidden = state.shown >= state.results.length;
      shownText.textContent = `Showing ${state.shown} of ${state.results.length}.`;
      rememberShown(state.shown);
      return first;
    });
  }

  function showChips(parsed) {
    chipList.textContent = "";
    parsed.chips.forEach((chip) => {
      const item = toElement(
        html`<li><button class="sp-search-chip" type="button" aria-label="Remove filter: ${chip.label}"><span class="sp-search-chip__label">${chip.label}</span><span class="sp-search-chip__remove" aria-hidden="true">\u00d7</span></button></li>`,
      );
      const button = item.firstElementChild;
      button.addEventListener("click", () => {
        removeChip(parsed, chip);
      });
      chipList.appendChild(item);
    });
    chipsBox.hidden = !parsed.chips.length;
  }

  function removeChip(parsed, chip) {
    const dropped = new Set(chip.tokens);
    let kept = parsed.tokens.filter((_token, index) => !dropped.has(index));
    const others = parsed.chips.filter((other) => other !== chip);
    if (!others.length) {
      // Words such as "on" or "and" only joined the filters; drop them too.
      kept = kept.filter((token) => token.quoted || !token.pieces.every(reader.isStopWord));
    }
    const query = reader.joinTokens(kept);
    input.value = query;
    input.focus();
    commit(query);
  }

  // ---------------------------------------------------------------------
  // Nothing found: the nearest known word, and ways to browse.

  let knownWords = null;
  function loadWords() {
    if (!knownWords) {
      knownWords = fetch(wordsUrl)
        .then((response) => (response.ok ? response.json() : []))
        .catch(() => []);
    }
    return knownWords;
  }

  function showNothingFound(number, parsed) {
    const message = `No results for \u201c${parsed.query}\u201d.`;
    let spoken = "";
    return loadWords().then((words) => {
      if (number !== searchNumber) {
        return;
      }
      const better = reader.suggest(parsed, words);
      suggestion.textContent = "";
      if (better) {
        suggestion.appendChild(document.createTextNode("Did you mean "));
        const link = toElement(html`<a class="sp-search__suggested" href="?q=${encodeURIComponent(better)}">${better}</a>`);
        link.addEventListener("click", (event) => {
          event.preventDefault();
          input.value = better;
          commit(better);
        });
        suggestion.appendChild(link);
        suggestion.appendChild(document.createTextNode("?"));
        // Shown below as a link; said here too, for screen readers.
        spoken = ` Did you mean \u201c${better}\u201d?`;
      }
      suggestion.hidden = !better;
      help.hidden = false;
      status.textContent = message;
      if (spoken) {
        status.appendChild(toElement(html`<span class="sp-visually-hidden">${spoken}</span>`));
      }
    });
  }

  // ---------------------------------------------------------------------
  // The address and history.

  function queryInAddress() {
    return (new URLSearchParams(window.location.search).get("q") || "").trim();
  }

  function addressFor(query, shown) {
    const url = new URL(window.location.href);
    if (query) {
      url.searchParams.set("q", query);
    } else {
      url.searchParams.delete("q");
    }
    return { url: url.pathname + url.search + url.hash, state: { signpostSearch: true, q: query, shown: shown || 0 } };
  }

  // The query of the current history entry before any typing changed it.
  let committed = queryInAddress();

  // Typing: rewrite the current entry's address, no new entry.
  function typed(query) {
    const next = addressFor(query);
    history.replaceState(next.state, "", next.url);
    return run(query);
  }

  // Submitting: the entry we were on gets its own query back, and the new
  // query gets a new entry, so Back returns to the query before.
  function commit(query) {
    clearTimeout(typingTimer);
    if (query !== committed) {
      const back = addressFor(committed, history.state && history.state.q === committed ? history.state.shown : 0);
      history.replaceState(back.state, "", back.url);
      const next = addressFor(query);
      history.pushState(next.state, "", next.url);
      committed = query;
    }
    return run(query);
  }

  function rememberShown(shown) {
    const state = Object.assign({}, history.state || {}, { shown: shown });
    history.replaceState(state, "", window.location.href);
  }

  let typingTimer = null;
  input.addEventListener("input", () => {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => {
      typed(input.value.trim());
    }, TYPING_DELAY);
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    commit(input.value.trim());
  });

  // One page at a time: a second quick press, before the first page is
  // drawn, would start from the same place and draw that page twice. Kept
  // on the search it was pressed for: a new search's button works at once.
  more.addEventListener("click", () => {
    const state = current;
    if (!state || state.adding) {
      return;
    }
    state.adding = true;
    const done = () => {
      state.adding = false;
    };
    showMore(searchNumber, PAGE_SIZE)
      .then((first) => {
        const link = first?.querySelector("a");
        if (link) {
          link.focus();
        }
      })
      .then(done, done);
  });

  window.addEventListener("popstate", () => {
    clearTimeout(typingTimer);
    committed = queryInAddress();
    input.value = committed;
    run(committed, history.state?.shown);
  });

  // Opening /search/?q=walk runs the search; coming Back to it shows as many
  // results as were shown before.
  input.value = committed;
  if (committed) {
    run(committed, history.state?.shown);
  }
}
