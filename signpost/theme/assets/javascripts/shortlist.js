/* Signpost's shortlist, and the small print helpers every page needs.

   - Every "Add to shortlist" button (button[data-shortlist="STEM"]) on any
     page, including ones added later (the find page), toggles that activity
     on the shortlist. The list is a list of stems, in the order they were
     added, kept in this browser's localStorage (or, where the browser will
     not keep it, in this page only).
   - The header's [data-shortlist-count] shows how many are on the list, and
     a polite live region says what changed.
   - For print: the site's name, address and the date go in the page footer,
     and each listing card gets its full web address written out.

   The /shortlist/ page itself (Remove, Clear, Print, Share, a shared list)
   is shortlist-page.js, loaded by that page only, so every other page loads
   less. It works through window.signpostShortlist, set up at the end here.

   No third-party code, no inline script: this file is listed in mkdocs.yml
   (extra_javascript) and so loads at the end of every page. */
(function () {
  "use strict";

  var STEM = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var MAX_ITEMS = 100;
  var doc = document;

  /* ---------------------------------------------------------------- where */

  function siteBase() {
    var page = doc.querySelector("[data-shortlist-page]");
    if (page && page.getAttribute("data-root")) {
      return page.getAttribute("data-root");
    }
    var config = doc.getElementById("__config");
    if (config) {
      try {
        var base = JSON.parse(config.textContent).base;
        if (typeof base === "string" && base) {
          return base;
        }
      } catch (error) {
        /* fall through */
      }
    }
    return "./";
  }

  function asFolder(path) {
    return /\/$/.test(path) ? path : path + "/";
  }

  var BASE = asFolder(siteBase());
  /* The site's root as this browser reached it (a preview, a mirror or the real site). */
  var localRoot = new URL(BASE, location.href);
  /* The site's public root, from the page's canonical address, for print. */
  var publicRoot = (function () {
    var link = doc.querySelector('link[rel="canonical"]');
    if (link && link.href && /^https?:/.test(link.href)) {
      try {
        return new URL(BASE, link.href);
      } catch (error) {
        /* fall through */
      }
    }
    return localRoot;
  })();

  function siteName() {
    var name = doc.querySelector(".sp-header__name");
    var text = name ? name.textContent.trim() : "";
    return text || doc.title.split(" - ").pop();
  }

  /* The public address of a link on this site (or its own address if elsewhere). */
  function publicAddress(href) {
    var target = new URL(href, location.href);
    if (target.origin !== localRoot.origin || target.pathname.indexOf(localRoot.pathname) !== 0) {
      return target.href;
    }
    return new URL(target.pathname.slice(localRoot.pathname.length) + target.search + target.hash, publicRoot).href;
  }

  function count(n) {
    return n + (n === 1 ? " activity" : " activities");
  }

  /* -------------------------------------------------------------- storage */

  var KEY = "signpost.shortlist:" + localRoot.pathname;
  var state = { items: [], names: {} };
  var saved = true; /* false once the browser refuses to keep the list */

  function clean(items) {
    var seen = {};
    var result = [];
    (Array.isArray(items) ? items : []).forEach(function (stem) {
      if (typeof stem === "string" && STEM.test(stem) && !seen[stem] && result.length < MAX_ITEMS) {
        seen[stem] = true;
        result.push(stem);
      }
    });
    return result;
  }

  function load() {
    if (!saved) {
      return;
    }
    try {
      var raw = window.localStorage.getItem(KEY);
      var data = raw ? JSON.parse(raw) : {};
      var items = Array.isArray(data) ? data : data.items;
      var names = data && typeof data.names === "object" && data.names ? data.names : {};
      state.items = clean(items);
      state.names = {};
      state.items.forEach(function (stem) {
        if (typeof names[stem] === "string") {
          state.names[stem] = names[stem].slice(0, 200);
        }
      });
    } catch (error) {
      saved = false; /* storage blocked, or what it held was not ours: keep what is in memory */
    }
  }

  function store() {
    try {
      window.localStorage.setItem(KEY, JSON.stringify({ items: state.items, names: state.names }));
      saved = true;
    } catch (error) {
      saved = false;
    }
  }

  function has(stem) {
    return state.items.indexOf(stem) !== -1;
  }

  /* Each change is saved at once and shown on every button and the count. */
  function add(stem, name) {
    if (!has(stem) && state.items.length < MAX_ITEMS) {
      state.items.push(stem);
    }
    if (name) {
      state.names[stem] = name;
    }
    store();
    sync();
  }

  function remove(stem) {
    state.items = state.items.filter(function (item) {
      return item !== stem;
    });
    delete state.names[stem];
    store();
    sync();
  }

  function clear() {
    state.items = [];
    state.names = {};
    store();
    sync();
  }

  /* ------------------------------------------------------------- speaking */

  var live = null;
  var speakTimer = null;

  /* The live region is there from the start: some screen readers ignore
     one that appears at the same moment as its first message. */
  function makeLiveRegion() {
    live = doc.createElement("div");
    live.className = "sp-visually-hidden";
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    live.setAttribute("data-shortlist-status", "");
    doc.body.appendChild(live);
  }

  function speak(message) {
    if (!live) {
      makeLiveRegion();
    }
    /* Empty first, so the same words said twice are still read out. */
    live.textContent = "";
    window.clearTimeout(speakTimer);
    speakTimer = window.setTimeout(function () {
      live.textContent = message;
    }, 100);
  }

  /* -------------------------------------------------- buttons and counter */

  function hiddenText(text) {
    var span = doc.createElement("span");
    span.className = "sp-visually-hidden";
    span.textContent = text;
    return span;
  }

  function buttonName(button) {
    var hidden = button.querySelector(".sp-visually-hidden");
    var text = hidden ? hidden.textContent : "";
    return text.replace(/^\s*:\s*/, "").trim() || button.getAttribute("data-shortlist-name") || "";
  }

  function syncButton(button) {
    var stem = button.getAttribute("data-shortlist");
    if (!STEM.test(stem || "")) {
      return;
    }
    var on = has(stem);
    var label = button.querySelector(".sp-shortlist-button__label");
    if (!label) {
      /* Wrap the words so they can change while the activity's name, read
         after them by screen readers, stays. */
      Array.prototype.slice.call(button.childNodes).forEach(function (node) {
        if (node.nodeType === 3) {
          button.removeChild(node);
        }
      });
      label = doc.createElement("span");
      label.className = "sp-shortlist-button__label";
      button.insertBefore(label, button.firstChild);
    }
    var wanted = on ? "on" : "off";
    if (label.getAttribute("data-state") !== wanted) {
      label.setAttribute("data-state", wanted);
      label.textContent = on ? "On your shortlist" : "Add to shortlist";
      if (on) {
        var tick = doc.createElement("span");
        tick.setAttribute("aria-hidden", "true");
        tick.textContent = " \u2713";
        label.appendChild(tick);
      }
    }
    if (button.getAttribute("aria-pressed") !== String(on)) {
      button.setAttribute("aria-pressed", String(on));
    }
    if (button.hidden) {
      button.hidden = false;
    }
  }

  function syncCount() {
    var n = state.items.length;
    Array.prototype.forEach.call(doc.querySelectorAll("[data-shortlist-count]"), function (badge) {
      badge.textContent = "";
      badge.hidden = n === 0;
      if (n > 0) {
        /* Read as "Shortlist, 3 activities"; seen as "Shortlist 3". */
        badge.appendChild(hiddenText(", "));
        badge.appendChild(doc.createTextNode(String(n)));
        badge.appendChild(hiddenText(n === 1 ? " activity" : " activities"));
      }
    });
  }

  function syncAll(root) {
    Array.prototype.forEach.call((root || doc).querySelectorAll("button[data-shortlist]"), syncButton);
  }

  function refresh() {
    load();
    sync();
    addPrintAddresses(doc);
    if (page) {
      page.refresh();
    }
  }

  function sync() {
    syncAll();
    syncCount();
  }

  doc.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-shortlist]") : null;
    if (!button) {
      return;
    }
    var stem = button.getAttribute("data-shortlist");
    if (!STEM.test(stem || "")) {
      return;
    }
    var name = buttonName(button) || stem;
    load(); /* another tab may have changed it */
    var message;
    if (has(stem)) {
      remove(stem);
      message = "Removed " + name + " from your shortlist. ";
    } else {
      add(stem, name);
      message = "Added " + name + " to your shortlist. ";
    }
    var n = state.items.length;
    message += n ? count(n) + "." : "Your shortlist is empty.";
    if (!saved) {
      message += " This browser will not keep it after you leave this page.";
    }
    speak(message);
  });

  /* -------------------------------------------------------------- printing */

  function today() {
    try {
      return new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
    } catch (error) {
      return new Date().toDateString();
    }
  }

  function cssString(text) {
    return '"' + String(text).replace(/[\\"]/g, "\\$&").replace(/[\r\n]+/g, " ") + '"';
  }

  /* What goes at the foot of every printed page: the site's name, the address
     to find it again and the date. Browsers that print CSS page-margin boxes
     show it on every page; others show the element at the end of the page. */
  function printFooter() {
    var where = doc.querySelector("[data-shortlist-page]") ? publicRoot.href : publicAddress(location.href.split("#")[0]);
    var text = siteName() + " \u00b7 " + where + " \u00b7 Printed " + today();
    doc.documentElement.style.setProperty("--sp-print-footer", cssString(text));
    if (!("CSSMarginRule" in window)) {
      doc.documentElement.classList.add("sp-no-margin-boxes");
    }
    var article = doc.querySelector(".md-content__inner") || doc.body;
    var footer = article.querySelector(".sp-print-footer");
    if (!footer) {
      footer = doc.createElement("p");
      footer.className = "sp-print-only sp-print-footer";
      article.appendChild(footer);
    }
    footer.textContent = text;
  }

  /* Paper has no links: write out the full address under each card's title,
     and mark outside links whose words already are their address. */
  function addPrintAddresses(root) {
    Array.prototype.forEach.call(root.querySelectorAll(".sp-card__title a[href]"), function (link) {
      var title = link.closest(".sp-card__title");
      var next = title.nextElementSibling;
      if (next && next.classList.contains("sp-print-address")) {
        return;
      }
      var address = doc.createElement("p");
      address.className = "sp-print-only sp-print-address";
      address.textContent = publicAddress(link.getAttribute("href"));
      title.parentNode.insertBefore(address, title.nextSibling);
    });
    Array.prototype.forEach.call(root.querySelectorAll('a[href^="http"]'), function (link) {
      var href = link.getAttribute("href");
      var words = link.textContent.trim();
      if (words === href || words + "/" === href || words === href.replace(/^https?:\/\//, "").replace(/\/$/, "")) {
        link.setAttribute("data-print-href", "shown");
      }
    });
  }

  window.addEventListener("beforeprint", printFooter);

  /* ----------------------------------------------------------------- start */

  var page = null; /* the /shortlist/ page, once shortlist-page.js registers it */

  load();
  makeLiveRegion();
  sync();
  addPrintAddresses(doc);
  printFooter();

  /* Buttons and cards added later (the find page's results) are set up as they arrive. */
  if ("MutationObserver" in window) {
    new MutationObserver(function (records) {
      records.forEach(function (record) {
        Array.prototype.forEach.call(record.addedNodes, function (node) {
          if (node.nodeType !== 1) {
            return;
          }
          if (node.matches("button[data-shortlist]")) {
            syncButton(node);
          }
          if (node.querySelector("button[data-shortlist], .sp-card__title a[href]")) {
            syncAll(node);
            addPrintAddresses(node);
          }
        });
      });
    }).observe(doc.body, { childList: true, subtree: true });
  }

  /* Another tab changed the list, or Back brought this page from the cache. */
  window.addEventListener("storage", function (event) {
    if (event.key === KEY || event.key === null) {
      refresh();
    }
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      refresh();
    }
  });

  /* What other scripts may use. The find page calls refresh() after adding
     results; shortlist-page.js builds the /shortlist/ page on the rest. The
     changes (add, remove, clear) save the list and bring every button and
     the header's count into step; saying what changed is left to the caller. */
  window.signpostShortlist = {
    refresh: refresh,
    /* The list as it stands (a copy); reload() first to see another tab's changes. */
    items: function () {
      return state.items.slice();
    },
    reload: load,
    has: has,
    /* The activity's name as it was when added, or "". */
    name: function (stem) {
      return state.names[stem] || "";
    },
    add: add,
    remove: remove,
    clear: clear,
    /* False when this browser will not keep the list after the page is left. */
    saved: function () {
      return saved;
    },
    /* Only well-formed stems, each once, at most MAX_ITEMS. */
    clean: clean,
    speak: speak,
    count: count,
    siteName: siteName,
    BASE: BASE,
    publicRoot: publicRoot,
    publicAddress: publicAddress,
    printFooter: printFooter,
    /* The /shortlist/ page: an object with refresh(), redrawn by refresh() above. */
    registerPage: function (shortlistPage) {
      page = shortlistPage;
    },
  };

  /* shortlist-page.js, when it ran first, left its start here to be called. */
  (window.signpostShortlistWaiting || []).forEach(function (start) {
    start();
  });
  window.signpostShortlistWaiting = [];
})();
