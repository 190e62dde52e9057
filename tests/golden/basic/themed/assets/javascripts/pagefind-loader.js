// Loading Pagefind for the pages that search (search.js, find.js import
// it): one copy of the steps, so the two pages cannot drift apart.
//
// A large site's index is split into several bundles ("shards", listed in
// pagefind/shards.json), each holding a share of the pages. Every bundle
// costs its own download before it can answer, so on a slow phone a search
// over all of them keeps people waiting. Searches therefore run in stages:
// the first bundle answers alone and its results are shown at once, then the
// other bundles are merged in and the search runs again over the whole index.
//
// What it exports:
// - load(bundle, root, options) resolves to Pagefind's API over the whole
//   index (every shard merged). bundle: the absolute address of the
//   pagefind/ folder (import() in a script resolves against the script's own
//   address); root: the site's root, as Pagefind guesses it from the
//   bundle's folder name otherwise; options: more Pagefind options.
// - inStages(bundle, root, options, ask, show): ask(api) runs a search and
//   resolves to its answer; show(answer, whole) is called with the first
//   bundle's answer (whole = false, only when other bundles remain; the
//   answer is null when another search has already begun merging them),
//   then with the whole index's (whole = true). Resolves when the whole
//   answer has been shown. show should leave "nothing found" to the whole
//   answer.
// - keepingPlace(list, redraw): draws a list of results again (redraw may
//   return a promise) without losing a keyboard or screen-reader user's
//   place: the result that had focus has it again after (on its link), or,
//   if it has gone, the list's first link.
// Each bundle is loaded once per page. If the first bundle fails to load,
// the next call tries again (the connection may be back).
const first = {}; // bundle -> Promise of { api, extra: [shard addresses] }
const whole = {}; // bundle -> Promise of the API with every shard merged
const merged = {}; // bundle -> true once every shard is in

function otherShards(bundle) {
  // No list means no other shards; a list that could not be fetched is an
  // error (searching part of the index as if it were all would mislead).
  return fetch(new URL("shards.json", bundle).href).then((response) => {
    if (response.status === 404) {
      return [];
    }
    if (!response.ok) {
      throw new Error(`shards.json: ${response.status}`);
    }
    return response.json();
  });
}

function loadFirst(bundle, root, options) {
  if (!first[bundle]) {
    const siteRoot = new URL(root, window.location.href).pathname;
    // The list of shards is fetched while the bundle's script downloads.
    const shards = otherShards(bundle);
    first[bundle] = import(new URL("pagefind.js", bundle).href).then((api) =>
      Promise.resolve(api.options(Object.assign({ baseUrl: siteRoot }, options || {})))
        .then(() => shards)
        .then((extra) => ({ api: api, extra: extra })),
    );
    first[bundle].catch(() => {
      delete first[bundle];
    });
  }
  return first[bundle];
}

export function load(bundle, root, options) {
  if (!whole[bundle]) {
    // Merged once per page: Pagefind keeps a shard that failed to load, so
    // after a failure searches fail until the page is loaded again.
    whole[bundle] = loadFirst(bundle, root, options).then((loaded) => {
      const rootUrl = new URL(root, window.location.href);
      return Promise.all(
        loaded.extra.map((path) => loaded.api.mergeIndex(new URL(path, rootUrl).href, { baseUrl: rootUrl.pathname })),
      ).then(() => {
        merged[bundle] = true;
        return loaded.api;
      });
    });
  }
  return whole[bundle];
}

export function inStages(bundle, root, options, ask, show) {
  function answerWhole() {
    return load(bundle, root, options)
      .then(ask)
      .then((answer) => show(answer, true));
  }
  return loadFirst(bundle, root, options).then((loaded) => {
    if (!loaded.extra.length || merged[bundle]) {
      return answerWhole();
    }
    if (whole[bundle]) {
      // The other shards are on their way: once merging has begun the
      // first bundle cannot answer alone. null: no early answer this time.
      show(null, false);
      return answerWhole();
    }
    return ask(loaded.api).then((early) => Promise.resolve(show(early, false)).then(answerWhole));
  });
}

export function keepingPlace(list, redraw) {
  const focused = document.activeElement;
  // The result's own link stands for it (focus may be on its shortlist button).
  const item = focused && focused !== list && list.contains(focused) ? focused.closest("li") : null;
  const link = item?.querySelector("a[href]");
  const href = link ? link.getAttribute("href") : null;
  return Promise.resolve(redraw()).then((value) => {
    // Only when the redraw took focus away: not if the user has moved on.
    const lost = !document.activeElement || document.activeElement === document.body;
    if (href !== null && lost) {
      const again = list.querySelector(`a[href='${CSS.escape(href)}']`) || list.querySelector("a[href]");
      if (again) {
        again.focus();
      }
    }
    return value;
  });
}
