// The one card renderer (card.js): what the find page, the search page and
// the shortlist draw for an activity, and that nothing in the data becomes markup.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { script } from "./scripts.js";

const { activityFactsInBrief, card, factList, findCard, html } = await script("card.js");

const FOOTBALL = {
  url: "../directory/rovers-football/",
  meta: {
    title: "Rovers Football",
    when: "Tuesdays, 6pm to 7.30pm",
    when_2: "Not in August.",
    next: "15 December",
    where: "Hollinsford Park",
    buses: "Buses 4 and 12",
    cost: "Free",
    first_visit: "Come as you are. Ask for Sam",
    taking: "Yes",
    status: "Paused",
  },
};

describe("escaping", () => {
  test("a name with <script> comes out as text, in the link and in the button's hidden words", () => {
    const drawn = String(findCard({ url: "/directory/x/", meta: { title: "<script>alert(1)</script> & co" } }));
    assert.ok(!drawn.includes("<script"), drawn);
    assert.equal(drawn.split("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co").length, 3, drawn);
  });

  test("an address cannot leave its attribute", () => {
    const drawn = String(findCard({ url: '/x/" onclick="alert(1)', meta: { title: "A" } }));
    assert.ok(drawn.includes('href="/x/&quot; onclick=&quot;alert(1)"'), drawn);
    assert.ok(!drawn.includes('" onclick="'), drawn);
  });

  test("every fact is text too", () => {
    const drawn = String(
      findCard({ url: "/a/", meta: { title: "A", where: "<b>Hall</b>", cost: "<img src=x onerror=alert(1)>" } }),
    );
    assert.ok(!drawn.includes("<b>") && !drawn.includes("<img"), drawn);
    assert.ok(drawn.includes("&lt;b&gt;Hall&lt;/b&gt;") && drawn.includes("&lt;img src=x onerror=alert(1)&gt;"), drawn);
  });

  test("html`` escapes values, keeps its own markup, and prints nothing for nothing", () => {
    const inner = html`<em>${"<i>"}</em>`;
    assert.equal(
      String(html`<p>${inner}${null}${undefined}${false}${""}${["a", "<", inner]}${0}</p>`),
      "<p><em>&lt;i&gt;</em>a&lt;<em>&lt;i&gt;</em>0</p>",
    );
    assert.equal(String(html`<a title="${`"'`}">`), '<a title="&quot;&#39;">');
  });
});

describe("the find page's card", () => {
  test("is drawn as it always was", () => {
    assert.equal(
      String(findCard(FOOTBALL)),
      '<li class="sp-card sp-card--activity"><h2 class="sp-card__title"><a href="../directory/rovers-football/">Rovers Football</a></h2>' +
        '<p class="sp-badge">Paused</p><dl class="sp-card__facts">' +
        '<div><dt class="sp-i sp-i--when">When</dt><dd>Tuesdays, 6pm to 7.30pm<br>Not in August.<br>Next: 15 December</dd></div>' +
        '<div><dt class="sp-i sp-i--where">Where</dt><dd>Hollinsford Park<br>Buses 4 and 12</dd></div>' +
        '<div><dt class="sp-i sp-i--cost">Cost</dt><dd>Free</dd></div>' +
        '<div><dt class="sp-i sp-i--first-visit">First visit</dt><dd>Come as you are. Ask for Sam.</dd></div>' +
        '<div><dt class="sp-i sp-i--new-people">New people</dt><dd>Yes</dd></div></dl>' +
        '<button class="sp-shortlist-button md-button" type="button" hidden="" data-shortlist="rovers-football" aria-pressed="false">' +
        'Add to shortlist<span class="sp-visually-hidden">: Rovers Football</span></button></li>',
    );
  });

  test("says how far away when sorted nearest first", () => {
    assert.match(String(findCard({ ...FOOTBALL, distance: 2.345 })), /<p class="sp-meta">About 2\.3 miles away<\/p><dl/);
    assert.match(String(findCard({ ...FOOTBALL, distance: null })), /<p class="sp-meta">By phone, online or no fixed place<\/p>/);
    assert.doesNotMatch(String(findCard(FOOTBALL)), /sp-meta/);
  });

  test("leaves out the facts it does not have, and keeps the list", () => {
    const drawn = String(findCard({ url: "/directory/quiet/", meta: { title: "Quiet", where: "Library" } }));
    assert.match(drawn, /<dl class="sp-card__facts"><div><dt class="sp-i sp-i--where">Where<\/dt><dd>Library<\/dd><\/div><\/dl>/);
    assert.doesNotMatch(drawn, /When|Cost|sp-badge|undefined/);
  });
});

describe("the facts in brief (a search result)", () => {
  test("one sentence each, the next date only when the dates do not say it already", () => {
    const facts = Object.fromEntries(activityFactsInBrief(FOOTBALL.meta));
    assert.deepEqual(facts.When, ["Tuesdays, 6pm to 7.30pm. Not in August. Next: 15 December"]);
    assert.deepEqual(facts.Where, ["Hollinsford Park. Buses 4 and 12"]);
    assert.deepEqual(facts["First visit"], ["Come as you are. Ask for Sam"]);
    const oneOff = Object.fromEntries(activityFactsInBrief({ when: "Saturday 15 December, 10am", next: "15 December" }));
    assert.deepEqual(oneOff.When, ["Saturday 15 December, 10am"]);
  });
});

describe("any card", () => {
  const look = { item: "sp-result", title: "sp-result__title", link: "sp-result__link", facts: "sp-result__facts" };

  test("a look gives the classes, the attributes and what goes around the facts", () => {
    const drawn = card(
      { ...look, attributes: { "data-stem": "a-b" } },
      { title: "A", href: "/a/", facts: [["Sent", ["1 May"]]], before: html`<p>before</p>`, after: "after <" },
    );
    assert.equal(
      String(drawn),
      '<li class="sp-result" data-stem="a-b"><h2 class="sp-result__title"><a class="sp-result__link" href="/a/">A</a></h2>' +
        '<p>before</p><dl class="sp-result__facts"><div><dt class="sp-i sp-i--sent">Sent</dt><dd>1 May</dd></div></dl>after &lt;</li>',
    );
  });

  test("without an address the title is not a link; without facts there is no list", () => {
    assert.equal(String(card(look, { title: "Gone" })), '<li class="sp-result"><h2 class="sp-result__title">Gone</h2></li>');
    assert.equal(String(factList([["When", ["", null]]], "x")), "");
    assert.equal(String(factList([], "x", true)), '<dl class="x"></dl>');
  });
});
