// The browser scripts under test, imported from where the default look keeps
// them: templates/ today, signpost/theme/ once the theme is in the package.
import { existsSync } from "node:fs";

const repository = new URL("../../", import.meta.url);
const folder = ["signpost/theme/assets/javascripts/", "templates/assets/javascripts/"]
  .map((path) => new URL(path, repository))
  .find((url) => existsSync(url));

/** Where the scripts are (a file: URL ending in "/"). */
export const FOLDER = folder;

/** The module of one script, by its file name ("card.js"). */
export function script(name) {
  return import(new URL(name, folder).href);
}
