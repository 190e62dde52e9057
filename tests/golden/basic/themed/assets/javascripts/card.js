// The one drawing of a card, shared by the find page, the search page and
// the shortlist: a title linked to its page, the facts people decide by
// (each with its picture, see icons in signpost.css), and whatever a page
// puts before and after them (a badge, the shortlist button, an excerpt).
//
// A card is written as HTML text by `html`, which escapes every value put
// into it: a name such as "<script>" comes out as those very characters,
// never as markup. Only what `html` made itself goes in unescaped. The
// pages turn the text into elements with toElement.

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

// HTML that `html` made, so it is not escaped a second time.
class Markup {
  constructor(text) {
    this.text = text;
  }

  toString() {
    return this.text;
  }
}

/** Text made safe to put between tags or inside a quoted attribute. */
export function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

// One value put into a template: nothing for null, undefined, false and "".
function piece(value) {
  if (value === null || value === undefined || value === false) {
    return "";
  }
  if (value instanceof Markup) {
    return value.text;
  }
  if (Array.isArray(value)) {
    return value.map(piece).join("");
  }
  return escapeHtml(value);
}

/** A template tag: html`<p>${words}</p>` escapes words unless html made them. */
export function html(strings, ...values) {
  return new Markup(strings.reduce((text, part, index) => text + piece(values[index - 1]) + part));
}

/** The element that markup describes (one element: a card, a chip, a link). */
export function toElement(markup, doc = document) {
  const template = doc.createElement("template");
  template.innerHTML = piece(markup);
  return template.content.firstElementChild;
}

/** The class that gives a fact's name its picture: "First visit" -> sp-i--first-visit. */
export function iconClass(label) {
  return `sp-i sp-i--${label.toLowerCase().replace(/ /g, "-")}`;
}

/**
 * The facts as a list: facts are [label, lines]; empty lines are left out,
 * and so is a fact with none. Without facts there is no list, unless the
 * look keeps an empty one (the find page and shortlist always had one).
 */
export function factList(facts, className, keepEmpty = false) {
  const rows = facts.map(([label, lines]) => [label, lines.filter(Boolean)]).filter(([, lines]) => lines.length);
  if (!rows.length && !keepEmpty) {
    return "";
  }
  const drawn = rows.map(
    ([label, lines]) =>
      html`<div><dt class="${iconClass(label)}">${label}</dt><dd>${lines.map((line, index) => (index ? html`<br>${line}` : line))}</dd></div>`,
  );
  return html`<dl class="${className}">${drawn}</dl>`;
}

/**
 * One card. look: the classes of this page's cards, {item, title, link,
 * facts, keepEmpty}, and any attributes of the item ({"data-stem": ...}).
 * card: {title, href (none: the title is not a link), facts, before, after}.
 */
export function card(look, { title, href, facts = [], before = "", after = "" }) {
  const attributes = Object.entries(look.attributes || {}).map(([name, value]) => html` ${name}="${value}"`);
  const linkClass = look.link ? html` class="${look.link}"` : "";
  const heading = href ? html`<a${linkClass} href="${href}">${title}</a>` : title;
  const list = factList(facts, look.facts, look.keepEmpty);
  return html`<li class="${look.item}"${attributes}><h2 class="${look.title}">${heading}</h2>${before}${list}${after}</li>`;
}

/** The lines of "when" in Pagefind's metadata: when, when_2, when_3... (Pagefind folds line breaks). */
export function whenLines(meta) {
  const lines = [];
  for (let index = 1; meta[index === 1 ? "when" : `when_${index}`]; index += 1) {
    lines.push(meta[index === 1 ? "when" : `when_${index}`]);
  }
  return lines;
}

/** An activity's facts from its Pagefind metadata, a line each, as the find page shows them. */
export function activityFacts(meta) {
  return [
    ["When", [...whenLines(meta), meta.next && `Next: ${meta.next}`]],
    ["Where", [meta.where, meta.buses]],
    ["Cost", [meta.cost]],
    ["First visit", [meta.first_visit && `${meta.first_visit}.`]],
    ["New people", [meta.taking]],
  ];
}

/** The same facts as one sentence each, as a search result shows them. */
export function activityFactsInBrief(meta) {
  const when = whenLines(meta);
  // A one-off's dates are its "when" already: no need to say them twice.
  const next = meta.next && !when.join(" ").includes(meta.next) ? [`Next: ${meta.next}`] : [];
  // A note that ends with its own full stop gets no second one.
  const sentences = [...when, ...next].map((line) => line.replace(/\.$/, "")).join(". ");
  return [
    ["When", [sentences]],
    ["Where", [[meta.where, meta.buses].filter(Boolean).join(". ")]],
    ["Cost", [meta.cost]],
    ["First visit", [meta.first_visit]],
    ["New people", [meta.taking]],
  ];
}

// How far away, when the list is sorted nearest first (null: no fixed place).
function distanceText(miles) {
  return miles === null ? "By phone, online or no fixed place" : `About ${miles.toFixed(1)} miles away`;
}

/** The find page's card of an activity, from Pagefind's data for its page. */
export function findCard(data) {
  const meta = data.meta;
  const stem = data.url.replace(/\/$/, "").split("/").pop();
  return card(
    { item: "sp-card sp-card--activity", title: "sp-card__title", facts: "sp-card__facts", keepEmpty: true },
    {
      title: meta.title,
      href: data.url,
      facts: activityFacts(meta),
      before: html`${meta.status && html`<p class="sp-badge">${meta.status}</p>`}${
        data.distance !== undefined && html`<p class="sp-meta">${distanceText(data.distance)}</p>`
      }`,
      // Shown by shortlist.js, which knows whether it is on the list.
      after: html`<button class="sp-shortlist-button md-button" type="button" hidden="" data-shortlist="${stem}" aria-pressed="false">Add to shortlist<span class="sp-visually-hidden">: ${meta.title}</span></button>`,
    },
  );
}
