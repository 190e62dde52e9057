/* The /shortlist/ page: it lists the activities on the shortlist from each
   activity's card.json, and offers Remove, Clear, Print and Share. A shared
   address (/shortlist/?items=a,b,c) shows that list and offers to save it.

   Loaded by signpost/theme/signpost/shortlist.html only, so other pages do not
   download it or shortlist-view.js (how the page looks). The list itself,
   the buttons, the header's count and the spoken messages belong to
   shortlist.js (on every page), imported here as `core`: a module runs
   once however many pages import it, so both share the one list. */
import * as core from "./shortlist.js";
import { view } from "./shortlist-view.js";

const doc = document;

/* The list in a shared address (?items=a,b,c), or null when there is none. */
function sharedItems() {
  const params = new URLSearchParams(location.search);
  if (!params.has("items")) {
    return null;
  }
  return core.clean((params.get("items") || "").split(/[,\s]+/).map((stem) => stem.trim().toLowerCase()));
}

function ShortlistPage(root) {
  this.root = root;
  this.mount = doc.getElementById("sp-shortlist") || root.appendChild(doc.createElement("div"));
  this.empty = root.querySelector("[data-shortlist-empty]");
  this.heading = root.querySelector("h1");
  this.title = this.heading ? this.heading.textContent : "Your shortlist";
  this.cardPattern = root.getAttribute("data-card") || `${core.BASE}directory/STEM/card.json`;
  this.pagePattern = root.getAttribute("data-page") || `${core.BASE}directory/STEM/`;
  this.cards = {}; /* stem -> card, or {missing: true} / {failed: true} */
  this.shared = sharedItems();
  this.rendered = null;
  root.addEventListener("click", (event) => {
    this.click(event);
  });
  root.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && this.confirm && !this.confirm.hidden) {
      this.cancelClear();
    }
  });
  this.refresh();
}

ShortlistPage.prototype.items = function () {
  return this.shared ? this.shared : core.items();
};

