// The web form for staff (admin/), after Decap CMS has loaded.
//
// Decap keeps a field that was typed in and then emptied as "" (and a block
// whose fields were all emptied as a block of ""s), and would write that to
// the file: `postcode: ""`, which `check` rightly refuses, or a `location:`
// with nothing in it. Just before each save, every empty value is left out
// instead, exactly as if nobody had touched the field, so the file holds
// only what someone wrote.

// Decap CMS is the vendored classic script before this one: it sets window.CMS.
if (window.CMS) {
  window.CMS.registerEventListener({
    name: "preSave",
    handler: (event) => tidy(event.entry.get("data")),
  });
}

// Decap's entry data is made of Immutable.js maps and lists.
function isCollection(value) {
  return value !== null && typeof value === "object" && typeof value.toJS === "function" && typeof value.filter === "function";
}

function isEmpty(value) {
  if (value === null || value === undefined) {
    return true;
  }
  if (typeof value === "string") {
    return value.trim() === "";
  }
  return isCollection(value) && value.size === 0;
}

function tidy(value) {
  if (!isCollection(value)) {
    return value;
  }
  return value.map(tidy).filter((item) => !isEmpty(item));
}
