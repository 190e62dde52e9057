// How one search result looks (used by search.js): it says what the page is
// (Activity, Event, Story, News, Newsletter) and the facts people decide by,
// from the page's Pagefind metadata. Events that have ended are marked.
// The card itself is card.js's, as on the find page and the shortlist.
import { activityFactsInBrief, card, html } from "./card.js";

const KIND_LABELS = { Activity: "Activity", Event: "Event", Story: "Story", News: "News", Newsletter: "Newsletter" };

// An event that has ended or was cancelled (search.js lists these last).
export function hasEnded(meta) {
  if (meta.status === "Cancelled") {
    return true;
  }
  const end = Date.parse(meta.end || meta.start || "");
  return !Number.isNaN(end) && end < Date.now();
}

// One result: its title linked, what it is, the facts people decide by and
// the excerpt. `every` is the word every activity page carries, left out of excerpts.
export function resultItem(data, every) {
  const meta = data.meta || {};
  const kind = KIND_LABELS[meta.kind] || "Page";
  const badge = badgeFor(kind, meta);
  const excerpt = excerptOf(data.excerpt, every);
  const look = {
    item: `sp-result sp-result--${kind.toLowerCase()}`,
    title: "sp-result__title",
    link: "sp-result__link",
    facts: "sp-result__facts",
  };
  return card(look, {
    title: meta.title || data.url,
    href: data.url,
    facts: factsFor(kind, meta),
    before: html`<p class="sp-result__kind"><span class="sp-result__kind-name">${kind}</span>${badge && html` <span class="sp-result__badge">${badge}</span>`}</p>`,
    after: excerpt.text.trim() && html`<p class="sp-result__excerpt">${excerpt.markup}</p>`,
  });
}

function badgeFor(kind, meta) {
  if (kind === "Event") {
    if (meta.status) {
      return meta.status;
    }
    return hasEnded(meta) ? "Ended" : null;
  }
  return meta.status || null;
}

// The facts of each kind of page, [label, lines] (empty ones are left out).
function factsFor(kind, meta) {
  if (kind === "Activity") {
    return activityFactsInBrief(meta);
  }
  const facts = {
    Event: [
      ["When", [meta.when]],
      ["Where", [meta.where]],
      ["Cost", [meta.cost]],
    ],
    Story: [
      ["Setting", [meta.setting]],
      ["Written", [meta.date]],
    ],
    News: [["Posted", [meta.date]]],
    Newsletter: [["Sent", [meta.date]]],
  };
  return facts[kind] || [];
}

// Pagefind's excerpt marks the matched words with <mark>. Keep the text and
// those marks only: nothing else from it becomes markup. Returns the
// markup and its words.
function excerptOf(source, every) {
  const parsed = new DOMParser().parseFromString(`<body>${(source || "").split(every).join("")}</body>`, "text/html");
  let words = "";
  function copy(node, marked) {
    return Array.from(node.childNodes, (child) => {
      if (child.nodeType === 3) {
        words += child.nodeValue;
        return child.nodeValue;
      }
      if (child.nodeType !== 1) {
        return "";
      }
      const inner = copy(child, marked || child.nodeName === "MARK");
      return child.nodeName === "MARK" && !marked ? html`<mark>${inner}</mark>` : inner;
    });
  }
  const markup = copy(parsed.body, false);
  return { markup: markup, text: words };
}
