// "Show on a map": a map of the activities in the list above it.
//
// The list always comes first and is complete; the map only repeats it.
// Nothing is fetched until someone presses the button: not the map library,
// not the places, not a single map picture from the tile server. Without
// JavaScript the part stays hidden, so the page is the plain list. Every
// marker is a button (Tab, then Enter) that names what is there, and its
// popup links to each activity's page. Nothing needs dragging: the zoom
// buttons, the arrow keys and the list all work without it.
(function () {
  "use strict";
  var part = document.querySelector("[data-map]");
  if (!part || !window.fetch) { return; }
  var toggle = part.querySelector("[data-map-toggle]");
  var box = part.querySelector(".sp-map__box");
  var help = part.querySelector("[data-map-help]");
  var status = part.querySelector("[data-map-status]");
  var note = part.querySelector("[data-map-note]");
  var library = new URL(part.getAttribute("data-library"), window.location.href).href;
  var source = part.getAttribute("data-source");
  var root = new URL(part.getAttribute("data-root"), window.location.href);
  var map = null, markers = null, loading = null, drawing = 0, shown = [], grouping = null;
  var cards = {};
  part.hidden = false;

  function say(text) {
    status.textContent = text;
    status.hidden = !text;
  }

  function attach(tag, attributes) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement(tag);
      Object.keys(attributes).forEach(function (name) { element.setAttribute(name, attributes[name]); });
      element.onload = resolve;
      element.onerror = function () { reject(new Error("could not load " + (attributes.src || attributes.href))); };
      document.head.appendChild(element);
    });
  }

  function leaflet() {
    // Into the head: the page's own map.css comes later in the page, so it wins.
    loading = loading || Promise.all([
      attach("link", { rel: "stylesheet", href: library + "leaflet.css" }),
      attach("script", { src: library + "leaflet.js" })
    ]).catch(function (error) { loading = null; throw error; });
    return loading;
  }

  // ----- the places: the group's map file, or the find page's results -----
  function json(address) {
    return fetch(address).then(function (response) {
      if (!response.ok) { throw new Error(address + ": HTTP " + response.status); }
      return response.json();
    });
  }

  function groupPlaces() {
    return json(new URL(source, window.location.href).href).then(function (data) {
      return data.features.map(function (feature) {
        var where = feature.geometry.coordinates;
        return { name: feature.properties.name, url: new URL(feature.properties.url, root).href,
                 venue: feature.properties.venue, lat: where[1], lon: where[0] };
      });
    });
  }

  function resultPlaces() {
    // Each result's card file holds its place; a result without one is left off.
    var links = document.querySelectorAll("[data-results] > li .sp-card__title a");
    return Promise.all(Array.prototype.map.call(links, function (link) {
      var address = new URL("card.json", link.href).href;
      cards[address] = cards[address] || json(address).catch(function () { return null; });
      return cards[address].then(function (card) {
        if (!card || card.latitude === null || card.longitude === null) { return null; }
        return { name: card.name, url: link.href, venue: card.where, lat: card.latitude, lon: card.longitude };
      });
    })).then(function (places) {
      var found = places.filter(Boolean);
      note.textContent = found.length + " of the " + links.length + " results listed above " +
        (found.length === 1 ? "has" : "have") + " a place on the map.";
      return found;
    });
  }

  // Markers that would cover each other at this zoom become one marker for
  // them all, so every marker can be seen, pointed at and pressed.
  function cluster(places) {
    var groups = [];
    places.forEach(function (place) {
      var point = map.project([place.lat, place.lon], map.getZoom());
      var near = groups.filter(function (group) {
        return Math.abs(group.point.x - point.x) < 30 && Math.abs(group.point.y - point.y) < 45;
      })[0];
      if (near) { near.items.push(place); } else { groups.push({ point: point, items: [place] }); }
    });
    return groups.map(function (group) { return group.items; });
  }

  function label(items) {
    var list = items.map(function (item) { return item.name; });
    if (list.length < 2) { return list.join(""); }
    return list.length + " activities: " + list.slice(0, -1).join(", ") + " and " + list[list.length - 1];
  }

  function element(tag, className, text) {
    var made = document.createElement(tag);
    if (className) { made.className = className; }
    if (text) { made.textContent = text; }
    return made;
  }

  function popup(items) {
    var list = element("ul", "sp-map__list");
    items.forEach(function (item) {
      var entry = list.appendChild(element("li"));
      var link = entry.appendChild(element("a", "", item.name));
      link.href = item.url;
      if (item.venue) { entry.appendChild(element("span", "sp-map__venue", item.venue)); }
    });
    // Escape closes the popup from inside it too (Leaflet listens only on the map itself).
    list.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { map.closePopup(); }
    });
    return list;
  }

  function marker(items) {
    var lat = 0, lon = 0;
    items.forEach(function (item) { lat += item.lat / items.length; lon += item.lon / items.length; });
    var name = label(items);
    var pin = window.L.marker([lat, lon], { title: name, alt: name, keyboard: true, riseOnHover: true });
    pin.bindPopup(popup(items), { autoPanPadding: [24, 24] });
    // Opened from the keyboard, the popup takes the focus to its links; closed,
    // it gives the focus back to its marker rather than losing it. Focusing
    // without scrolling keeps Leaflet's panes where Leaflet put them.
    pin.on("popupopen", function (event) {
      if (document.activeElement === pin.getElement()) {
        var link = event.popup.getElement().querySelector(".sp-map__list a");
        if (link) { link.focus({ preventScroll: true }); }
      }
    });
    pin.on("popupclose", function (event) {
      var active = document.activeElement, open = event.popup.getElement();
      var lost = !active || active === document.body || (open && open.contains(active));
      if (lost && pin.getElement() && !box.hidden) { pin.getElement().focus({ preventScroll: true }); }
    });
    return pin;
  }

  function placeMarkers() {
    var groups = cluster(shown);
    var key = groups.map(function (items) { return items.map(function (item) { return item.url; }).join(" "); }).join("|");
    if (key === grouping) { return; } // the same markers: leave them (and any open popup) alone
    grouping = key;
    markers.clearLayers();
    groups.forEach(function (items) { markers.addLayer(marker(items)); });
    part.setAttribute("data-map-ready", String(groups.length));
  }

  // ----- the map itself -----
  function tilesFailed() {
    close();
    say("The map could not be loaded. Every activity is in the list above.");
  }

  function build() {
    var L = window.L;
    var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    L.Icon.Default.imagePath = library + "images/";
    map = L.map(box, {
      scrollWheelZoom: false, // the page scrolls as usual past the map
      dragging: !L.Browser.mobile, // one finger scrolls the page on a phone; two fingers zoom the map
      keyboard: true,
      zoomAnimation: !still, fadeAnimation: !still, markerZoomAnimation: !still
    });
    map.attributionControl.setPrefix("Leaflet");
    var credit = element("span", "", part.getAttribute("data-attribution"));
    var tiles = L.tileLayer(part.getAttribute("data-tiles"), { attribution: credit.outerHTML, maxZoom: 19 });
    var loaded = 0, failed = 0;
    tiles.on("tileload", function () { loaded += 1; });
    tiles.on("tileerror", function () { failed += 1; });
    // Not one map picture came: a grey box with pins is no use, the list is.
    tiles.on("load", function () { if (!loaded && failed) { tilesFailed(); } });
    tiles.addTo(map);
    markers = L.layerGroup().addTo(map);
    map.on("zoomend", placeMarkers);
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", part.getAttribute("data-label"));
  }

  function draw(places) {
    if (!places.length) {
      box.hidden = help.hidden = true; // no empty box, and no markers left from earlier results
      part.removeAttribute("data-map-ready");
      say(source === "results" ? "None of the results listed above has a place on the map." : "Nothing here has a place on the map.");
      return;
    }
    box.hidden = false;
    help.hidden = false;
    if (!map) { build(); } else { map.invalidateSize(); }
    shown = places;
    grouping = null;
    map.fitBounds(places.map(function (place) { return [place.lat, place.lon]; }), { padding: [40, 40], maxZoom: 16, animate: false });
    placeMarkers();
  }

  function show() {
    var mine = ++drawing;
    toggle.setAttribute("aria-expanded", "true");
    toggle.textContent = "Hide the map";
    if (box.hidden) { say("Loading the map…"); }
    return leaflet()
      .then(source === "results" ? resultPlaces : groupPlaces)
      .then(function (places) {
        if (mine !== drawing || toggle.getAttribute("aria-expanded") !== "true") { return; }
        say("");
        draw(places);
      })
      .catch(function () {
        if (mine !== drawing) { return; }
        close();
        say("The map could not be loaded. Every activity is in the list above.");
      });
  }

  function close() {
    drawing += 1;
    toggle.setAttribute("aria-expanded", "false");
    toggle.textContent = "Show on a map";
    if (map) { map.closePopup(); }
    if (box.contains(document.activeElement)) { toggle.focus(); }
    box.hidden = true;
    help.hidden = true;
    part.removeAttribute("data-map-ready");
    say("");
  }

  toggle.addEventListener("click", function () {
    if (toggle.getAttribute("aria-expanded") === "true") { close(); } else { show(); }
  });

  // The find page's results change as people choose: an open map follows them.
  var results = document.querySelector("[data-results]");
  if (source === "results" && results && window.MutationObserver) {
    var waiting = null;
    new MutationObserver(function () {
      if (toggle.getAttribute("aria-expanded") !== "true") { return; }
      clearTimeout(waiting);
      waiting = setTimeout(show, 150);
    }).observe(results, { childList: true });
  }
})();
