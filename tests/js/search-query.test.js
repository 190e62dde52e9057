// The search page's reading of a query (search-query.js): words that name
// a filter become chips and Pagefind filters, the rest is searched as text.
import assert from "node:assert/strict";
import { test } from "node:test";
import { script } from "./scripts.js";

const { reader } = await script("search-query.js");
const site = reader({
  domain: [
    { value: "sport", label: "Sport" },
    { value: "free-community-support", label: "Free community support" },
  ],
  area: [{ value: "the-northgate", label: "The Northgate" }],
  access: { step_free: "Step-free access" },
});

function read(query) {
  const parsed = site.parse(query);
  return { text: parsed.text, chips: parsed.chips.map((chip) => chip.label), filters: site.filtersFor(parsed) };
}

test("filter words become chips; what is left is searched, joining words dropped", () => {
  assert.deepEqual(read("free football on tuesday evening"), {
    text: "football",
    chips: ["Free", "Tuesday", "Evening"],
    filters: { cost: ["free"], slot: { any: ["tuesday-evening"] } },
  });
});

test("only filters: every matching activity", () => {
  assert.deepEqual(read("sport in northgate").filters, {
    domain: { any: ["sport"] },
    area: { any: ["the-northgate"] },
    kind: ["Activity"],
  });
  assert.deepEqual(read("weekend step-free").filters, {
    access: ["step_free"],
    day: { any: ["saturday", "sunday"] },
    kind: ["Activity"],
  });
});

test("the longest name wins, and words in quotes stay words", () => {
  assert.deepEqual(read("free community support").chips, ["Free community support"]);
  assert.deepEqual(read('"free" running'), { text: '"free" running', chips: [], filters: {} });
});

test("a phrase people use for a welcome is a filter", () => {
  assert.deepEqual(read("bring a friend to choir"), {
    text: "choir",
    chips: ["Bring someone the first time"],
    filters: { welcome: ["accompanied_first_visit"] },
  });
});

test("nothing found: the nearest known word, or nothing to offer", () => {
  const words = ["football", "netball", "club"];
  assert.equal(site.suggest(site.parse("fotball club"), words), "football club");
  assert.equal(site.suggest(site.parse("football"), words), null);
});
