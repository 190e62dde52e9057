// The find page: filters kept in the address, counts beside every option,
// results from the same Pagefind index as the site search.
//
// The address is the state (other tools rely on it):
//   ?q=walk&domain=sport&day=tuesday&day=thursday&time=evening&cost=free
//   &area=northgate&access=step_free&audience=older-people&age=72
//   &welcome=accompanied_first_visit&taking=yes&on=today&sort=near
// Repeated keys are OR within a facet; facets are AND; day and time apply
// to the same session (the "slot" filter holds day-and-time pairs).
(function () {
  "use strict";
  var root = document.querySelector("[data-find]");
  // Without its parts the page stays as it is without JavaScript: links to browse.
  if (!root || !window.signpostFindCard || !window.signpostPagefind) { return; }
  var text = window.signpostFindCard.text; // makes an element (find-card.js)
  var form = root.querySelector("form");
  // The controls work only with this script, so they appear only with it.
  root.querySelectorAll("[data-needs-script]").forEach(function (part) { part.hidden = false; });
  var FACETS = ["domain", "area", "day", "time", "cost", "welcome", "access", "audience", "taking"];
  var DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
  var TIMES = ["morning", "afternoon", "evening"];
  var PAGE = 10;
  var every = root.getAttribute("data-every");
  // Absolute: import() inside this file would resolve against the script's own address.
  var bundle = new URL(root.getAttribute("data-bundle"), window.location.href).href;
  var siteRoot = root.getAttribute("data-root");
  var pagefind = null; // Pagefind's API, once loaded (see update)
  var shown = [];
  var results = [];
  var position = null;
  var run = 0;
  var listed = 0; // the update whose list is drawn (see showMore)

  // ----- state <-> address <-> form -----
  function readState() {
    var params = new URLSearchParams(window.location.search);
    var state = { q: params.get("q") || "", age: params.get("age") || "", on: params.get("on") || "",
                  sort: params.get("sort") || "" };
    FACETS.forEach(function (key) { state[key] = params.getAll(key); });
    return state;
  }

  function address(state) {
    var params = new URLSearchParams();
    if (state.q) { params.append("q", state.q); }
    FACETS.forEach(function (key) { state[key].forEach(function (v) { params.append(key, v); }); });
    ["age", "on", "sort"].forEach(function (key) { if (state[key]) { params.append(key, state[key]); } });
    var query = params.toString();
    return window.location.pathname + (query ? "?" + query : "");
  }

  function formState() {
    var state = { q: form.elements.q.value.trim(), age: form.elements.age.value.trim(), on: readState().on,
                  sort: readState().sort };
    FACETS.forEach(function (key) {
      state[key] = Array.prototype.filter.call(form.querySelectorAll("input[name='" + key + "']"),
        function (box) { return box.checked; }).map(function (box) { return box.value; });
    });
    return state;
  }

  function showState(state) {
    form.elements.q.value = state.q;
    form.elements.age.value = state.age;
    FACETS.forEach(function (key) {
      form.querySelectorAll("input[name='" + key + "']").forEach(function (box) {
        box.checked = state[key].indexOf(box.value) !== -1;
      });
    });
    root.querySelectorAll("[data-on]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-on") === state.on));
    });
    root.querySelector("[data-near]").setAttribute("aria-pressed", String(state.sort === "near"));
    root.querySelectorAll("[data-facet]").forEach(function (facet) {
      var key = facet.getAttribute("data-facet");
      var chosen = key === "age" ? (state.age ? 1 : 0) : state[key].length;
      facet.querySelector("[data-chosen-count]").textContent = chosen ? " (" + chosen + " chosen)" : "";
      if (chosen) { facet.open = true; }
    });
  }

  function change(state, push) {
    var target = address(state);
    if (target !== window.location.pathname + window.location.search) {
      window.history[push ? "pushState" : "replaceState"](null, "", target);
    }
    showState(state);
    update(state);
  }

  // ----- dates the browser works out for "On today" and friends -----
  function dayKeys(date, times) {
    var weekday = DAYS[(date.getDay() + 6) % 7];
    var utc = Date.UTC(date.getFullYear(), date.getMonth(), date.getDate());
    var weeks = Math.floor((utc - Date.UTC(2000, 0, 3)) / 86400000 / 7);
    var nth = Math.floor((date.getDate() - 1) / 7) + 1;
    var last = new Date(date.getFullYear(), date.getMonth(), date.getDate() + 7).getMonth() !== date.getMonth();
    var iso = new Date(utc).toISOString().slice(0, 10);
    var keys = [];
    times.forEach(function (time) {
      keys.push("w-" + weekday + "-" + time, "f-" + weekday + "-" + (weeks % 2) + "-" + time, "d-" + iso + "-" + time);
      if (nth <= 4) { keys.push("m-" + weekday + "-" + nth + "-" + time); }
      if (last) { keys.push("m-" + weekday + "-L-" + time); }
    });
    return keys;
  }

  function quickDates(on) {
    var today = new Date();
    var day = function (offset) { return new Date(today.getFullYear(), today.getMonth(), today.getDate() + offset); };
    if (on === "today") { return [day(0)]; }
    if (on === "tomorrow") { return [day(1)]; }
    if (on === "weekend") {
      var weekday = today.getDay();
      if (weekday === 0) { return [day(0)]; }
      return [day(6 - weekday), day(7 - weekday)];
    }
    return [];
  }

  // ----- filters -----
  function filtersFor(state, omit) {
    // Without words the search is for the word only activities carry, so
    // the kind filter (another download) is needed only with words.
    var filters = state.q ? { kind: "Activity" } : {};
    ["domain", "area", "cost", "welcome", "access", "audience", "taking"].forEach(function (key) {
      if (key !== omit && state[key].length) { filters[key] = { any: state[key] }; }
    });
    var days = omit === "day" ? [] : state.day;
    var times = omit === "time" ? [] : state.time;
    if (days.length && times.length) {
      filters.slot = { any: [].concat.apply([], days.map(function (d) { return times.map(function (t) { return d + "-" + t; }); })) };
    } else if (days.length) {
      filters.day = { any: days };
    } else if (times.length) {
      filters.time = { any: times };
    }
    if (state.on && omit !== "on") {
      var keyTimes = times.length ? times : TIMES;
      filters.meets = { any: [].concat.apply([], quickDates(state.on).map(function (d) { return dayKeys(d, keyTimes); })) };
    }
    var age = parseInt(state.age, 10);
    if (!isNaN(age) && age >= 0 && age <= 120) {
      var from = [], to = ["none"];
      for (var a = 0; a <= 120; a++) { if (a <= age) { from.push(String(a)); } else { to.push(String(a)); } }
      to.push(String(age));
      filters.age_from = { any: from };
      filters.age_to = { any: to };
    }
    return filters;
  }

  function search(state, omit) {
    // With no words, search for the word every activity page carries: the
    // same pages as a filters-only search, without loading the whole index.
    return pagefind.search(state.q || every, { filters: filtersFor(state, omit), sort: state.q ? undefined : { name: "asc" } });
  }

  // ----- counts beside each option -----
  function countsFor(state) {
    // Searched again now that every facet's filters are loaded, so the
    // response counts them all.
    var main = search(state);
    // An option's count: how many results there would be with it chosen,
    // given every other facet's choices.
    var jobs = FACETS.map(function (key) {
      if (key === "day" || key === "time") { return sessionCounts(state, key); }
      if (!state[key].length) { return main.then(function (found) { return found.filters[key] || {}; }); }
      return search(state, key).then(function (found) { return found.filters[key] || {}; });
    });
    return Promise.all(jobs).then(function (lists) {
      var counts = {};
      FACETS.forEach(function (key, index) { counts[key] = lists[index]; });
      return counts;
    });
  }

  function sessionCounts(state, key) {
    // Day and time belong to one session, so each option is counted exactly
    // with its own search (seven days, three times of day).
    var options = key === "day" ? DAYS : TIMES;
    return Promise.all(options.map(function (value) {
      var trial = Object.assign({}, state);
      trial[key] = [value];
      return search(trial).then(function (found) { return found.results.length; });
    })).then(function (numbers) {
      var counts = {};
      options.forEach(function (value, index) { counts[value] = numbers[index]; });
      return counts;
    });
  }

  function showCounts(counts) {
    root.querySelectorAll("[data-count]").forEach(function (slot) {
      var parts = slot.getAttribute("data-count").split(":");
      var number = (counts[parts[0]] || {})[parts[1]] || 0;
      slot.textContent = "(" + number + ")";
      slot.closest("label").classList.toggle("sp-facet--none", number === 0);
    });
  }

  // ----- results -----

  // fresh: the first page of a new list. "Show more" does nothing until that
  // page is drawn: the list on show would be an old one, or half drawn.
  function showMore(fresh) {
    if (!fresh && listed !== run) { return Promise.resolve(); }
    var list = root.querySelector("[data-results]");
    var next = results.slice(shown.length, shown.length + PAGE);
    var mine = run;
    return Promise.all(next.map(function (result) { return result.data ? result.data() : result; })).then(function (items) {
      if (mine !== run) { return; }
      items.forEach(function (data) { shown.push(data); list.appendChild(window.signpostFindCard.card(data)); });
      root.querySelector("[data-more]").hidden = shown.length >= results.length;
      if (window.signpostShortlist) { window.signpostShortlist.refresh(); }
    });
  }

  function miles(from, data) {
    var lat = parseFloat(data.meta.latitude), lon = parseFloat(data.meta.longitude);
    if (isNaN(lat) || isNaN(lon)) { return null; }
    var rad = Math.PI / 180, dLat = (lat - from.latitude) * rad, dLon = (lon - from.longitude) * rad;
    var h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(from.latitude * rad) * Math.cos(lat * rad) * Math.pow(Math.sin(dLon / 2), 2);
    return 3958.8 * 2 * Math.asin(Math.sqrt(h));
  }

  var NEAR_LIMIT = 300;
  function nearestFirst(found) {
    // Sorting needs each result's place, so only the first few hundred are
    // sorted; the note asks for a narrower choice when there are more.
    var note = root.querySelector("[data-near-note]");
    var sample = found.slice(0, NEAR_LIMIT);
    return Promise.all(sample.map(function (result) { return result.data(); })).then(function (items) {
      items.forEach(function (data) { data.distance = miles(position, data); });
      items.sort(function (a, b) {
        if (a.distance === null || b.distance === null) { return (a.distance === null) - (b.distance === null); }
        return a.distance - b.distance;
      });
      note.textContent = found.length > NEAR_LIMIT ? "Sorted the first " + NEAR_LIMIT + " by distance: choose an area or a day to narrow the list." : "";
      return items;
    });
  }

  // ----- one update -----
  function update(state) {
    var mine = ++run;
    // data-ready names the address whose results are all shown (tests and
    // anything else waiting on the list can watch it).
    root.removeAttribute("data-ready");
    // pagefind-loader.js (loaded before this file) brings in the index's shards.
    window.signpostPagefind.inStages(bundle, siteRoot, {}, function (api) {
      pagefind = api;
      return search(state);
    }, function (main, whole) {
      if (mine !== run) { return null; }
      if (whole || (main && main.results.length)) { return showResults(mine, state, main, whole); }
      // No early answer (or nothing in the first part): clear the last list.
      root.querySelector("[data-results]").textContent = "";
      root.querySelector("[data-more]").hidden = true;
      root.querySelector("[data-result-count]").textContent = "Still searching\u2026";
      return null;
    }).then(function () {
      // The counts beside the options need every facet's filters: loaded
      // once the whole index has answered.
      return mine === run ? allFilters().then(function () { return countsFor(state); }) : null;
    }).then(function (counts) {
      if (mine !== run || !counts) { return; }
      showCounts(counts);
      root.setAttribute("data-ready", address(state));
    }).catch(function () {
      if (mine !== run) { return; }
      // Early results from the first part of the index are right, as far as
      // they go: keep them, and say that they may not be all.
      var partly = listed === mine; // this update's first part was drawn
      root.querySelector("[data-result-count]").textContent = partly
        ? "Only part of the list could be loaded, so it may not show every activity that matches. Reload the page to try again."
        : "Sorry, this list is not working at the moment. You can browse by type, area or day instead.";
    });
  }

  // On a large site the first part of the index answers before the whole
  // (whole = false): its results show at once; the count waits for the whole.
  function showResults(mine, state, main, whole) {
    var ordered = state.sort === "near" && position ? nearestFirst(main.results) : Promise.resolve(main.results);
    return ordered.then(function (found) {
      if (mine !== run) { return null; }
      results = found;
      shown = [];
      var list = root.querySelector("[data-results]");
      return window.signpostPagefind.keepingPlace(list, function () {
        list.textContent = "";
        showChips(state);
        if (whole) { announce(main.results.length, state); } else {
          root.querySelector("[data-result-count]").textContent = "Still searching\u2026";
        }
        return showMore(true);
      }).then(function () {
        if (mine === run) { listed = mine; }
        if (!whole) { root.querySelector("[data-more]").hidden = true; }
      });
    });
  }

  function announce(count, state) {
    var words = count === 1 ? "1 activity matches" : count + " activities match";
    root.querySelector("[data-result-count]").textContent = words + (chips(state).length ? " your choices." : ".");
  }

  // ----- chips: the choices, each removable -----
  function labelOf(key, value) {
    var box = form.querySelector("input[name='" + key + "'][value='" + CSS.escape(value) + "']");
    return box ? box.closest("label").querySelector(".sp-facet__label").textContent : value;
  }

  function chips(state) {
    var list = [];
    if (state.q) { list.push({ key: "q", label: "Words: " + state.q }); }
    if (state.on) {
      list.push({ key: "on", label: { today: "On today", tomorrow: "Tomorrow", weekend: "This weekend" }[state.on] || state.on });
    }
    FACETS.forEach(function (key) {
      state[key].forEach(function (value) { list.push({ key: key, value: value, label: labelOf(key, value) }); });
    });
    if (state.age) { list.push({ key: "age", label: "Age " + state.age }); }
    return list;
  }

  function showChips(state) {
    var list = root.querySelector("[data-chips]");
    list.textContent = "";
    chips(state).forEach(function (chip) {
      var item = text("li");
      var button = text("button", "sp-chip", chip.label);
      button.type = "button";
      button.appendChild(text("span", "sp-visually-hidden", " (remove)"));
      button.appendChild(text("span", "sp-chip__x", " ×"));
      button.addEventListener("click", function () {
        var next = readState();
        if (chip.value === undefined) { next[chip.key] = ""; } else {
          next[chip.key] = next[chip.key].filter(function (v) { return v !== chip.value; });
        }
        change(next, true);
        form.querySelector("input, button").focus();
      });
      item.appendChild(button);
      list.appendChild(item);
    });
    root.querySelector("[data-tools]").hidden = false;
    root.querySelector("[data-clear]").hidden = !chips(state).length;
  }

  // ----- wiring -----
  var typing = null;
  form.addEventListener("change", function (event) {
    if (event.target.name === "q") { return; }
    change(formState(), true);
  });
  form.elements.q.addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(function () { change(formState(), false); }, 350);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    change(formState(), true);
    root.querySelector("[data-result-count]").scrollIntoView({ block: "start" });
  });
  root.querySelectorAll("[data-on]").forEach(function (button) {
    button.addEventListener("click", function () {
      var state = formState();
      var choice = button.getAttribute("data-on");
      state.on = readState().on === choice ? "" : choice;
      change(state, true);
    });
  });
  root.querySelector("[data-clear]").addEventListener("click", function () {
    var state = readState();
    FACETS.forEach(function (key) { state[key] = []; });
    state.q = state.age = state.on = "";
    change(state, true);
    form.elements.q.focus();
  });
  root.querySelector("[data-near]").addEventListener("click", function () {
    var state = formState();
    var note = root.querySelector("[data-near-note]");
    if (readState().sort === "near") { state.sort = ""; change(state, true); return; }
    if (!navigator.geolocation) { note.textContent = "This browser cannot tell where you are."; return; }
    note.textContent = "Asking your browser where you are. This stays on your device.";
    navigator.geolocation.getCurrentPosition(function (found) {
      // Used here only, to sort: never stored, never sent anywhere.
      position = { latitude: found.coords.latitude, longitude: found.coords.longitude };
      note.textContent = "";
      state.sort = "near";
      change(state, true);
    }, function () {
      note.textContent = "Your browser did not share where you are, so the list stays in name order.";
    }, { maximumAge: 600000, timeout: 15000 });
  });
  // One page at a time: a second quick press, before the first page is
  // drawn, would start from the same place and draw that page twice. Kept
  // per list (the update it was pressed for): a new list's button works at once.
  var adding = null;
  root.querySelector("[data-more]").addEventListener("click", function () {
    if (adding === run) { return; }
    var mine = adding = run;
    var before = shown.length;
    var done = function () { if (adding === mine) { adding = null; } };
    showMore().then(function () {
      var first = root.querySelectorAll("[data-results] > li")[before];
      if (first) { first.querySelector("a").focus(); }
    }).then(done, done);
  });
  window.addEventListener("popstate", function () { var state = readState(); showState(state); update(state); });

  var everyFilter = null;
  function allFilters() {
    // Every facet's filter index, loaded once, after the first results.
    everyFilter = everyFilter || pagefind.filters();
    return everyFilter;
  }

  var state = readState();
  // Sorting by distance needs asking again; the address is written in one order.
  state.sort = state.sort === "near" ? "" : state.sort;
  window.history.replaceState(null, "", address(state));
  showState(state);
  update(state);
})();
