// The browser scripts under test, imported from where the default look keeps
// them: the package's theme.
const repository = new URL("../../", import.meta.url);
const folder = new URL("signpost/theme/assets/javascripts/", repository);

/** Where the scripts are (a file: URL ending in "/"). */
export const FOLDER = folder;

/** The module of one script, by its file name ("card.js"). */
export function script(name) {
  return import(new URL(name, folder).href);
}
