// Loading Pagefind for the pages that search (search.js, find.js): one copy
// of the steps, so the two pages cannot drift apart.
//
// window.signpostPagefind.load(bundle, root, options) resolves to Pagefind's
// API, ready to search:
// - bundle: the absolute address of the pagefind/ folder. Absolute because
//   import() in a script resolves against the script's own address;
// - root: the site's root (absolute or relative to this page). Pagefind
//   guesses a bundle's site root from its folder name, so it is told;
// - options: more Pagefind options (for example excerptLength).
// A large site's index is split into several bundles (pagefind/shards.json
// lists the others); they are merged so a search covers them all.
// Each bundle is loaded once per page. If loading fails, the next call tries
// again (the connection may be back).
(function () {
  "use strict";

  var loading = {};

  function otherShards(bundle) {
    return fetch(new URL("shards.json", bundle).href)
      .then(function (response) { return response.ok ? response.json() : []; })
      .catch(function () { return []; });
  }

  function load(bundle, root, options) {
    if (!loading[bundle]) {
      var rootUrl = new URL(root, window.location.href);
      var siteRoot = rootUrl.pathname;
      // The list of shards is fetched while the bundle's script downloads.
      var shards = otherShards(bundle);
      loading[bundle] = import(new URL("pagefind.js", bundle).href).then(function (api) {
        return Promise.resolve(api.options(Object.assign({ baseUrl: siteRoot }, options || {})))
          .then(function () { return shards; })
          .then(function (extra) {
            return Promise.all(
              extra.map(function (path) { return api.mergeIndex(new URL(path, rootUrl).href, { baseUrl: siteRoot }); })
            );
          })
          .then(function () { return api; });
      });
      loading[bundle].catch(function () { delete loading[bundle]; });
    }
    return loading[bundle];
  }

  window.signpostPagefind = { load: load };
})();
