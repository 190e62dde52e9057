// One result card of the find page, made from a page's Pagefind metadata
// (see facets.py for the keys): what a person needs to decide, and the
// shortlist button (shortlist.js shows it). Loaded before find.js, which
// calls window.signpostFindCard.card(data).
(function () {
  "use strict";

  function text(tag, className, content) {
    var element = document.createElement(tag);
    if (className) { element.className = className; }
    if (content) { element.textContent = content; }
    return element;
  }

  // Each line of "when" is its own metadata key (when, when_2, ...), as
  // Pagefind folds line breaks within a value.
  function whenLines(meta) {
    var lines = [];
    for (var index = 1; meta[index === 1 ? "when" : "when_" + index]; index += 1) {
      lines.push(meta[index === 1 ? "when" : "when_" + index]);
    }
    return lines;
  }

  // The picture beside a fact's name (see icons in signpost.css).
  function iconClass(label) {
    return "sp-i sp-i--" + label.toLowerCase().replace(/ /g, "-");
  }

  function fact(list, label, value) {
    if (!value) { return; }
    var row = text("div");
    row.appendChild(text("dt", iconClass(label), label));
    var detail = text("dd");
    value.split("\n").forEach(function (line, index) {
      if (index) { detail.appendChild(document.createElement("br")); }
      detail.appendChild(document.createTextNode(line));
    });
    row.appendChild(detail);
    list.appendChild(row);
  }

  function card(data) {
    var meta = data.meta;
    var item = text("li", "sp-card sp-card--activity");
    var heading = text("h2", "sp-card__title");
    var link = text("a", "", meta.title);
    link.href = data.url;
    heading.appendChild(link);
    item.appendChild(heading);
    if (meta.status) { item.appendChild(text("p", "sp-badge", meta.status)); }
    if (data.distance !== undefined) {
      item.appendChild(text("p", "sp-meta", data.distance === null ? "By phone, online or no fixed place"
        : "About " + data.distance.toFixed(1) + " miles away"));
    }
    var facts = text("dl", "sp-card__facts");
    fact(facts, "When", whenLines(meta).concat(meta.next ? ["Next: " + meta.next] : []).join("\n"));
    fact(facts, "Where", meta.where + (meta.buses ? "\n" + meta.buses : ""));
    fact(facts, "Cost", meta.cost);
    fact(facts, "First visit", meta.first_visit ? meta.first_visit + "." : "");
    fact(facts, "New people", meta.taking);
    item.appendChild(facts);
    var stem = data.url.replace(/\/$/, "").split("/").pop();
    var button = text("button", "sp-shortlist-button md-button", "Add to shortlist");
    button.type = "button";
    button.hidden = true;
    button.setAttribute("data-shortlist", stem);
    button.setAttribute("aria-pressed", "false");
    button.appendChild(text("span", "sp-visually-hidden", ": " + meta.title));
    item.appendChild(button);
    return item;
  }

  // text() is find.js's way to make an element too.
  window.signpostFindCard = { card: card, text: text };
})();
