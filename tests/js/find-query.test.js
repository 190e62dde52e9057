// The find page's address (?q=&domain=&area=&day=&time=&cost=...) and the
// Pagefind filters it stands for: repeated keys are OR within a facet,
// facets are AND, a day and a time are one session.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { script } from "./scripts.js";

const { dayKeys, filtersFor, queryOf, quickDates, readState } = await script("find-query.js");

// Tuesday 8 December 2026, the second Tuesday of the month (local time, as the browser counts).
const TUESDAY = new Date(2026, 11, 8);

describe("reading and writing the address", () => {
  test("every facet is a list, the rest are words", () => {
    const state = readState("?q=walk&day=tuesday&day=thursday&cost=free&age=72&on=today&sort=near");
    assert.equal(state.q, "walk");
    assert.deepEqual(state.day, ["tuesday", "thursday"]);
    assert.deepEqual(state.cost, ["free"]);
    assert.deepEqual(state.domain, []);
    assert.equal(state.age, "72");
    assert.equal(state.on, "today");
    assert.equal(state.sort, "near");
  });

  test("an empty address is no choice at all, and writes back as nothing", () => {
    const state = readState("");
    assert.deepEqual([state.q, state.age, state.on, state.sort], ["", "", "", ""]);
    assert.equal(queryOf(state), "");
  });

  test("written back in one order: words, facets, then age, on and sort", () => {
    const state = readState("?sort=near&cost=free&day=thursday&q=choir+group&day=monday&unknown=1");
    assert.equal(queryOf(state), "?q=choir+group&day=thursday&day=monday&cost=free&sort=near");
    assert.deepEqual(readState(queryOf(state)), state);
  });
});

describe("filters", () => {
  test("repeated keys are any of them (OR)", () => {
    const filters = filtersFor(readState("?domain=sport&domain=arts-and-crafts"), undefined, TUESDAY);
    assert.deepEqual(filters, { domain: { any: ["sport", "arts-and-crafts"] } });
  });

  test("facets are all of them (AND): one key each", () => {
    const filters = filtersFor(readState("?domain=sport&area=northgate&cost=free&access=step_free"), undefined, TUESDAY);
    assert.deepEqual(filters, {
      domain: { any: ["sport"] },
      area: { any: ["northgate"] },
      cost: { any: ["free"] },
      access: { any: ["step_free"] },
    });
  });

  test("words search activities only; no words need no kind filter", () => {
    assert.deepEqual(filtersFor(readState("?q=walk"), undefined, TUESDAY), { kind: "Activity" });
    assert.deepEqual(filtersFor(readState(""), undefined, TUESDAY), {});
  });

  test("a day and a time are one session: every pair of them", () => {
    const filters = filtersFor(readState("?day=monday&day=friday&time=evening"), undefined, TUESDAY);
    assert.deepEqual(filters, { slot: { any: ["monday-evening", "friday-evening"] } });
  });

  test("a day alone, or a time alone, is its own filter", () => {
    assert.deepEqual(filtersFor(readState("?day=monday"), undefined, TUESDAY), { day: { any: ["monday"] } });
    assert.deepEqual(filtersFor(readState("?time=morning"), undefined, TUESDAY), { time: { any: ["morning"] } });
  });

  test("a facet left out for its counts leaves out only itself", () => {
    const state = readState("?day=monday&time=evening&cost=free");
    assert.deepEqual(filtersFor(state, "day", TUESDAY), { cost: { any: ["free"] }, time: { any: ["evening"] } });
    assert.deepEqual(filtersFor(state, "cost", TUESDAY), { slot: { any: ["monday-evening"] } });
  });

  test("an age: open to it from the start and still at the end", () => {
    const { age_from, age_to } = filtersFor(readState("?age=72"), undefined, TUESDAY);
    assert.ok(age_from.any.includes("0") && age_from.any.includes("72") && !age_from.any.includes("73"));
    assert.ok(age_to.any.includes("none") && age_to.any.includes("72") && age_to.any.includes("120"));
    assert.ok(!age_to.any.includes("71"));
  });

  test("an age that is no age is no filter", () => {
    for (const age of ["abc", "-1", "121", ""]) {
      assert.deepEqual(filtersFor(readState(`?age=${age}`), undefined, TUESDAY), {}, age);
    }
  });

  test("on today: the sessions that meet on today's date, at the times chosen", () => {
    const { meets } = filtersFor(readState("?on=today&time=evening"), undefined, TUESDAY);
    assert.deepEqual(meets.any, dayKeys(TUESDAY, ["evening"]));
    assert.ok(meets.any.includes("w-tuesday-evening") && meets.any.includes("d-2026-12-08-evening"));
    assert.ok(!meets.any.some((key) => key.endsWith("morning")));
  });
});

describe("dates", () => {
  test("the keys of one date: weekly, fortnightly, nth of the month and the date", () => {
    assert.deepEqual(dayKeys(TUESDAY, ["morning"]), [
      "w-tuesday-morning",
      "f-tuesday-1-morning",
      "d-2026-12-08-morning",
      "m-tuesday-2-morning",
    ]);
  });

  test("fortnights count from Monday 3 January 2000", () => {
    assert.ok(dayKeys(new Date(2000, 0, 3), ["morning"]).includes("f-monday-0-morning"));
    assert.ok(dayKeys(new Date(2000, 0, 10), ["morning"]).includes("f-monday-1-morning"));
  });

  test("the last weekday of a month is L, and a fifth one has no number", () => {
    const keys = dayKeys(new Date(2026, 11, 29), ["evening"]);
    assert.ok(keys.includes("m-tuesday-L-evening"));
    assert.ok(!keys.some((key) => key.startsWith("m-tuesday-5")));
    assert.ok(dayKeys(new Date(2026, 11, 24), ["evening"]).includes("m-thursday-4-evening"));
  });

  test("today, tomorrow and the weekend", () => {
    const iso = (dates) => dates.map((date) => `${date.getMonth() + 1}-${date.getDate()}`);
    assert.deepEqual(iso(quickDates("today", TUESDAY)), ["12-8"]);
    assert.deepEqual(iso(quickDates("tomorrow", new Date(2026, 11, 31))), ["1-1"]);
    assert.deepEqual(iso(quickDates("weekend", TUESDAY)), ["12-12", "12-13"]);
    assert.deepEqual(iso(quickDates("weekend", new Date(2026, 11, 13))), ["12-13"]);
    assert.deepEqual(quickDates("someday", TUESDAY), []);
  });
});
