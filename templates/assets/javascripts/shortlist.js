/* Signpost's shortlist, and the small print helpers every page needs.

   - Every "Add to shortlist" button (button[data-shortlist="STEM"]) on any
     page, including ones added later (the find page), toggles that activity
     on the shortlist. The list is a list of stems, in the order they were
     added, kept in this browser's localStorage (or, where the browser will
     not keep it, in this page only).
   - The header's [data-shortlist-count] shows how many are on the list, and
     a polite live region says what changed.
   - The /shortlist/ page ([data-shortlist-page]) lists them from each
     activity's card.json, and offers Remove, Clear, Print and Share. A shared
     address (/shortlist/?items=a,b,c) shows that list and offers to save it.
   - For print: the site's name, address and the date go in the page footer,
     and each listing card gets its full web address written out.

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

  function add(stem, name) {
    if (!has(stem) && state.items.length < MAX_ITEMS) {
      state.items.push(stem);
    }
    if (name) {
      state.names[stem] = name;
    }
    store();
  }

  function remove(stem) {
    state.items = state.items.filter(function (item) {
      return item !== stem;
    });
    delete state.names[stem];
    store();
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
    syncAll();
    syncCount();
    addPrintAddresses(doc);
    if (page) {
      page.refresh();
    }
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
    syncAll();
    syncCount();
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

  /* ----------------------------------------------------- the shortlist page */

  function sharedItems() {
    var params = new URLSearchParams(location.search);
    if (!params.has("items")) {
      return null;
    }
    return clean(
      (params.get("items") || "")
        .split(/[,\s]+/)
        .map(function (stem) {
          return stem.trim().toLowerCase();
        })
    );
  }

  function element(tag, attributes, children) {
    var node = doc.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") {
        node.textContent = attributes[name];
      } else if (name === "hidden") {
        node.hidden = attributes[name];
      } else {
        node.setAttribute(name, attributes[name]);
      }
    });
    (children || []).forEach(function (child) {
      if (child) {
        node.appendChild(typeof child === "string" ? doc.createTextNode(child) : child);
      }
    });
    return node;
  }

  function button(label, attributes, hiddenWords) {
    var node = element("button", Object.assign({ type: "button", class: "md-button sp-button" }, attributes || {}), [label]);
    if (hiddenWords) {
      node.appendChild(hiddenText(hiddenWords));
    }
    return node;
  }

  /* Lines of text with <br> between them. */
  function lines(node, texts) {
    texts
      .filter(function (text) {
        return text;
      })
      .forEach(function (text, index) {
        if (index) {
          node.appendChild(doc.createElement("br"));
        }
        node.appendChild(typeof text === "string" ? doc.createTextNode(text) : text);
      });
    return node;
  }

  /* "Phone 01632 960 411" becomes a link to ring; so do email and web lines. */
  function contactLine(text) {
    var match = /^(Phone|Email|Web) (.+)$/.exec(text);
    if (!match) {
      return text;
    }
    var value = match[2];
    var href =
      match[1] === "Phone"
        ? "tel:" + value.replace(/[^0-9+]/g, "")
        : match[1] === "Email"
          ? "mailto:" + value
          : /^https?:\/\//.test(value)
            ? value
            : null;
    if (!href) {
      return text;
    }
    var span = element("span", {}, [match[1] + " "]);
    var link = element("a", { href: href, text: value });
    if (match[1] === "Web") {
      link.setAttribute("rel", "noopener");
      link.setAttribute("data-print-href", "shown");
    }
    span.appendChild(link);
    return span;
  }

  function fact(term, texts) {
    texts = texts.filter(function (text) {
      return text;
    });
    if (!texts.length) {
      return null;
    }
    return element("div", {}, [element("dt", { text: term }), lines(doc.createElement("dd"), texts)]);
  }

  function ShortlistPage(root) {
    this.root = root;
    this.mount = doc.getElementById("sp-shortlist") || root.appendChild(doc.createElement("div"));
    this.empty = root.querySelector("[data-shortlist-empty]");
    this.heading = root.querySelector("h1");
    this.title = this.heading ? this.heading.textContent : "Your shortlist";
    this.cardPattern = root.getAttribute("data-card") || BASE + "directory/STEM/card.json";
    this.pagePattern = root.getAttribute("data-page") || BASE + "directory/STEM/";
    this.cards = {}; /* stem -> card, or {missing: true} / {failed: true} */
    this.shared = sharedItems();
    this.rendered = null;
    var self = this;
    root.addEventListener("click", function (event) {
      self.click(event);
    });
    root.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && self.confirm && !self.confirm.hidden) {
        self.cancelClear();
      }
    });
    this.refresh();
  }

  ShortlistPage.prototype.items = function () {
    return this.shared ? this.shared : state.items;
  };

  /* This page's own address, without a shared list. */
  ShortlistPage.prototype.ownAddress = function () {
    return location.href.split(/[?#]/)[0];
  };

  /* Where the same list opens in any browser: this page, or (from a file on disk) the public site. */
  ShortlistPage.prototype.shareAddress = function () {
    var address = /^https?:$/.test(location.protocol) ? this.ownAddress() : new URL("shortlist/", publicRoot).href;
    return address + "?items=" + this.items().join(",");
  };

  ShortlistPage.prototype.cardAddress = function (stem) {
    return new URL(this.cardPattern.replace("STEM", stem), location.href).href;
  };

  /* The activity's page, as a link relative to this one (so print shows its public address, not this one). */
  ShortlistPage.prototype.pageLink = function (stem) {
    return this.pagePattern.replace("STEM", stem);
  };

  ShortlistPage.prototype.fetchCards = function (stems) {
    var self = this;
    return Promise.all(
      stems.map(function (stem) {
        if (self.cards[stem]) {
          return null;
        }
        return fetch(self.cardAddress(stem), { credentials: "same-origin" })
          .then(function (response) {
            if (response.status === 404 || response.status === 410) {
              return { missing: true };
            }
            if (!response.ok) {
              throw new Error("HTTP " + response.status);
            }
            return response.json();
          })
          .then(
            function (card) {
              self.cards[stem] = card && typeof card === "object" ? card : { missing: true };
            },
            function () {
              self.cards[stem] = { failed: true };
            }
          );
      })
    );
  };

  /* Draw the page for the current list (after fetching what it needs). */
  ShortlistPage.prototype.refresh = function (focus) {
    var self = this;
    var stems = this.items().slice();
    var key = (this.shared ? "shared:" : "own:") + stems.join(",");
    if (key === this.rendered && !focus) {
      return Promise.resolve();
    }
    this.mount.setAttribute("aria-busy", "true");
    if (this.rendered === null) {
      this.mount.textContent = "";
      this.mount.appendChild(element("p", { class: "sp-shortlist__loading", text: "Loading your shortlist\u2026" }));
    }
    return this.fetchCards(stems).then(function () {
      self.rendered = key;
      self.draw();
      /* What could not be fetched is tried again next time. */
      stems.forEach(function (stem) {
        if (self.cards[stem] && self.cards[stem].failed) {
          delete self.cards[stem];
        }
      });
      self.mount.removeAttribute("aria-busy");
      if (focus) {
        focus();
      }
    });
  };

  ShortlistPage.prototype.draw = function () {
    var self = this;
    var stems = this.items();
    var mount = this.mount;
    mount.textContent = "";
    if (this.heading) {
      this.heading.textContent = this.shared ? "A shortlist shared with you" : this.title;
    }

    var intro = element("p", { class: "sp-shortlist__intro", tabindex: "-1" });
    this.intro = intro;
    mount.appendChild(intro);

    if (this.shared) {
      var own = state.items.length;
      var mine = element("a", { href: this.ownAddress() }, [
        own ? "your own shortlist (" + count(own) + ")" : "your own shortlist",
      ]);
      mount.appendChild(
        element("p", { class: "sp-no-print" }, [
          "Someone has sent you this list. It is not saved in this browser until you press \u201cSave to my shortlist\u201d. You can also go to ",
          mine,
          ".",
        ])
      );
    } else if (!saved) {
      mount.appendChild(
        element("p", {
          class: "sp-notice sp-no-print",
          text: "This browser is not letting the site keep your shortlist, so it will be lost when you leave this page. To keep it, print it or share it.",
        })
      );
    }

    if (this.empty) {
      this.empty.hidden = stems.length > 0 || !!this.shared;
    }
    this.updateIntro();
    if (!stems.length) {
      if (this.shared) {
        mount.appendChild(
          element("p", {
            text: "This link has no activities in it. It may have been cut short when it was copied: ask for it again.",
          })
        );
      }
      return;
    }

    /* What you can do with the list. */
    var actions = element("div", { class: "sp-shortlist__actions sp-no-print" });
    if (this.shared) {
      actions.appendChild(button("Save to my shortlist", { "data-action": "save" }));
    }
    actions.appendChild(button("Print this list", { "data-action": "print" }));
    this.shareButton = button("Share this list", {
      "data-action": "share",
      "aria-expanded": "false",
      "aria-controls": "sp-shortlist-share",
    });
    actions.appendChild(this.shareButton);
    if (!this.shared) {
      this.clearButton = button("Clear the list", {
        "data-action": "clear",
        "aria-expanded": "false",
        "aria-controls": "sp-shortlist-confirm",
        class: "md-button sp-button sp-button--quiet",
      });
      actions.appendChild(this.clearButton);
    }
    mount.appendChild(actions);

    /* Confirming "Clear the list", in the page rather than a pop-up. */
    if (!this.shared) {
      this.confirm = element("div", { id: "sp-shortlist-confirm", class: "sp-shortlist__confirm sp-no-print", hidden: true }, [
        element("p", { id: "sp-shortlist-confirm-question", tabindex: "-1" }),
        element("div", { class: "sp-shortlist__buttons" }, [
          button("Yes, clear the list", { "data-action": "clear-yes" }),
          button("No, keep it", { "data-action": "clear-no", class: "md-button sp-button sp-button--quiet" }),
        ]),
      ]);
      this.confirm.setAttribute("role", "group");
      this.confirm.setAttribute("aria-labelledby", "sp-shortlist-confirm-question");
      mount.appendChild(this.confirm);
    } else {
      this.confirm = null;
    }

    /* Sharing: an address, a copy button and an email link. */
    this.addressInput = element("input", {
      id: "sp-shortlist-address",
      type: "text",
      readonly: "",
      class: "sp-shortlist__address",
      spellcheck: "false",
      autocomplete: "off",
    });
    this.email = element("a", { class: "md-button sp-button", "data-action": "email" }, ["Email this list"]);
    this.copyStatus = element("p", { class: "sp-shortlist__copied", "aria-live": "polite" });
    var shareButtons = element("div", { class: "sp-shortlist__buttons" }, [
      button("Copy link", { "data-action": "copy" }),
      this.email,
      typeof navigator.share === "function" ? button("Send with another app", { "data-action": "send" }) : null,
    ]);
    this.sharePanel = element("div", { id: "sp-shortlist-share", class: "sp-shortlist__share sp-no-print", hidden: true }, [
      element("h2", { text: "Share this list" }),
      element("p", {
        text: "Anyone who opens this address sees the same list, and can print it or save it to their own shortlist. It does not say who made it.",
      }),
      element("label", { for: "sp-shortlist-address", text: "Address of this list" }),
      this.addressInput,
      shareButtons,
      this.copyStatus,
    ]);
    mount.appendChild(this.sharePanel);

    /* The list itself. */
    var list = element("ol", { class: "sp-shortlist__list", "aria-label": this.shared ? "Shared shortlist" : "Your shortlist" });
    stems.forEach(function (stem) {
      list.appendChild(self.entry(stem));
    });
    this.list = list;
    mount.appendChild(list);
    this.updateShare();
  };

  ShortlistPage.prototype.updateIntro = function () {
    var n = this.items().length;
    var text;
    if (this.shared) {
      text = n ? count(n) + " on this list." : "";
    } else if (!n) {
      text = "Your shortlist is empty.";
    } else {
      text = count(n) + ", in the order you added them. The list is kept in this browser only, so print it or share it to keep it.";
    }
    this.intro.textContent = text;
    this.intro.hidden = !text;
  };

  ShortlistPage.prototype.updateShare = function () {
    if (!this.addressInput) {
      return;
    }
    var address = this.shareAddress();
    this.addressInput.value = address;
    var stems = this.items();
    var self = this;
    var names = stems
      .map(function (stem, index) {
        var card = self.cards[stem] || {};
        var name = card.name || state.names[stem] || stem;
        var when = card.when && card.when.length ? " \u2013 " + card.when[0] : "";
        return index + 1 + ". " + name + when;
      })
      .join("\n");
    var subject = "Shortlist of activities from " + siteName();
    var body = names + "\n\nOpen the list (and print it) here:\n" + address + "\n";
    if (body.length > 1500) {
      body = "Open the list (and print it) here:\n" + address + "\n";
    }
    this.email.setAttribute("href", "mailto:?subject=" + encodeURIComponent(subject) + "&body=" + encodeURIComponent(body));
  };

  ShortlistPage.prototype.entry = function (stem) {
    var card = this.cards[stem] || { failed: true };
    var name = card.name || state.names[stem] || stem.replace(/-/g, " ");
    var item = element("li", { class: "sp-card sp-shortlist__item", "data-stem": stem });
    var heading = element("h2", { class: "sp-card__title" });
    item.appendChild(heading);

    if (card.missing || card.failed) {
      item.classList.add(card.missing ? "sp-shortlist__item--gone" : "sp-shortlist__item--failed");
      heading.textContent = name;
      item.appendChild(
        element("p", {}, [
          card.missing
            ? "This activity is no longer listed on the site. It may have closed or been taken off."
            : "The details of this activity could not be loaded just now. Check your connection and reload the page, or ",
          card.missing ? null : element("a", { href: this.pageLink(stem), text: "open its page" }),
          card.missing ? null : ".",
        ])
      );
    } else {
      var page = this.pageLink(stem);
      heading.appendChild(element("a", { href: page, text: name }));
      item.appendChild(element("p", { class: "sp-print-only sp-print-address", text: publicAddress(page) }));
      if (card.status) {
        item.appendChild(element("p", { class: "sp-badge", text: card.status }));
      }
      var when = (card.when || []).slice();
      if (card.when_note) {
        when.push(card.when_note);
      }
      if (card.next_dates && card.next_dates.length) {
        when.push("Next: " + card.next_dates.join(", "));
      }
      var contact = (card.contact || []).map(contactLine);
      var facts = element("dl", { class: "sp-card__facts sp-shortlist__facts" }, [
        fact("When", when),
        fact("Where", [card.address || card.where, card.buses]),
        fact("Cost", [card.cost]),
        fact("First visit", [(card.first_visit || []).join(". ") + ((card.first_visit || []).length ? "." : "")]),
        fact("New people", [card.taking]),
        fact("Contact", contact),
      ]);
      item.appendChild(facts);
      item.appendChild(element("div", { class: "sp-print-only sp-notes", "aria-hidden": "true" }, [element("span", { text: "Notes" })]));
    }
    if (!this.shared) {
      item.appendChild(
        button("Remove", { "data-action": "remove", "data-stem": stem, class: "md-button sp-button sp-button--quiet sp-no-print" }, ": " + name)
      );
    }
    return item;
  };

  ShortlistPage.prototype.click = function (event) {
    var target = event.target.closest ? event.target.closest("[data-action]") : null;
    if (!target || !this.root.contains(target)) {
      return;
    }
    var action = target.getAttribute("data-action");
    if (action === "email") {
      return; /* an ordinary mailto: link */
    }
    event.preventDefault();
    if (action === "print") {
      printFooter();
      window.print();
    } else if (action === "share") {
      this.toggleShare();
    } else if (action === "copy") {
      this.copy();
    } else if (action === "send") {
      navigator.share({ title: doc.title, url: this.shareAddress() }).catch(function () {});
    } else if (action === "remove") {
      this.remove(target.getAttribute("data-stem"));
    } else if (action === "clear") {
      this.askClear();
    } else if (action === "clear-yes") {
      this.clear();
    } else if (action === "clear-no") {
      this.cancelClear();
    } else if (action === "save") {
      this.save();
    }
  };

  ShortlistPage.prototype.toggleShare = function () {
    var open = this.sharePanel.hidden;
    this.sharePanel.hidden = !open;
    this.shareButton.setAttribute("aria-expanded", String(open));
    if (open) {
      this.updateShare();
      this.addressInput.focus();
      this.addressInput.select();
    }
  };

  ShortlistPage.prototype.copy = function () {
    var self = this;
    var address = this.shareAddress();
    function selectIt(message) {
      self.addressInput.focus();
      self.addressInput.select();
      self.copyStatus.textContent = message;
    }
    function fallback() {
      var copied = false;
      try {
        self.addressInput.focus();
        self.addressInput.select();
        copied = doc.execCommand && doc.execCommand("copy");
      } catch (error) {
        copied = false;
      }
      selectIt(copied ? "Link copied." : "The link is selected: press Ctrl and C (or \u2318 and C) to copy it.");
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(address).then(function () {
        self.copyStatus.textContent = "Link copied. You can paste it into an email or a message.";
      }, fallback);
    } else {
      fallback();
    }
  };

  ShortlistPage.prototype.remove = function (stem) {
    var entry = this.list ? this.list.querySelector('li[data-stem="' + stem + '"]') : null;
    var name = (this.cards[stem] && this.cards[stem].name) || state.names[stem] || stem;
    var next = entry ? entry.nextElementSibling || entry.previousElementSibling : null;
    load();
    remove(stem);
    syncAll();
    syncCount();
    var n = state.items.length;
    speak("Removed " + name + " from your shortlist. " + (n ? count(n) + "." : "Your shortlist is empty."));
    if (entry && n) {
      entry.parentNode.removeChild(entry);
      this.rendered = "own:" + state.items.join(",");
      this.updateIntro();
      this.updateShare();
      var focus = next && next.querySelector('[data-action="remove"]');
      (focus || this.intro).focus();
    } else {
      var self = this;
      this.refresh(function () {
        self.intro.focus();
      });
    }
  };

  ShortlistPage.prototype.askClear = function () {
    var n = state.items.length;
    this.confirm.querySelector("p").textContent =
      "Take " + (n === 1 ? "the 1 activity" : "all " + n + " activities") + " off your shortlist? This cannot be undone.";
    this.confirm.hidden = false;
    this.clearButton.setAttribute("aria-expanded", "true");
    this.confirm.querySelector("p").focus();
  };

  ShortlistPage.prototype.cancelClear = function () {
    this.confirm.hidden = true;
    this.clearButton.setAttribute("aria-expanded", "false");
    this.clearButton.focus();
  };

  ShortlistPage.prototype.clear = function () {
    var self = this;
    state.items = [];
    state.names = {};
    store();
    syncAll();
    syncCount();
    speak("Your shortlist is empty now.");
    this.refresh(function () {
      self.intro.focus();
    });
  };

  ShortlistPage.prototype.save = function () {
    var self = this;
    load();
    var before = state.items.length;
    this.shared.forEach(function (stem) {
      add(stem, self.cards[stem] && self.cards[stem].name);
    });
    var added = state.items.length - before;
    syncAll();
    syncCount();
    this.shared = null;
    if (window.history && history.replaceState) {
      history.replaceState(null, "", this.ownAddress());
    }
    var n = state.items.length;
    var message =
      (added ? "Saved " + count(added) + " to your shortlist." : "These were already on your shortlist.") +
      " It has " +
      count(n) +
      " now.";
    if (!saved) {
      message += " This browser will not keep it after you leave this page.";
    }
    speak(message);
    this.refresh(function () {
      if (self.heading) {
        self.heading.focus();
      }
    });
  };

  /* ----------------------------------------------------------------- start */

  var page = null;

  load();
  makeLiveRegion();
  syncAll();
  syncCount();
  addPrintAddresses(doc);
  printFooter();

  var root = doc.querySelector("[data-shortlist-page]");
  if (root) {
    page = new ShortlistPage(root);
    var link = doc.querySelector(".sp-header__shortlist");
    if (link) {
      link.setAttribute("aria-current", "page");
    }
  }

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

  window.signpostShortlist = {
    refresh: refresh,
    items: function () {
      return state.items.slice();
    },
  };
})();
