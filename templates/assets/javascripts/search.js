// Start Pagefind's search box on the search page, and run the query from
// the address (?q=...) so a search from elsewhere lands on its results.
(function () {
  var mount = document.getElementById("sp-search");
  if (!mount || typeof PagefindUI === "undefined") {
    return;
  }
  var ui = new PagefindUI({
    element: "#sp-search",
    bundlePath: mount.getAttribute("data-bundle"),
    showImages: false,
    resetStyles: false,
    translations: { placeholder: "Search activities, events and news" }
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
})();
