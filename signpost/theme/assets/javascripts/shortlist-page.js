/* The /shortlist/ page: it lists the activities on the shortlist from each
   activity's card.json, and offers Remove, Clear, Print and Share. A shared
   address (/shortlist/?items=a,b,c) shows that list and offers to save it.

   Loaded by templates/signpost/shortlist.html only, after shortlist-view.js
   (how the page looks), so other pages do not download either. The list
   itself, the buttons, the header's count and the spoken messages belong to
   shortlist.js (on every page), reached through window.signpostShortlist.
   That script is at the end of the page and this one is in the content,
   before it; the page starts when both are there, whichever came first. */
(function () {
  "use strict";

  var doc = document;
  var core = null; /* window.signpostShortlist, once shortlist.js has run */

  /* The list in a shared address (?items=a,b,c), or null when there is none. */
  function sharedItems() {
    var params = new URLSearchParams(location.search);
    if (!params.has("items")) {
      return null;
    }
    return core.clean(
      (params.get("items") || "")
        .split(/[,\s]+/)
        .map(function (stem) {
          return stem.trim().toLowerCase();
        })
    );
  }

  function ShortlistPage(root) {
    this.root = root;
    this.mount = doc.getElementById("sp-shortlist") || root.appendChild(doc.createElement("div"));
    this.empty = root.querySelector("[data-shortlist-empty]");
    this.heading = root.querySelector("h1");
    this.title = this.heading ? this.heading.textContent : "Your shortlist";
    this.cardPattern = root.getAttribute("data-card") || core.BASE + "directory/STEM/card.json";
    this.pagePattern = root.getAttribute("data-page") || core.BASE + "directory/STEM/";
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
    return this.shared ? this.shared : core.items();
  };

  /* This page's own address, without a shared list. */
  ShortlistPage.prototype.ownAddress = function () {
    return location.href.split(/[?#]/)[0];
  };

  /* Where the same list opens in any browser: this page, or (from a file on disk) the public site. */
  ShortlistPage.prototype.shareAddress = function () {
    var address = /^https?:$/.test(location.protocol) ? this.ownAddress() : new URL("shortlist/", core.publicRoot).href;
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
      this.drawLoading();
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
      core.printFooter();
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
    var name = (this.cards[stem] && this.cards[stem].name) || core.name(stem) || stem;
    var next = entry ? entry.nextElementSibling || entry.previousElementSibling : null;
    core.reload(); /* another tab may have changed it */
    core.remove(stem);
    var n = core.items().length;
    core.speak("Removed " + name + " from your shortlist. " + (n ? core.count(n) + "." : "Your shortlist is empty."));
    if (entry && n) {
      entry.parentNode.removeChild(entry);
      this.rendered = "own:" + core.items().join(",");
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
    var n = core.items().length;
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
    core.clear();
    core.speak("Your shortlist is empty now.");
    this.refresh(function () {
      self.intro.focus();
    });
  };

  ShortlistPage.prototype.save = function () {
    var self = this;
    core.reload();
    var before = core.items().length;
    this.shared.forEach(function (stem) {
      core.add(stem, self.cards[stem] && self.cards[stem].name);
    });
    var added = core.items().length - before;
    this.shared = null;
    if (window.history && history.replaceState) {
      history.replaceState(null, "", this.ownAddress());
    }
    var n = core.items().length;
    var message =
      (added ? "Saved " + core.count(added) + " to your shortlist." : "These were already on your shortlist.") +
      " It has " +
      core.count(n) +
      " now.";
    if (!core.saved()) {
      message += " This browser will not keep it after you leave this page.";
    }
    core.speak(message);
    this.refresh(function () {
      if (self.heading) {
        self.heading.focus();
      }
    });
  };

  /* ----------------------------------------------------------------- start */

  function start() {
    core = window.signpostShortlist;
    var root = doc.querySelector("[data-shortlist-page]");
    if (!root || !window.signpostShortlistView) {
      return;
    }
    /* draw(), entry(), updateIntro(), updateShare(), drawLoading(). */
    Object.assign(ShortlistPage.prototype, window.signpostShortlistView(core));
    core.registerPage(new ShortlistPage(root));
    var link = doc.querySelector(".sp-header__shortlist");
    if (link) {
      link.setAttribute("aria-current", "page");
    }
  }

  if (window.signpostShortlist && window.signpostShortlist.registerPage) {
    start();
  } else {
    /* shortlist.js calls it once it has loaded the list. */
    window.signpostShortlistWaiting = (window.signpostShortlistWaiting || []).concat([start]);
  }
})();
