// The shortlist's own rules (shortlist-list.js): add, remove, the order
// things were added in, and storage that is there, full, blocked or missing.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { script } from "./scripts.js";

const { MAX_ITEMS, Shortlist, clean } = await script("shortlist-list.js");
const KEY = "signpost.shortlist:/";

// What a browser's localStorage does, for the part the shortlist uses.
class MemoryStorage {
  constructor(entries = {}) {
    this.entries = new Map(Object.entries(entries));
  }
  getItem(key) {
    return this.entries.has(key) ? this.entries.get(key) : null;
  }
  setItem(key, value) {
    this.entries.set(key, String(value));
  }
}

// A browser whose storage is full: reading works, writing throws.
class FullStorage extends MemoryStorage {
  setItem() {
    throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
  }
}

function shortlistIn(storage) {
  const list = new Shortlist(() => storage, KEY);
  list.load();
  return list;
}

describe("adding and removing", () => {
  test("kept in the order added, each once, with its name", () => {
    const list = shortlistIn(new MemoryStorage());
    list.add("walking-group", "Walking group");
    list.add("choir", "Choir");
    list.add("walking-group", "Walking group");
    assert.deepEqual(list.items(), ["walking-group", "choir"]);
    assert.equal(list.name("choir"), "Choir");
    assert.ok(list.has("choir") && !list.has("football"));
  });

  test("removing one keeps the others' order; clearing empties it", () => {
    const list = shortlistIn(new MemoryStorage());
    for (const stem of ["a", "b", "c"]) {
      list.add(stem, stem.toUpperCase());
    }
    list.remove("b");
    assert.deepEqual(list.items(), ["a", "c"]);
    assert.equal(list.name("b"), "");
    list.clear();
    assert.deepEqual(list.items(), []);
  });

  test("what is not a stem is never added", () => {
    const list = shortlistIn(new MemoryStorage());
    for (const stem of ["Capitals", "has space", "../up", "", "-dash"]) {
      list.add(stem, "x");
    }
    assert.deepEqual(list.items(), []);
  });

  test(`a full list takes no more than ${MAX_ITEMS}`, () => {
    const list = shortlistIn(new MemoryStorage());
    for (let number = 0; number <= MAX_ITEMS; number += 1) {
      list.add(`item-${number}`);
    }
    assert.equal(list.items().length, MAX_ITEMS);
    assert.ok(!list.has(`item-${MAX_ITEMS}`));
  });

  test("items() is a copy: changing it changes nothing", () => {
    const list = shortlistIn(new MemoryStorage());
    list.add("a");
    list.items().push("b");
    assert.deepEqual(list.items(), ["a"]);
  });
});

describe("storage", () => {
  test("saved at once, and seen by another page of the same site", () => {
    const storage = new MemoryStorage();
    shortlistIn(storage).add("choir", "Choir");
    const other = shortlistIn(storage);
    assert.deepEqual(other.items(), ["choir"]);
    assert.equal(other.name("choir"), "Choir");
    assert.ok(other.saved());
    assert.deepEqual(JSON.parse(storage.getItem(KEY)), { items: ["choir"], names: { choir: "Choir" } });
  });

  test("read generously: the first format (a bare list), bad stems and long names", () => {
    const storage = new MemoryStorage({
      [KEY]: JSON.stringify({ items: ["a", "a", "BAD", 7, "b"], names: { a: "x".repeat(500), b: 3, gone: "Gone" } }),
    });
    const list = shortlistIn(storage);
    assert.deepEqual(list.items(), ["a", "b"]);
    assert.equal(list.name("a").length, 200);
    assert.equal(list.name("b"), "");
    assert.deepEqual(shortlistIn(new MemoryStorage({ [KEY]: '["x","y"]' })).items(), ["x", "y"]);
  });

  test("what storage held that is not ours is no list; the next change replaces it", () => {
    const storage = new MemoryStorage({ [KEY]: "{not json" });
    const list = shortlistIn(storage);
    assert.deepEqual(list.items(), []);
    list.add("choir");
    assert.ok(list.saved());
    assert.deepEqual(JSON.parse(storage.getItem(KEY)).items, ["choir"]);
  });

  test("full storage: the list works in this page, and says it is not kept", () => {
    const list = shortlistIn(new FullStorage({ [KEY]: '{"items":["old"]}' }));
    assert.ok(list.saved());
    list.add("choir", "Choir");
    assert.deepEqual(list.items(), ["old", "choir"]);
    assert.equal(list.saved(), false);
    list.load(); // reading again must not lose what is only in memory
    assert.deepEqual(list.items(), ["old", "choir"]);
  });

  test("storage that the browser blocks, or that is missing, still gives a list in this page", () => {
    const blocked = new Shortlist(() => {
      throw new DOMException("The operation is insecure.", "SecurityError");
    }, KEY);
    const missing = new Shortlist(() => undefined, KEY);
    for (const list of [blocked, missing]) {
      list.load();
      assert.equal(list.saved(), false);
      list.add("choir", "Choir");
      list.add("walk");
      list.remove("choir");
      assert.deepEqual(list.items(), ["walk"]);
      assert.equal(list.saved(), false);
    }
  });

  test("each site keeps its own list", () => {
    const storage = new MemoryStorage();
    new Shortlist(() => storage, "signpost.shortlist:/one/").add("a");
    const two = new Shortlist(() => storage, "signpost.shortlist:/two/");
    two.load();
    assert.deepEqual(two.items(), []);
  });
});

test("clean: well-formed stems, each once, in order, at most the limit", () => {
  assert.deepEqual(clean(["b", "a", "b", "A", "a-1", "a--1", null, "x y"]), ["b", "a", "a-1"]);
  assert.deepEqual(clean("a,b"), []);
  assert.equal(clean(Array.from({ length: 150 }, (_, n) => `s${n}`)).length, MAX_ITEMS);
});
