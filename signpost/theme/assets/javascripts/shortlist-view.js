/* How the /shortlist/ page looks: its parts, drawn from the shortlist and
   each activity's card.json. What the page does (fetching, the buttons'
   actions) is shortlist-page.js, which mixes these methods into its page
   object: inside them, `this` is that object (its mount, cards, items()...).

   Loaded by templates/signpost/shortlist.html only, just before
   shortlist-page.js. */
(function () {
  "use strict";

  var doc = document;

  /* core is window.signpostShortlist (shortlist.js): the list, names, counts. */
  window.signpostShortlistView = function (core) {
    var methods = {};

    function element(tag, attributes, children) {
      var node = doc.createElement(tag);
      Object.keys(attributes || {}).forEach(function (name) {
        if (name === "text") {
          node.textContent = attributes[name];
        } else if (name === "hidden") {
          node.hidden = attributes[name];
        } else {
          node.setAttribute(name, attributes[name]);
        }
      });
      (children || []).forEach(function (child) {
        if (child) {
          node.appendChild(typeof child === "string" ? doc.createTextNode(child) : child);
        }
      });
      return node;
    }

    /* hiddenWords are read by screen readers after the label: "Remove: Football". */
    function button(label, attributes, hiddenWords) {
      var node = element("button", Object.assign({ type: "button", class: "md-button sp-button" }, attributes || {}), [label]);
      if (hiddenWords) {
        node.appendChild(element("span", { class: "sp-visually-hidden", text: hiddenWords }));
      }
      return node;
    }

    /* Lines of text with <br> between them. */
    function lines(node, texts) {
      texts
        .filter(function (text) {
          return text;
        })
        .forEach(function (text, index) {
          if (index) {
            node.appendChild(doc.createElement("br"));
          }
          node.appendChild(typeof text === "string" ? doc.createTextNode(text) : text);
        });
      return node;
    }

    /* "Phone 01632 960 411" becomes a link to ring; so do email and web lines. */
    function contactLine(text) {
      var match = /^(Phone|Email|Web) (.+)$/.exec(text);
      if (!match) {
        return text;
      }
      var value = match[2];
      var href =
        match[1] === "Phone"
          ? "tel:" + value.replace(/[^0-9+]/g, "")
          : match[1] === "Email"
            ? "mailto:" + value
            : /^https?:\/\//.test(value)
              ? value
              : null;
      if (!href) {
        return text;
      }
      var span = element("span", {}, [match[1] + " "]);
      var link = element("a", { href: href, text: value });
      if (match[1] === "Web") {
        link.setAttribute("rel", "noopener");
        link.setAttribute("data-print-href", "shown");
      }
      span.appendChild(link);
      return span;
    }

    function fact(term, texts) {
      texts = texts.filter(function (text) {
        return text;
      });
      if (!texts.length) {
        return null;
      }
      return element("div", {}, [element("dt", { text: term, class: "sp-i sp-i--" + term.toLowerCase().replace(/ /g, "-") }), lines(doc.createElement("dd"), texts)]);
    }

    /* A word while the cards load, the first time only. */
    methods.drawLoading = function () {
      this.mount.textContent = "";
      this.mount.appendChild(element("p", { class: "sp-shortlist__loading", text: "Loading your shortlist\u2026" }));
    };

    methods.draw = function () {
      var self = this;
      var stems = this.items();
      var mount = this.mount;
      mount.textContent = "";
      if (this.heading) {
        this.heading.textContent = this.shared ? "A shortlist shared with you" : this.title;
      }

      var intro = element("p", { class: "sp-shortlist__intro", tabindex: "-1" });
      this.intro = intro;
      mount.appendChild(intro);

      if (this.shared) {
        var own = core.items().length;
        var mine = element("a", { href: this.ownAddress() }, [
          own ? "your own shortlist (" + core.count(own) + ")" : "your own shortlist",
        ]);
        mount.appendChild(
          element("p", { class: "sp-no-print" }, [
            "Someone has sent you this list. It is not saved in this browser until you press \u201cSave to my shortlist\u201d. You can also go to ",
            mine,
            ".",
          ])
        );
      } else if (!core.saved()) {
        mount.appendChild(
          element("p", {
            class: "sp-notice sp-no-print",
            text: "This browser is not letting the site keep your shortlist, so it will be lost when you leave this page. To keep it, print it or share it.",
          })
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
            })
          );
        }
        return;
      }

      /* What you can do with the list. */
      var actions = element("div", { class: "sp-shortlist__actions sp-no-print" });
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
      var shareButtons = element("div", { class: "sp-shortlist__buttons" }, [
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
      var list = element("ol", { class: "sp-shortlist__list", "aria-label": this.shared ? "Shared shortlist" : "Your shortlist" });
      stems.forEach(function (stem) {
        list.appendChild(self.entry(stem));
      });
      this.list = list;
      mount.appendChild(list);
      this.updateShare();
    };

    methods.updateIntro = function () {
      var n = this.items().length;
      var text;
      if (this.shared) {
        text = n ? core.count(n) + " on this list." : "";
      } else if (!n) {
        text = "Your shortlist is empty.";
      } else {
        text = core.count(n) + ", in the order you added them. The list is kept in this browser only, so print it or share it to keep it.";
      }
      this.intro.textContent = text;
      this.intro.hidden = !text;
    };

    methods.updateShare = function () {
      if (!this.addressInput) {
        return;
      }
      var address = this.shareAddress();
      this.addressInput.value = address;
      var stems = this.items();
      var self = this;
      var names = stems
        .map(function (stem, index) {
          var card = self.cards[stem] || {};
          var name = card.name || core.name(stem) || stem;
          var when = card.when && card.when.length ? " \u2013 " + card.when[0] : "";
          return index + 1 + ". " + name + when;
        })
        .join("\n");
      var subject = "Shortlist of activities from " + core.siteName();
      var body = names + "\n\nOpen the list (and print it) here:\n" + address + "\n";
      if (body.length > 1500) {
        body = "Open the list (and print it) here:\n" + address + "\n";
      }
      this.email.setAttribute("href", "mailto:?subject=" + encodeURIComponent(subject) + "&body=" + encodeURIComponent(body));
    };

    methods.entry = function (stem) {
      var card = this.cards[stem] || { failed: true };
      var name = card.name || core.name(stem) || stem.replace(/-/g, " ");
      var item = element("li", { class: "sp-card sp-shortlist__item", "data-stem": stem });
      var heading = element("h2", { class: "sp-card__title" });
      item.appendChild(heading);

      if (card.missing || card.failed) {
        item.classList.add(card.missing ? "sp-shortlist__item--gone" : "sp-shortlist__item--failed");
        heading.textContent = name;
        item.appendChild(
          element("p", {}, [
            card.missing
              ? "This activity is no longer listed on the site. It may have closed or been taken off."
              : "The details of this activity could not be loaded just now. Check your connection and reload the page, or ",
            card.missing ? null : element("a", { href: this.pageLink(stem), text: "open its page" }),
            card.missing ? null : ".",
          ])
        );
      } else {
        var page = this.pageLink(stem);
        heading.appendChild(element("a", { href: page, text: name }));
        item.appendChild(element("p", { class: "sp-print-only sp-print-address", text: core.publicAddress(page) }));
        if (card.status) {
          item.appendChild(element("p", { class: "sp-badge", text: card.status }));
        }
        var when = (card.when || []).slice();
        if (card.when_note) {
          when.push(card.when_note);
        }
        if (card.next_dates && card.next_dates.length) {
          when.push("Next: " + card.next_dates.join(", "));
        }
        var contact = (card.contact || []).map(contactLine);
        var facts = element("dl", { class: "sp-card__facts sp-shortlist__facts" }, [
          fact("When", when),
          fact("Where", [card.address || card.where, card.buses]),
          fact("Cost", [card.cost]),
          fact("First visit", [(card.first_visit || []).join(". ") + ((card.first_visit || []).length ? "." : "")]),
          fact("New people", [card.taking]),
          fact("Contact", contact),
        ]);
        item.appendChild(facts);
        item.appendChild(element("div", { class: "sp-print-only sp-notes", "aria-hidden": "true" }, [element("span", { text: "Notes" })]));
      }
      if (!this.shared) {
        item.appendChild(
          button("Remove", { "data-action": "remove", "data-stem": stem, class: "md-button sp-button sp-button--quiet sp-no-print" }, ": " + name)
        );
      }
      return item;
    };

    return methods;
  };
})();
