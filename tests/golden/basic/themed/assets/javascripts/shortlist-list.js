// The shortlist itself: activities' stems in the order they were added,
// with each one's name as it was then, kept in the browser's storage. No
// page access here (shortlist.js draws the buttons and the count), so the
// rules can be tested on their own (tests/js/shortlist-list.test.js).
//
// Storage can be missing, blocked (reading window.localStorage throws when
// a browser refuses sites' storage) or full (writing throws). The list then
// lives in this page only, and saved() says so, so the page can tell people.

export const STEM = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_ITEMS = 100;
const MAX_NAME = 200;

/** Only well-formed stems, each once, at most MAX_ITEMS, in their order. */
export function clean(items) {
  const stems = (Array.isArray(items) ? items : []).filter((stem) => typeof stem === "string" && STEM.test(stem));
  return [...new Set(stems)].slice(0, MAX_ITEMS);
}

// What storage held, read as generously as it was ever written: a bare
// list of stems (the first format) or {items, names}.
function parse(raw) {
  const data = raw ? JSON.parse(raw) : {};
  const items = clean(Array.isArray(data) ? data : data.items);
  const names = data && typeof data.names === "object" && data.names ? data.names : {};
  const kept = {};
  for (const stem of items) {
    if (typeof names[stem] === "string") {
      kept[stem] = names[stem].slice(0, MAX_NAME);
    }
  }
  return { items, names: kept };
}

export class Shortlist {
  /**
   * storage: a function that returns the Storage to use (window.localStorage),
   * called each time, since merely reading window.localStorage can throw.
   * key: the name it is kept under (one per site).
   */
  constructor(storage, key) {
    this.storage = storage;
    this.key = key;
    this.list = { items: [], names: {} };
    this.kept = true; // false once the browser refuses to keep the list
  }

  /** Read the list again (another tab may have changed it); after a refusal, keep the one in memory. */
  load() {
    if (!this.kept) {
      return;
    }
    try {
      this.list = parse(this.storage().getItem(this.key));
    } catch {
      this.kept = false; // storage blocked, or what it held was not ours
    }
  }

  /** Save the list; saved() says whether that worked. */
  store() {
    try {
      this.storage().setItem(this.key, JSON.stringify(this.list));
      this.kept = true;
    } catch {
      this.kept = false;
    }
  }

  /** False when this browser will not keep the list after the page is left. */
  saved() {
    return this.kept;
  }

  /** The stems in the order they were added (a copy). */
  items() {
    return this.list.items.slice();
  }

  has(stem) {
    return this.list.items.includes(stem);
  }

  /** The activity's name as it was when added, or "". */
  name(stem) {
    return this.list.names[stem] || "";
  }

  /** Add at the end (a stem already on the list keeps its place); a full list takes no more. */
  add(stem, name) {
    if (!STEM.test(stem) || (!this.has(stem) && this.list.items.length >= MAX_ITEMS)) {
      return;
    }
    if (!this.has(stem)) {
      this.list.items.push(stem);
    }
    if (name) {
      this.list.names[stem] = String(name).slice(0, MAX_NAME);
    }
    this.store();
  }

  remove(stem) {
    this.list.items = this.list.items.filter((item) => item !== stem);
    delete this.list.names[stem];
    this.store();
  }

  clear() {
    this.list = { items: [], names: {} };
    this.store();
  }
}
