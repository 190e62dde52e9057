// Start Pagefind's search box on the search page. A large site's index is
// split into several bundles (listed in shards.json); they are searched as
// one. The query in the address (?q=...) runs at once.
(function () {
  var mount = document.getElementById("sp-search");
  if (!mount || typeof PagefindUI === "undefined") {
    return;
  }
  var bundle = mount.getAttribute("data-bundle");
  var root = mount.getAttribute("data-root");
  // Pagefind guesses a bundle's site root from its folder name; tell it.
  var siteRoot = new URL(root, window.location.href).pathname;

  function start(extra) {
    var ui = new PagefindUI({
      element: "#sp-search",
      bundlePath: bundle,
      baseUrl: siteRoot,
      mergeIndex: extra.map(function (path) { return { bundlePath: root + path, baseUrl: siteRoot }; }),
      showImages: false,
      resetStyles: false,
      translations: { placeholder: "Search activities, events and news" }
    });
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) {
      ui.triggerSearch(query);
    }
  }

  fetch(bundle + "shards.json")
    .then(function (response) { return response.ok ? response.json() : []; })
    .catch(function () { return []; })
    .then(start);
})();
