// How one search result looks (used by search.js): it says what the page is
// (Activity, Event, Story, News, Newsletter) and the facts people decide by,
// from the page's Pagefind metadata. Events that have ended are marked.
(function () {
  "use strict";

  var KIND_LABELS = { Activity: "Activity", Event: "Event", Story: "Story", News: "News", Newsletter: "Newsletter" };

  // An event that has ended or was cancelled (search.js lists these last).
  function hasEnded(meta) {
    if (meta.status === "Cancelled") {
      return true;
    }
    var end = Date.parse(meta.end || meta.start || "");
    return !isNaN(end) && end < Date.now();
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  // One result: its title linked, what it is, the facts people decide by and
  // the excerpt. `every` is the word every activity page carries, left out of excerpts.
  function resultItem(data, every) {
    var meta = data.meta || {};
    var kind = KIND_LABELS[meta.kind] || "Page";
    var item = element("li", "sp-result sp-result--" + kind.toLowerCase());
    var heading = element("h2", "sp-result__title");
    var link = element("a", "sp-result__link", meta.title || data.url);
    link.href = data.url;
    heading.appendChild(link);
    item.appendChild(heading);

    var label = element("p", "sp-result__kind");
    label.appendChild(element("span", "sp-result__kind-name", kind));
    var badge = badgeFor(kind, meta);
    if (badge) {
      label.appendChild(document.createTextNode(" "));
      label.appendChild(element("span", "sp-result__badge", badge));
    }
    item.appendChild(label);

    var facts = factsFor(kind, meta);
    if (facts.length) {
      var dl = element("dl", "sp-result__facts");
      facts.forEach(function (fact) {
        var row = element("div");
        // The class gives the fact its picture (see icons in signpost.css).
        row.appendChild(element("dt", "sp-i sp-i--" + fact[0].toLowerCase().replace(/ /g, "-"), fact[0]));
        row.appendChild(element("dd", null, fact[1]));
        dl.appendChild(row);
      });
      item.appendChild(dl);
    }
    var excerpt = excerptOf(data.excerpt, every);
    if (excerpt.textContent.trim()) {
      item.appendChild(excerpt);
    }
    return item;
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

  function factsFor(kind, meta) {
    var facts = [];
    function add(name, value) {
      if (value) {
        facts.push([name, value]);
      }
    }
    if (kind === "Activity") {
      // A one-off's dates are its "when" already: no need to say them twice.
      // Each line of "when" is its own key (when, when_2, ...): Pagefind folds line breaks.
      var when = [];
      for (var line = 1; meta[line === 1 ? "when" : "when_" + line]; line += 1) {
        when.push(meta[line === 1 ? "when" : "when_" + line]);
      }
      var next = meta.next && when.join(" ").indexOf(meta.next) < 0 ? "Next: " + meta.next : "";
      // Lines joined as sentences; a note that ends with its own full stop gets no second one.
      add("When", when.concat(next ? [next] : []).map(function (line) { return line.replace(/\.$/, ""); }).join(". "));
      add("Where", [meta.where, meta.buses].filter(Boolean).join(". "));
      add("Cost", meta.cost);
      add("First visit", meta.first_visit);
      add("New people", meta.taking);
    } else if (kind === "Event") {
      add("When", meta.when);
      add("Where", meta.where);
      add("Cost", meta.cost);
    } else if (kind === "Story") {
      add("Setting", meta.setting);
      add("Written", meta.date);
    } else if (kind === "News") {
      add("Posted", meta.date);
    } else if (kind === "Newsletter") {
      add("Sent", meta.date);
    }
    return facts;
  }

  // Pagefind's excerpt marks the matched words with <mark>. Keep the text and
  // those marks only: nothing else from it becomes markup.
  function excerptOf(html, every) {
    var paragraph = element("p", "sp-result__excerpt");
    var parsed = new DOMParser().parseFromString("<body>" + (html || "").split(every).join("") + "</body>", "text/html");
    (function copy(from, to) {
      Array.prototype.forEach.call(from.childNodes, function (node) {
        if (node.nodeType === 3) {
          to.appendChild(document.createTextNode(node.nodeValue));
        } else if (node.nodeType === 1 && node.nodeName === "MARK" && to === paragraph) {
          copy(node, to.appendChild(element("mark")));
        } else if (node.nodeType === 1) {
          copy(node, to);
        }
      });
    })(parsed.body, paragraph);
    return paragraph;
  }

  window.signpostSearch = window.signpostSearch || {};
  window.signpostSearch.element = element;
  window.signpostSearch.resultItem = resultItem;
  window.signpostSearch.hasEnded = hasEnded;
})();
