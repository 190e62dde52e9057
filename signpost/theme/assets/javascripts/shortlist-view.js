/* How the /shortlist/ page looks: its parts, drawn from the shortlist and
   each activity's card.json. What the page does (fetching, the buttons'
   actions) is shortlist-page.js, which mixes these methods (view) into its page
   object: inside them, `this` is that object (its mount, cards, items()...).

   Imported by shortlist-page.js. Each activity is drawn by card.js, as on
   the find and search pages; the rest of the page is made here. */
import { card, html, toElement } from "./card.js";
import * as core from "./shortlist.js";

const doc = document;
export const view = {};

function element(tag, attributes, children) {
  const node = doc.createElement(tag);
  Object.keys(attributes || {}).forEach((name) => {
    if (name === "text") {
      node.textContent = attributes[name];
    } else if (name === "hidden") {
      node.hidden = attributes[name];
    } else {
      node.setAttribute(name, attributes[name]);
    }
  });
  (children || []).forEach((child) => {
    if (child) {
      node.appendChild(typeof child === "string" ? doc.createTextNode(child) : child);
    }
  });
  return node;
}

/* hiddenWords are read by screen readers after the label: "Remove: Football". */
function button(label, attributes, hiddenWords) {
  const node = element("button", Object.assign({ type: "button", class: "md-button sp-button" }, attributes || {}), [label]);
  if (hiddenWords) {
    node.appendChild(element("span", { class: "sp-visually-hidden", text: hiddenWords }));
  }
  return node;
}

/* "Phone 01632 960 411" becomes a link to ring; so do email and web lines. */
function contactLine(text) {
  const match = /^(Phone|Email|Web) (.+)$/.exec(text);
  if (!match) {
    return text;
  }
  const [, how, value] = match;
  if (how === "Phone") {
    return html`<span>Phone <a href="tel:${value.replace(/[^0-9+]/g, "")}">${value}</a></span>`;
  }
  if (how === "Email") {
    return html`<span>Email <a href="mailto:${value}">${value}</a></span>`;
  }
  if (!/^https?:\/\//.test(value)) {
    return text;
  }
  return html`<span>Web <a href="${value}" rel="noopener" data-print-href="shown">${value}</a></span>`;
}

/* The facts of an activity's card.json, [label, lines], as the shortlist shows them. */
function facts(found) {
  const firstVisit = found.first_visit || [];
  return [
    ["When", [...(found.when || []), found.when_note, found.next_dates?.length && `Next: ${found.next_dates.join(", ")}`]],
    ["Where", [found.address || found.where, found.buses]],
    ["Cost", [found.cost]],
    ["First visit", [firstVisit.join(". ") + (firstVisit.length ? "." : "")]],
    ["New people", [found.taking]],
    ["Contact", (found.contact || []).map(contactLine)],
  ];
}

/* What takes the place of the facts when a card.json is gone or could not be fetched. */
function trouble(found, page) {
  if (found.missing) {
    return html`<p>This activity is no longer listed on the site. It may have closed or been taken off.</p>`;
  }
  return html`<p>The details of this activity could not be loaded just now. Check your connection and reload the page, or <a href="${page}">open its page</a>.</p>`;
}

/* A word while the cards load, the first time only. */
view.drawLoading = function () {
  this.mount.textContent = "";
  this.mount.appendChild(element("p", { class: "sp-shortlist__loading", text: "Loading your shortlist\u2026" }));
};

