// The find page: filters kept in the address (read and written by
// find-query.js), counts beside every option, results from the same
// Pagefind index as the site search, each drawn by card.js.
import { findCard, html, toElement } from "./card.js";
import { DAYS, FACETS, filtersFor, queryOf, readState, TIMES } from "./find-query.js";
import { inStages, keepingPlace } from "./pagefind-loader.js";

const PAGE = 10;
const NEAR_LIMIT = 300;

// Without its element the page stays as it is without JavaScript: links to browse.
const found = document.querySelector("[data-find]");
if (found) {
  findPage(found);
}

function findPage(root) {
  const form = root.querySelector("form");
  // The controls work only with this script, so they appear only with it.
  root.querySelectorAll("[data-needs-script]").forEach((part) => {
    part.hidden = false;
  });
  const every = root.getAttribute("data-every");
  // Absolute: import() inside this file would resolve against the script's own address.
  const bundle = new URL(root.getAttribute("data-bundle"), window.location.href).href;
  const siteRoot = root.getAttribute("data-root");
  let pagefind = null; // Pagefind's API, once loaded (see update)
  let shown = [];
  let results = [];
  let position = null;
  let run = 0;
  let listed = 0; // the update whose list is drawn (see showMore)

  // ----- state <-> address <-> form -----
  function addressState() {
    return readState(window.location.search);
  }

  function address(chosen) {
    return window.location.pathname + queryOf(chosen);
  }

  function formState() {
    const state = {
      q: form.elements.q.value.trim(),
      age: form.elements.age.value.trim(),
      on: addressState().on,
      sort: addressState().sort,
    };
    FACETS.forEach((key) => {
      state[key] = Array.prototype.filter
        .call(form.querySelectorAll(`input[name='${key}']`), (box) => box.checked)
        .map((box) => box.value);
    });
    return state;
  }

  function showState(state) {
    form.elements.q.value = state.q;
    form.elements.age.value = state.age;
    FACETS.forEach((key) => {
      form.querySelectorAll(`input[name='${key}']`).forEach((box) => {
        box.checked = state[key].indexOf(box.value) !== -1;
      });
    });
    root.querySelectorAll("[data-on]").forEach((button) => {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-on") === state.on));
    });
    root.querySelector("[data-near]").setAttribute("aria-pressed", String(state.sort === "near"));
    root.querySelectorAll("[data-facet]").forEach((facet) => {
      const key = facet.getAttribute("data-facet");
      const chosen = key === "age" ? (state.age ? 1 : 0) : state[key].length;
      facet.querySelector("[data-chosen-count]").textContent = chosen ? ` (${chosen} chosen)` : "";
      if (chosen) {
        facet.open = true;
      }
    });
  }

  function change(state, push) {
    const target = address(state);
    if (target !== window.location.pathname + window.location.search) {
      window.history[push ? "pushState" : "replaceState"](null, "", target);
    }
    showState(state);
    update(state);
  }

  // ----- searching -----
  function search(state, omit) {
    // With no words, search for the word every activity page carries: the
    // same pages as a filters-only search, without loading the whole index.
    return pagefind.search(state.q || every, {
      filters: filtersFor(state, omit, new Date()),
      sort: state.q ? undefined : { name: "asc" },
    });
  }

  // ----- counts beside each option -----
  function countsFor(state) {
    // Searched again now that every facet's filters are loaded, so the
    // response counts them all.
    const main = search(state);
    // An option's count: how many results there would be with it chosen,
    // given every other facet's choices.
    const jobs = FACETS.map((key) => {
      if (key === "day" || key === "time") {
        return sessionCounts(state, key);
      }
      if (!state[key].length) {
        return main.then((found) => found.filters[key] || {});
      }
      return search(state, key).then((found) => found.filters[key] || {});
    });
    return Promise.all(jobs).then((lists) => {
      const counts = {};
      FACETS.forEach((key, index) => {
        counts[key] = lists[index];
      });
      return counts;
    });
  }

  function sessionCounts(state, key) {
    // Day and time belong to one session, so each option is counted exactly
    // with its own search (seven days, three times of day).
    const options = key === "day" ? DAYS : TIMES;
    return Promise.all(
      options.map((value) => {
        const trial = Object.assign({}, state);
        trial[key] = [value];
        return search(trial).then((found) => found.results.length);
      }),
    ).then((numbers) => {
      const counts = {};
      options.forEach((value, index) => {
        counts[value] = numbers[index];
      });
      return counts;
    });
  }

  function showCounts(counts) {
    root.querySelectorAll("[data-count]").forEach((slot) => {
      const parts = slot.getAttribute("data-count").split(":");
      const number = counts[parts[0]]?.[parts[1]] || 0;
      slot.textContent = `(${number})`;
      slot.closest("label").classList.toggle("sp-facet--none", number === 0);
    });
  }

  // ----- results -----

  // fresh: the first page of a new list. "Show more" does nothing until that
  // page is drawn: the list on show would be an old one, or half drawn.
  function showMore(fresh) {
    if (!fresh && listed !== run) {
      return Promise.resolve();
    }
    const list = root.querySelector("[data-results]");
    const next = results.slice(shown.length, shown.length + PAGE);
    const mine = run;
    return Promise.all(next.map((result) => (result.data ? result.data() : result))).then((items) => {
      if (mine !== run) {
        return;
      }
      items.forEach((data) => {
        shown.push(data);
        list.appendChild(toElement(findCard(data)));
      });
      root.querySelector("[data-more]").hidden = shown.length >= results.length;
    });
  }

  function miles(from, data) {
    const lat = parseFloat(data.meta.latitude),
      lon = parseFloat(data.meta.longitude);
    if (Number.isNaN(lat) || Number.isNaN(lon)) {
      return null;
    }
    const rad = Math.PI / 180,
      dLat = (lat - from.latitude) * rad,
      dLon = (lon - from.longitude) * rad;
    const h = Math.sin(dLat / 2) ** 2 + Math.cos(from.latitude * rad) * Math.cos(lat * rad) * Math.sin(dLon / 2) ** 2;
    return 3958.8 * 2 * Math.asin(Math.sqrt(h));
  }

  function nearestFirst(found) {
    // Sorting needs each result's place, so only the first few hundred are
    // sorted; the note asks for a narrower choice when there are more.
    const note = root.querySelector("[data-near-note]");
    const sample = found.slice(0, NEAR_LIMIT);
    return Promise.all(sample.map((result) => result.data())).then((items) => {
      items.forEach((data) => {
        data.distance = miles(position, data);
      });
      items.sort((a, b) => {
        if (a.distance === null || b.distance === null) {
          return (a.distance === null) - (b.distance === null);
        }
        return a.distance - b.distance;
      });
      note.textContent =
        found.length > NEAR_LIMIT
          ? `Sorted the first ${NEAR_LIMIT} by distance: choose an area or a day to narrow the list.`
          : "";
      return items;
    });
  }

  // ----- one update -----
  function update(state) {
    const mine = ++run;
    // data-ready names the address whose results are all shown (tests and
    // anything else waiting on the list can watch it).
    root.removeAttribute("data-ready");
    // pagefind-loader.js brings in the index's shards.
    inStages(
      bundle,
      siteRoot,
      {},
      (api) => {
        pagefind = api;
        return search(state);
      },
      (main, whole) => {
        if (mine !== run) {
          return null;
        }
        if (whole || main?.results.length) {
          return showResults(mine, state, main, whole);
        }
        // No early answer (or nothing in the first part): clear the last list.
        root.querySelector("[data-results]").textContent = "";
        root.querySelector("[data-more]").hidden = true;
        root.querySelector("[data-result-count]").textContent = "Still searching\u2026";
        return null;
      },
    )
      .then(() => {
        // The counts beside the options need every facet's filters: loaded
        // once the whole index has answered.
        return mine === run ? allFilters().then(() => countsFor(state)) : null;
      })
      .then((counts) => {
        if (mine !== run || !counts) {
          return;
        }
        showCounts(counts);
        root.setAttribute("data-ready", address(state));
      })
      .catch(() => {
        if (mine !== run) {
          return;
        }
        // Early results from the first part of the index are right, as far as
        // they go: keep them, and say that they may not be all.
        const partly = listed === mine; // this update's first part was drawn
        root.querySelector("[data-result-count]").textContent = partly
          ? "Only part of the list could be loaded, so it may not show every activity that matches. Reload the page to try again."
          : "Sorry, this list is not working at the moment. You can browse by type, area or day instead.";
      });
  }

  // On a large site the first part of the index answers before the whole
  // (whole = false): its results show at once; the count waits for the whole.
  function showResults(mine, state, main, whole) {
    const ordered = state.sort === "near" && position ? nearestFirst(main.results) : Promise.resolve(main.results);
    return ordered.then((found) => {
      if (mine !== run) {
        return null;
      }
      results = found;
      shown = [];
      const list = root.querySelector("[data-results]");
      return keepingPlace(list, () => {
        list.textContent = "";
        showChips(state);
        if (whole) {
          announce(main.results.length, state);
        } else {
          root.querySelector("[data-result-count]").textContent = "Still searching\u2026";
        }
        return showMore(true);
      }).then(() => {
        if (mine === run) {
          listed = mine;
        }
        if (!whole) {
          root.querySelector("[data-more]").hidden = true;
        }
      });
    });
  }

  function announce(count, state) {
    const words = count === 1 ? "1 activity matches" : `${count} activities match`;
    root.querySelector("[data-result-count]").textContent = words + (chips(state).length ? " your choices." : ".");
  }

  // ----- chips: the choices, each removable -----
  function labelOf(key, value) {
    const box = form.querySelector(`input[name='${key}'][value='${CSS.escape(value)}']`);
    return box ? box.closest("label").querySelector(".sp-facet__label").textContent : value;
  }

  function chips(state) {
    const list = [];
    if (state.q) {
      list.push({ key: "q", label: `Words: ${state.q}` });
    }
    if (state.on) {
      list.push({ key: "on", label: { today: "On today", tomorrow: "Tomorrow", weekend: "This weekend" }[state.on] || state.on });
    }
    FACETS.forEach((key) => {
      state[key].forEach((value) => {
        list.push({ key: key, value: value, label: labelOf(key, value) });
      });
    });
    if (state.age) {
      list.push({ key: "age", label: `Age ${state.age}` });
    }
    return list;
  }

  function showChips(state) {
    const list = root.querySelector("[data-chips]");
    list.textContent = "";
    chips(state).forEach((chip) => {
      const item = toElement(
        html`<li><button class="sp-chip" type="button">${chip.label}<span class="sp-visually-hidden"> (remove)</span><span class="sp-chip__x"> ×</span></button></li>`,
      );
      const button = item.firstElementChild;
      button.addEventListener("click", () => {
        const next = addressState();
        if (chip.value === undefined) {
          next[chip.key] = "";
        } else {
          next[chip.key] = next[chip.key].filter((v) => v !== chip.value);
        }
        change(next, true);
        form.querySelector("input, button").focus();
      });
      list.appendChild(item);
    });
    root.querySelector("[data-tools]").hidden = false;
    root.querySelector("[data-clear]").hidden = !chips(state).length;
  }

  // ----- wiring -----
  let typing = null;
  form.addEventListener("change", (event) => {
    if (event.target.name === "q") {
      return;
    }
    change(formState(), true);
  });
  form.elements.q.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      change(formState(), false);
    }, 350);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    change(formState(), true);
    root.querySelector("[data-result-count]").scrollIntoView({ block: "start" });
  });
  root.querySelectorAll("[data-on]").forEach((button) => {
    button.addEventListener("click", () => {
      const state = formState();
      const choice = button.getAttribute("data-on");
      state.on = addressState().on === choice ? "" : choice;
      change(state, true);
    });
  });
  root.querySelector("[data-clear]").addEventListener("click", () => {
    const state = addressState();
    FACETS.forEach((key) => {
      state[key] = [];
    });
    state.q = state.age = state.on = "";
    change(state, true);
    form.elements.q.focus();
  });
  root.querySelector("[data-near]").addEventListener("click", () => {
    const state = formState();
    const note = root.querySelector("[data-near-note]");
    if (addressState().sort === "near") {
      state.sort = "";
      change(state, true);
      return;
    }
    if (!navigator.geolocation) {
      note.textContent = "This browser cannot tell where you are.";
      return;
    }
    note.textContent = "Asking your browser where you are. This stays on your device.";
    navigator.geolocation.getCurrentPosition(
      (found) => {
        // Used here only, to sort: never stored, never sent anywhere.
        position = { latitude: found.coords.latitude, longitude: found.coords.longitude };
        note.textContent = "";
        state.sort = "near";
        change(state, true);
      },
      () => {
        note.textContent = "Your browser did not share where you are, so the list stays in name order.";
      },
      { maximumAge: 600000, timeout: 15000 },
    );
  });
  // One page at a time: a second quick press, before the first page is
  // drawn, would start from the same place and draw that page twice. Kept
  // per list (the update it was pressed for): a new list's button works at once.
  let adding = null;
  root.querySelector("[data-more]").addEventListener("click", () => {
    if (adding === run) {
      return;
    }
    const mine = run;
    adding = run;
    const before = shown.length;
    const done = () => {
      if (adding === mine) {
        adding = null;
      }
    };
    showMore()
      .then(() => {
        const first = root.querySelectorAll("[data-results] > li")[before];
        if (first) {
          first.querySelector("a").focus();
        }
      })
      .then(done, done);
  });
  window.addEventListener("popstate", () => {
    const state = addressState();
    showState(state);
    update(state);
  });

  let everyFilter = null;
  function allFilters() {
    // Every facet's filter index, loaded once, after the first results.
    everyFilter = everyFilter || pagefind.filters();
    return everyFilter;
  }

  const state = addressState();
  // Sorting by distance needs asking again; the address is written in one order.
  state.sort = state.sort === "near" ? "" : state.sort;
  window.history.replaceState(null, "", address(state));
  showState(state);
  update(state);
}
