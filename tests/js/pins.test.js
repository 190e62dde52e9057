// The tools the scripts are checked with are pinned exactly, and `npm ci`
// installs just what package.json asks for: a new release of Biome cannot
// change what passes until someone moves the pin on purpose.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

const read = (name) => JSON.parse(readFileSync(new URL(`../../${name}`, import.meta.url), "utf8"));

test("every tool is pinned to one exact version, and the lock agrees", () => {
  const wanted = read("package.json").devDependencies;
  const locked = read("package-lock.json").packages;
  assert.ok(Object.keys(wanted).length, "package.json names its tools");
  for (const [name, version] of Object.entries(wanted)) {
    assert.match(version, /^\d+\.\d+\.\d+$/, `${name} is pinned by a range (${version}), not one version`);
    assert.equal(locked[`node_modules/${name}`]?.version, version, `package-lock.json has another ${name}: run npm install`);
    assert.deepEqual(locked[""].devDependencies, wanted, "package-lock.json was made from another package.json");
  }
});
