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

   The list itself (its order, its storage) is shortlist-list.js. The
   /shortlist/ page (Remove, Clear, Print, Share, a shared list) is
   shortlist-page.js, loaded by that page only, so every other page loads
   less: it imports what it needs from here.

   No third-party code, no inline script: this file is listed in mkdocs.yml
   (extra_javascript, as a module) and so loads at the end of every page. */
import { clean, Shortlist, STEM } from "./shortlist-list.js";

const doc = document;

/* ---------------------------------------------------------------- where */

function siteBase() {
  const page = doc.querySelector("[data-shortlist-page]");
  if (page?.getAttribute("data-root")) {
    return page.getAttribute("data-root");
  }
  const config = doc.getElementById("__config");
  if (config) {
    try {
      const base = JSON.parse(config.textContent).base;
      if (typeof base === "string" && base) {
        return base;
      }
    } catch {
      /* fall through */
    }
  }
  return "./";
}

function asFolder(path) {
  return /\/$/.test(path) ? path : `${path}/`;
}

export const BASE = asFolder(siteBase());
/* The site's root as this browser reached it (a preview, a mirror or the real site). */
const localRoot = new URL(BASE, location.href);
/* The site's public root, from the page's canonical address, for print. */
export const publicRoot = (() => {
  const link = doc.querySelector('link[rel="canonical"]');
  if (link?.href && /^https?:/.test(link.href)) {
    try {
      return new URL(BASE, link.href);
    } catch {
      /* fall through */
    }
  }
  return localRoot;
})();

export function siteName() {
  const name = doc.querySelector(".sp-header__name");
  const text = name ? name.textContent.trim() : "";
  return text || doc.title.split(" - ").pop();
}

/* The public address of a link on this site (or its own address if elsewhere). */
export function publicAddress(href) {
  const target = new URL(href, location.href);
  if (target.origin !== localRoot.origin || target.pathname.indexOf(localRoot.pathname) !== 0) {
    return target.href;
  }
  return new URL(target.pathname.slice(localRoot.pathname.length) + target.search + target.hash, publicRoot).href;
}

export function count(n) {
  return n + (n === 1 ? " activity" : " activities");
}

/* -------------------------------------------------------------- storage */

let page = null; /* the /shortlist/ page, once shortlist-page.js registers it */

const KEY = `signpost.shortlist:${localRoot.pathname}`;
const list = new Shortlist(() => window.localStorage, KEY);

/* Each change is saved at once and shown on every button and the count;
     saying what changed is left to the caller. */
export function add(stem, name) {
  list.add(stem, name);
  sync();
}

export function remove(stem) {
  list.remove(stem);
  sync();
}

export function clear() {
  list.clear();
  sync();
}

/* Read again to see another tab's changes. */
export function reload() {
  list.load();
}

/* The list as it stands (a copy); reload() first to see another tab's changes. */
export function items() {
  return list.items();
}

/* The activity's name as it was when added, or "". */
export function name(stem) {
  return list.name(stem);
}

/* False when this browser will not keep the list after the page is left. */
export function saved() {
  return list.saved();
}

export { clean };

/* ------------------------------------------------------------- speaking */

let live = null;
let speakTimer = null;

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

export function speak(message) {
  if (!live) {
    makeLiveRegion();
  }
  /* Empty first, so the same words said twice are still read out. */
  live.textContent = "";
  window.clearTimeout(speakTimer);
  speakTimer = window.setTimeout(() => {
    live.textContent = message;
  }, 100);
}

/* -------------------------------------------------- buttons and counter */

function hiddenText(text) {
  const span = doc.createElement("span");
  span.className = "sp-visually-hidden";
  span.textContent = text;
  return span;
}

function buttonName(button) {
  const hidden = button.querySelector(".sp-visually-hidden");
  const text = hidden ? hidden.textContent : "";
  return text.replace(/^\s*:\s*/, "").trim() || button.getAttribute("data-shortlist-name") || "";
}

