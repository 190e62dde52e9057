// "Show on a map": a map of the activities in the list above it.
//
// The list always comes first and is complete; the map only repeats it.
// Nothing is fetched until someone presses the button: not the map library,
// not the places, not a single map picture from the tile server. Without
// JavaScript the part stays hidden, so the page is the plain list. Every
// marker is a button (Tab, then Enter) that names what is there, and its
// popup links to each activity's page. Nothing needs dragging: the zoom
// buttons, the arrow keys and the list all work without it.
// The vendored Leaflet is a classic script that sets window.L: it is loaded
// on demand (see leaflet()), so it cannot be imported.
const found = document.querySelector("[data-map]");
if (found) {
  mapPart(found);
}

function mapPart(part) {
  const toggle = part.querySelector("[data-map-toggle]");
  const box = part.querySelector(".sp-map__box");
  const help = part.querySelector("[data-map-help]");
  const status = part.querySelector("[data-map-status]");
  const note = part.querySelector("[data-map-note]");
  const library = new URL(part.getAttribute("data-library"), window.location.href).href;
  const source = part.getAttribute("data-source");
  const root = new URL(part.getAttribute("data-root"), window.location.href);
  let map = null,
    markers = null,
    loading = null,
    drawing = 0,
    shown = [],
    grouping = null;
  const cards = {};
  part.hidden = false;

  function say(text) {
    status.textContent = text;
    status.hidden = !text;
  }

  function attach(tag, attributes) {
    return new Promise((resolve, reject) => {
      const element = document.createElement(tag);
      Object.keys(attributes).forEach((name) => {
        element.setAttribute(name, attributes[name]);
      });
      element.onload = resolve;
      element.onerror = () => {
        reject(new Error(`could not load ${attributes.src || attributes.href}`));
      };
      document.head.appendChild(element);
    });
  }

  function leaflet() {
    // Into the head: the page's own map.css comes later in the page, so it wins.
    loading =
      loading ||
      Promise.all([
        attach("link", { rel: "stylesheet", href: `${library}leaflet.css` }),
        attach("script", { src: `${library}leaflet.js` }),
      ]).catch((error) => {
        loading = null;
        throw error;
      });
    return loading;
  }

  // ----- the places: the group's map file, or the find page's results -----
  function json(address) {
    return fetch(address).then((response) => {
      if (!response.ok) {
        throw new Error(`${address}: HTTP ${response.status}`);
      }
      return response.json();
    });
  }

  function groupPlaces() {
    return json(new URL(source, window.location.href).href).then((data) =>
      data.features.map((feature) => {
        const where = feature.geometry.coordinates;
        return {
          name: feature.properties.name,
          url: new URL(feature.properties.url, root).href,
          venue: feature.properties.venue,
          lat: where[1],
          lon: where[0],
        };
      }),
    );
  }

  function resultPlaces() {
    // Each result's card file holds its place; a result without one is left off.
    const links = document.querySelectorAll("[data-results] > li .sp-card__title a");
    return Promise.all(
      Array.prototype.map.call(links, (link) => {
        const address = new URL("card.json", link.href).href;
        cards[address] = cards[address] || json(address).catch(() => null);
        return cards[address].then((card) => {
          if (!card || card.latitude === null || card.longitude === null) {
            return null;
          }
          return { name: card.name, url: link.href, venue: card.where, lat: card.latitude, lon: card.longitude };
        });
      }),
    ).then((places) => {
      const found = places.filter(Boolean);
      note.textContent =
        found.length +
        " of the " +
        links.length +
        " results listed above " +
        (found.length === 1 ? "has" : "have") +
        " a place on the map.";
      return found;
    });
  }

  // Markers that would cover each other at this zoom become one marker for
  // them all, so every marker can be seen, pointed at and pressed.
  function cluster(places) {
    const groups = [];
    places.forEach((place) => {
      const point = map.project([place.lat, place.lon], map.getZoom());
      const near = groups.filter((group) => Math.abs(group.point.x - point.x) < 30 && Math.abs(group.point.y - point.y) < 45)[0];
      if (near) {
        near.items.push(place);
      } else {
        groups.push({ point: point, items: [place] });
      }
    });
    return groups.map((group) => group.items);
  }

  function label(items) {
    const list = items.map((item) => item.name);
    if (list.length < 2) {
      return list.join("");
    }
    return `${list.length} activities: ${list.slice(0, -1).join(", ")} and ${list[list.length - 1]}`;
  }

  function element(tag, className, text) {
    const made = document.createElement(tag);
    if (className) {
      made.className = className;
    }
    if (text) {
      made.textContent = text;
    }
    return made;
  }

  function popup(items) {
    const list = element("ul", "sp-map__list");
    items.forEach((item) => {
      const entry = list.appendChild(element("li"));
      const link = entry.appendChild(element("a", "", item.name));
      link.href = item.url;
      if (item.venue) {
        entry.appendChild(element("span", "sp-map__venue", item.venue));
      }
    });
    // Escape closes the popup from inside it too (Leaflet listens only on the map itself).
    list.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        map.closePopup();
      }
    });
    return list;
  }

  function marker(items) {
    let lat = 0,
      lon = 0;
    items.forEach((item) => {
      lat += item.lat / items.length;
      lon += item.lon / items.length;
    });
    const name = label(items);
    const pin = window.L.marker([lat, lon], { title: name, alt: name, keyboard: true, riseOnHover: true });
    pin.bindPopup(popup(items), { autoPanPadding: [24, 24] });
    // Opened from the keyboard, the popup takes the focus to its links; closed,
    // it gives the focus back to its marker rather than losing it. Focusing
    // without scrolling keeps Leaflet's panes where Leaflet put them.
    pin.on("popupopen", (event) => {
      if (document.activeElement === pin.getElement()) {
        const link = event.popup.getElement().querySelector(".sp-map__list a");
        if (link) {
          link.focus({ preventScroll: true });
        }
      }
    });
    pin.on("popupclose", (event) => {
      const active = document.activeElement,
        open = event.popup.getElement();
      const lost = !active || active === document.body || open?.contains(active);
      if (lost && pin.getElement() && !box.hidden) {
        pin.getElement().focus({ preventScroll: true });
      }
    });
    return pin;
  }

  function placeMarkers() {
    const groups = cluster(shown);
    const key = groups.map((items) => items.map((item) => item.url).join(" ")).join("|");
    if (key === grouping) {
      return;
    } // the same markers: leave them (and any open popup) alone
    grouping = key;
    markers.clearLayers();
    groups.forEach((items) => {
      markers.addLayer(marker(items));
    });
    part.setAttribute("data-map-ready", String(groups.length));
  }

  // ----- the map itself -----
  function tilesFailed() {
    close();
    say("The map could not be loaded. Every activity is in the list above.");
  }

  function build() {
    const L = window.L;
    const still = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
    L.Icon.Default.imagePath = `${library}images/`;
    map = L.map(box, {
      scrollWheelZoom: false, // the page scrolls as usual past the map
      dragging: !L.Browser.mobile, // one finger scrolls the page on a phone; two fingers zoom the map
      keyboard: true,
      zoomAnimation: !still,
      fadeAnimation: !still,
      markerZoomAnimation: !still,
    });
    map.attributionControl.setPrefix("Leaflet");
    const credit = element("span", "", part.getAttribute("data-attribution"));
    const tiles = L.tileLayer(part.getAttribute("data-tiles"), { attribution: credit.outerHTML, maxZoom: 19 });
    let loaded = 0,
      failed = 0;
    tiles.on("tileload", () => {
      loaded += 1;
    });
    tiles.on("tileerror", () => {
      failed += 1;
    });
    // Not one map picture came: a grey box with pins is no use, the list is.
    tiles.on("load", () => {
      if (!loaded && failed) {
        tilesFailed();
      }
    });
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
      say(
        source === "results"
          ? "None of the results listed above has a place on the map."
          : "Nothing here has a place on the map.",
      );
      return;
    }
    box.hidden = false;
    help.hidden = false;
    if (!map) {
      build();
    } else {
      map.invalidateSize();
    }
    shown = places;
    grouping = null;
    map.fitBounds(
      places.map((place) => [place.lat, place.lon]),
      { padding: [40, 40], maxZoom: 16, animate: false },
    );
    placeMarkers();
  }

  function show() {
    const mine = ++drawing;
    toggle.setAttribute("aria-expanded", "true");
    toggle.textContent = "Hide the map";
    if (box.hidden) {
      say("Loading the map…");
    }
    return leaflet()
      .then(source === "results" ? resultPlaces : groupPlaces)
      .then((places) => {
        if (mine !== drawing || toggle.getAttribute("aria-expanded") !== "true") {
          return;
        }
        say("");
        draw(places);
      })
      .catch(() => {
        if (mine !== drawing) {
          return;
        }
        close();
        say("The map could not be loaded. Every activity is in the list above.");
      });
  }

  function close() {
    drawing += 1;
    toggle.setAttribute("aria-expanded", "false");
    toggle.textContent = "Show on a map";
    if (map) {
      map.closePopup();
    }
    if (box.contains(document.activeElement)) {
      toggle.focus();
    }
    box.hidden = true;
    help.hidden = true;
    part.removeAttribute("data-map-ready");
    say("");
  }

  toggle.addEventListener("click", () => {
    if (toggle.getAttribute("aria-expanded") === "true") {
      close();
    } else {
      show();
    }
  });

  // The find page's results change as people choose: an open map follows them.
  const results = document.querySelector("[data-results]");
  if (source === "results" && results && window.MutationObserver) {
    let waiting = null;
    new MutationObserver(() => {
      if (toggle.getAttribute("aria-expanded") !== "true") {
        return;
      }
      clearTimeout(waiting);
      waiting = setTimeout(show, 150);
    }).observe(results, { childList: true });
  }
}
