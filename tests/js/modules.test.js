// How the scripts fit together: each is an ES module that imports what it
// needs, so none hands anything to another through a window global, and
// every import names a script that is there.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { FOLDER } from "./scripts.js";

const SCRIPTS = readdirSync(FOLDER).filter((name) => name.endsWith(".js"));
const source = (name) => readFileSync(new URL(name, FOLDER), "utf8");

test("the scripts are there", () => {
  assert.ok(SCRIPTS.includes("card.js") && SCRIPTS.length >= 10, SCRIPTS.join(", "));
});

test("no script sets a window global for another to read", () => {
  for (const name of SCRIPTS) {
    assert.doesNotMatch(source(name), /\bwindow\.\w+\s*=(?!=)/, name);
  }
});

test("every import names a script that is there", () => {
  for (const name of SCRIPTS) {
    for (const [, target] of source(name).matchAll(/^import [^;]*? from "([^"]+)";$/gm)) {
      assert.ok(target.startsWith("./"), `${name} imports ${target}: only our own scripts, by relative address`);
      assert.ok(existsSync(new URL(target, new URL(name, FOLDER))), `${name} imports ${target}, which is not there`);
    }
  }
});