view.draw = function () {
  const stems = this.items();
  const mount = this.mount;
  mount.textContent = "";
  if (this.heading) {
    this.heading.textContent = this.shared ? "A shortlist shared with you" : this.title;
  }

  const intro = element("p", { class: "sp-shortlist__intro", tabindex: "-1" });
  this.intro = intro;
  mount.appendChild(intro);

  if (this.shared) {
    const own = core.items().length;
    const mine = element("a", { href: this.ownAddress() }, [
      own ? `your own shortlist (${core.count(own)})` : "your own shortlist",
    ]);
    mount.appendChild(
      element("p", { class: "sp-no-print" }, [
        "Someone has sent you this list. It is not saved in this browser until you press \u201cSave to my shortlist\u201d. You can also go to ",
        mine,
        ".",
      ]),
    );
  } else if (!core.saved()) {
    mount.appendChild(
      element("p", {
        class: "sp-notice sp-no-print",
        text: "This browser is not letting the site keep your shortlist, so it will be lost when you leave this page. To keep it, print it or share it.",
      }),
    );
  }

  if (this.empty) {
    this.empty.hidden = stems.length > 0 || !!this.shared;
  }
  this.updateIntro();
  if (!stems.length) {
    if (this.shared) {
      mount.appendChild(
        element("p", {
          text: "This link has no activities in it. It may have been cut short when it was copied: ask for it again.",
        }),
      );
    }
    return;
  }

  /* What you can do with the list. */
  const actions = element("div", { class: "sp-shortlist__actions sp-no-print" });
  if (this.shared) {
    actions.appendChild(button("Save to my shortlist", { "data-action": "save" }));
  }
  actions.appendChild(button("Print this list", { "data-action": "print" }));
  this.shareButton = button("Share this list", {
    "data-action": "share",
    "aria-expanded": "false",
    "aria-controls": "sp-shortlist-share",
  });
  actions.appendChild(this.shareButton);
  if (!this.shared) {
    this.clearButton = button("Clear the list", {
      "data-action": "clear",
      "aria-expanded": "false",
      "aria-controls": "sp-shortlist-confirm",
      class: "md-button sp-button sp-button--quiet",
    });
    actions.appendChild(this.clearButton);
  }
  mount.appendChild(actions);

  /* Confirming "Clear the list", in the page rather than a pop-up. */
  if (!this.shared) {
    this.confirm = element("div", { id: "sp-shortlist-confirm", class: "sp-shortlist__confirm sp-no-print", hidden: true }, [
      element("p", { id: "sp-shortlist-confirm-question", tabindex: "-1" }),
      element("div", { class: "sp-shortlist__buttons" }, [
        button("Yes, clear the list", { "data-action": "clear-yes" }),
        button("No, keep it", { "data-action": "clear-no", class: "md-button sp-button sp-button--quiet" }),
      ]),
    ]);
    this.confirm.setAttribute("role", "group");
    this.confirm.setAttribute("aria-labelledby", "sp-shortlist-confirm-question");
    mount.appendChild(this.confirm);
  } else {
    this.confirm = null;
  }

  /* Sharing: an address, a copy button and an email link. */
  this.addressInput = element("input", {
    id: "sp-shortlist-address",
    type: "text",
    readonly: "",
    class: "sp-shortlist__address",
    spellcheck: "false",
    autocomplete: "off",
  });
  this.email = element("a", { class: "md-button sp-button", "data-action": "email" }, ["Email this list"]);
  this.copyStatus = element("p", { class: "sp-shortlist__copied", "aria-live": "polite" });
  const shareButtons = element("div", { class: "sp-shortlist__buttons" }, [
    button("Copy link", { "data-action": "copy" }),
    this.email,
    typeof navigator.share === "function" ? button("Send with another app", { "data-action": "send" }) : null,
  ]);
  this.sharePanel = element("div", { id: "sp-shortlist-share", class: "sp-shortlist__share sp-no-print", hidden: true }, [
    element("h2", { text: "Share this list" }),
    element("p", {
      text: "Anyone who opens this address sees the same list, and can print it or save it to their own shortlist. It does not say who made it.",
    }),
    element("label", { for: "sp-shortlist-address", text: "Address of this list" }),
    this.addressInput,
    shareButtons,
    this.copyStatus,
  ]);
  mount.appendChild(this.sharePanel);

  /* The list itself. */
  const list = element("ol", { class: "sp-shortlist__list", "aria-label": this.shared ? "Shared shortlist" : "Your shortlist" });
  stems.forEach((stem) => {
    list.appendChild(this.entry(stem));
  });
  this.list = list;
  mount.appendChild(list);
  this.updateShare();
};

view.updateIntro = function () {
  const n = this.items().length;
  let text;
  if (this.shared) {
    text = n ? `${core.count(n)} on this list.` : "";
  } else if (!n) {
    text = "Your shortlist is empty.";
  } else {
    text = `${core.count(n)}, in the order you added them. The list is kept in this browser only, so print it or share it to keep it.`;
  }
  this.intro.textContent = text;
  this.intro.hidden = !text;
};

view.updateShare = function () {
  if (!this.addressInput) {
    return;
  }
  const address = this.shareAddress();
  this.addressInput.value = address;
  const stems = this.items();
  const names = stems
    .map((stem, index) => {
      const found = this.cards[stem] || {};
      const name = found.name || core.name(stem) || stem;
      const when = found.when?.length ? ` \u2013 ${found.when[0]}` : "";
      return `${index + 1}. ${name}${when}`;
    })
    .join("\n");
  const subject = `Shortlist of activities from ${core.siteName()}`;
  let body = `${names}\n\nOpen the list (and print it) here:\n${address}\n`;
  if (body.length > 1500) {
    body = `Open the list (and print it) here:\n${address}\n`;
  }
  this.email.setAttribute("href", `mailto:?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`);
};

view.entry = function (stem) {
  const found = this.cards[stem] || { failed: true };
  const name = found.name || core.name(stem) || stem.replace(/-/g, " ");
  const page = this.pageLink(stem);
  const ok = !found.missing && !found.failed;
  const state = ok ? "" : found.missing ? " sp-shortlist__item--gone" : " sp-shortlist__item--failed";
  const look = {
    item: `sp-card sp-shortlist__item${state}`,
    attributes: { "data-stem": stem },
    title: "sp-card__title",
    facts: "sp-card__facts sp-shortlist__facts",
    keepEmpty: true,
  };
  const remove = this.shared
    ? ""
    : html`<button type="button" class="md-button sp-button sp-button--quiet sp-no-print" data-action="remove" data-stem="${stem}">Remove<span class="sp-visually-hidden">: ${name}</span></button>`;
  if (!ok) {
    return toElement(card({ ...look, keepEmpty: false }, { title: name, after: html`${trouble(found, page)}${remove}` }));
  }
  const drawn = card(look, {
    title: name,
    href: page,
    facts: facts(found),
    before: html`<p class="sp-print-only sp-print-address">${core.publicAddress(page)}</p>${
      found.status && html`<p class="sp-badge">${found.status}</p>`
    }`,
    after: html`<div class="sp-print-only sp-notes" aria-hidden="true"><span>Notes</span></div>${remove}`,
  });
  return toElement(drawn);
};