/* This page's own address, without a shared list. */
ShortlistPage.prototype.ownAddress = () => location.href.split(/[?#]/)[0];

/* Where the same list opens in any browser: this page, or (from a file on disk) the public site. */
ShortlistPage.prototype.shareAddress = function () {
  const address = /^https?:$/.test(location.protocol) ? this.ownAddress() : new URL("shortlist/", core.publicRoot).href;
  return `${address}?items=${this.items().join(",")}`;
};

ShortlistPage.prototype.cardAddress = function (stem) {
  return new URL(this.cardPattern.replace("STEM", stem), location.href).href;
};

/* The activity's page, as a link relative to this one (so print shows its public address, not this one). */
ShortlistPage.prototype.pageLink = function (stem) {
  return this.pagePattern.replace("STEM", stem);
};

ShortlistPage.prototype.fetchCards = function (stems) {
  return Promise.all(
    stems.map((stem) => {
      if (this.cards[stem]) {
        return null;
      }
      return fetch(this.cardAddress(stem), { credentials: "same-origin" })
        .then((response) => {
          if (response.status === 404 || response.status === 410) {
            return { missing: true };
          }
          if (!response.ok) {
            throw new Error(`HTTP ${response.status}`);
          }
          return response.json();
        })
        .then(
          (card) => {
            this.cards[stem] = card && typeof card === "object" ? card : { missing: true };
          },
          () => {
            this.cards[stem] = { failed: true };
          },
        );
    }),
  );
};

/* Draw the page for the current list (after fetching what it needs). */
ShortlistPage.prototype.refresh = function (focus) {
  const stems = this.items().slice();
  const key = (this.shared ? "shared:" : "own:") + stems.join(",");
  if (key === this.rendered && !focus) {
    return Promise.resolve();
  }
  this.mount.setAttribute("aria-busy", "true");
  if (this.rendered === null) {
    this.drawLoading();
  }
  return this.fetchCards(stems).then(() => {
    this.rendered = key;
    this.draw();
    /* What could not be fetched is tried again next time. */
    stems.forEach((stem) => {
      if (this.cards[stem]?.failed) {
        delete this.cards[stem];
      }
    });
    this.mount.removeAttribute("aria-busy");
    if (focus) {
      focus();
    }
  });
};

ShortlistPage.prototype.click = function (event) {
  const target = event.target.closest ? event.target.closest("[data-action]") : null;
  if (!target || !this.root.contains(target)) {
    return;
  }
  const action = target.getAttribute("data-action");
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
    navigator.share({ title: doc.title, url: this.shareAddress() }).catch(() => {});
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
  const open = this.sharePanel.hidden;
  this.sharePanel.hidden = !open;
  this.shareButton.setAttribute("aria-expanded", String(open));
  if (open) {
    this.updateShare();
    this.addressInput.focus();
    this.addressInput.select();
  }
};

ShortlistPage.prototype.copy = function () {
  const self = this;
  const address = this.shareAddress();
  function selectIt(message) {
    self.addressInput.focus();
    self.addressInput.select();
    self.copyStatus.textContent = message;
  }
  function fallback() {
    let copied = false;
    try {
      self.addressInput.focus();
      self.addressInput.select();
      copied = doc.execCommand?.("copy");
    } catch {
      copied = false;
    }
    selectIt(copied ? "Link copied." : "The link is selected: press Ctrl and C (or \u2318 and C) to copy it.");
  }
  if (navigator.clipboard?.writeText) {
    navigator.clipboard.writeText(address).then(() => {
      self.copyStatus.textContent = "Link copied. You can paste it into an email or a message.";
    }, fallback);
  } else {
    fallback();
  }
};

ShortlistPage.prototype.remove = function (stem) {
  const entry = this.list ? this.list.querySelector(`li[data-stem="${stem}"]`) : null;
  const name = this.cards[stem]?.name || core.name(stem) || stem;
  const next = entry ? entry.nextElementSibling || entry.previousElementSibling : null;
  core.reload(); /* another tab may have changed it */
  core.remove(stem);
  const n = core.items().length;
  core.speak(`Removed ${name} from your shortlist. ${n ? `${core.count(n)}.` : "Your shortlist is empty."}`);
  if (entry && n) {
    entry.parentNode.removeChild(entry);
    this.rendered = `own:${core.items().join(",")}`;
    this.updateIntro();
    this.updateShare();
    const focus = next?.querySelector('[data-action="remove"]');
    (focus || this.intro).focus();
  } else {
    this.refresh(() => {
      this.intro.focus();
    });
  }
};

ShortlistPage.prototype.askClear = function () {
  const n = core.items().length;
  this.confirm.querySelector("p").textContent =
    `Take ${n === 1 ? "the 1 activity" : `all ${n} activities`} off your shortlist? This cannot be undone.`;
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
  core.clear();
  core.speak("Your shortlist is empty now.");
  this.refresh(() => {
    this.intro.focus();
  });
};

ShortlistPage.prototype.save = function () {
  core.reload();
  const before = core.items().length;
  this.shared.forEach((stem) => {
    core.add(stem, this.cards[stem]?.name);
  });
  const added = core.items().length - before;
  this.shared = null;
  if (window.history && history.replaceState) {
    history.replaceState(null, "", this.ownAddress());
  }
  const n = core.items().length;
  let message =
    (added ? `Saved ${core.count(added)} to your shortlist.` : "These were already on your shortlist.") +
    " It has " +
    core.count(n) +
    " now.";
  if (!core.saved()) {
    message += " This browser will not keep it after you leave this page.";
  }
  core.speak(message);
  this.refresh(() => {
    if (this.heading) {
      this.heading.focus();
    }
  });
};

/* draw(), entry(), updateIntro(), updateShare(), drawLoading(). */
Object.assign(ShortlistPage.prototype, view);

const root = doc.querySelector("[data-shortlist-page]");
if (root) {
  core.registerPage(new ShortlistPage(root));
  const link = doc.querySelector(".sp-header__shortlist");
  if (link) {
    link.setAttribute("aria-current", "page");
  }
}