function syncButton(button) {
  const stem = button.getAttribute("data-shortlist");
  if (!STEM.test(stem || "")) {
    return;
  }
  const on = list.has(stem);
  let label = button.querySelector(".sp-shortlist-button__label");
  if (!label) {
    /* Wrap the words so they can change while the activity's name, read
         after them by screen readers, stays. */
    Array.prototype.slice.call(button.childNodes).forEach((node) => {
      if (node.nodeType === 3) {
        button.removeChild(node);
      }
    });
    label = doc.createElement("span");
    label.className = "sp-shortlist-button__label";
    button.insertBefore(label, button.firstChild);
  }
  const wanted = on ? "on" : "off";
  if (label.getAttribute("data-state") !== wanted) {
    label.setAttribute("data-state", wanted);
    label.textContent = on ? "On your shortlist" : "Add to shortlist";
    if (on) {
      const tick = doc.createElement("span");
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
  const n = list.items().length;
  Array.prototype.forEach.call(doc.querySelectorAll("[data-shortlist-count]"), (badge) => {
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

export function refresh() {
  list.load();
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

doc.addEventListener("click", (event) => {
  const button = event.target.closest ? event.target.closest("button[data-shortlist]") : null;
  if (!button) {
    return;
  }
  const stem = button.getAttribute("data-shortlist");
  if (!STEM.test(stem || "")) {
    return;
  }
  const name = buttonName(button) || stem;
  list.load(); /* another tab may have changed it */
  let message;
  if (list.has(stem)) {
    remove(stem);
    message = `Removed ${name} from your shortlist. `;
  } else {
    add(stem, name);
    message = `Added ${name} to your shortlist. `;
  }
  const n = list.items().length;
  message += n ? `${count(n)}.` : "Your shortlist is empty.";
  if (!list.saved()) {
    message += " This browser will not keep it after you leave this page.";
  }
  speak(message);
});

/* -------------------------------------------------------------- printing */

function today() {
  try {
    return new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  } catch {
    return new Date().toDateString();
  }
}

function cssString(text) {
  return (
    '"' +
    String(text)
      .replace(/[\\"]/g, "\\$&")
      .replace(/[\r\n]+/g, " ") +
    '"'
  );
}

/* What goes at the foot of every printed page: the site's name, the address
     to find it again and the date. Browsers that print CSS page-margin boxes
     show it on every page; others show the element at the end of the page. */
export function printFooter() {
  const where = doc.querySelector("[data-shortlist-page]") ? publicRoot.href : publicAddress(location.href.split("#")[0]);
  const text = `${siteName()} \u00b7 ${where} \u00b7 Printed ${today()}`;
  doc.documentElement.style.setProperty("--sp-print-footer", cssString(text));
  if (!("CSSMarginRule" in window)) {
    doc.documentElement.classList.add("sp-no-margin-boxes");
  }
  const article = doc.querySelector(".md-content__inner") || doc.body;
  let footer = article.querySelector(".sp-print-footer");
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
  Array.prototype.forEach.call(root.querySelectorAll(".sp-card__title a[href]"), (link) => {
    const title = link.closest(".sp-card__title");
    const next = title.nextElementSibling;
    if (next?.classList.contains("sp-print-address")) {
      return;
    }
    const address = doc.createElement("p");
    address.className = "sp-print-only sp-print-address";
    address.textContent = publicAddress(link.getAttribute("href"));
    title.parentNode.insertBefore(address, title.nextSibling);
  });
  Array.prototype.forEach.call(root.querySelectorAll('a[href^="http"]'), (link) => {
    const href = link.getAttribute("href");
    const words = link.textContent.trim();
    if (words === href || `${words}/` === href || words === href.replace(/^https?:\/\//, "").replace(/\/$/, "")) {
      link.setAttribute("data-print-href", "shown");
    }
  });
}

window.addEventListener("beforeprint", printFooter);

/* ----------------------------------------------------------------- start */

list.load();
makeLiveRegion();
sync();
addPrintAddresses(doc);
printFooter();

/* Buttons and cards added later (the find page's results) are set up as they arrive. */
if ("MutationObserver" in window) {
  new MutationObserver((records) => {
    records.forEach((record) => {
      Array.prototype.forEach.call(record.addedNodes, (node) => {
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
window.addEventListener("storage", (event) => {
  if (event.key === KEY || event.key === null) {
    refresh();
  }
});
window.addEventListener("pageshow", (event) => {
  if (event.persisted) {
    refresh();
  }
});

/* The /shortlist/ page: an object with refresh(), redrawn by refresh() above. */
export function registerPage(shortlistPage) {
  page = shortlistPage;
}
