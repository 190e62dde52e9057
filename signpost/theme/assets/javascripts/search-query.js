// The search page's understanding of a query (used by search.js):
// - words that name something the directory files activities by ("free",
//   "tuesday", "evening", "step-free", "bring a friend", a type of activity,
//   an area) become Pagefind filters instead of text;
// - when nothing is found, the nearest known words: "Did you mean football?".
// No page access here: search.js gives it the page's terms and words, and
// tests/js/search-query.test.js the same.

const STOP_WORDS = toSet(
  "a an and any are at by can do for from i in is it me my near of on or " +
    "please show some something somewhere that the things to what where which with " +
    "activity activities anything stuff",
);
// Names too general to be a filter on their own (the type "other").
const GENERIC = toSet("other others group groups");
const DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const DAY_WORDS = {
  monday: ["mon", "mondays"],
  tuesday: ["tue", "tues", "tuesdays"],
  wednesday: ["wed", "weds", "wednesdays"],
  thursday: ["thu", "thur", "thurs", "thursdays"],
  friday: ["fri", "fridays"],
  saturday: ["sat", "saturdays"],
  sunday: ["sun", "sundays"],
};
const TIMES = {
  morning: ["morning", "mornings"],
  afternoon: ["afternoon", "afternoons"],
  evening: ["evening", "evenings", "night", "nights"],
};
const ACCESS_WORDS = {
  step_free: [
    "step-free",
    "step free",
    "stepfree",
    "no steps",
    "wheelchair",
    "wheelchairs",
    "wheelchair access",
    "wheelchair accessible",
    "step-free access",
  ],
  accessible_toilet: ["accessible toilet", "accessible toilets", "disabled toilet", "disabled toilets"],
  hearing_loop: ["hearing loop", "induction loop"],
  bsl: ["bsl", "british sign language", "sign language"],
  quiet_space: ["quiet space", "quiet room"],
  large_print: ["large print"],
};
const WELCOME = {
  accompanied_first_visit: {
    label: "Bring someone the first time",
    words: [
      "bring a friend",
      "bring friend",
      "bring friends",
      "bring a friend with me",
      "bring someone",
      "bring someone with me",
      "bring a carer",
      "bring my carer",
      "bring a support worker",
      "bring my support worker",
      "come with me",
      "someone with me",
      "someone to come with me",
      "accompanied",
    ],
  },
  buddy: { label: "A buddy to show you around", words: ["buddy", "buddies", "a buddy"] },
};

function toSet(words) {
  const set = Object.create(null);
  words.split(/\s+/).forEach((word) => {
    if (word) {
      set[word] = true;
    }
  });
  return set;
}

// One query word split into the pieces used to match terms: "Step-free" → ["step", "free"].
function pieces(text) {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[^\p{L}\p{N}'+-]+/gu, " ")
    .split(/[\s-]+/)
    .map((piece) => piece.replace(/^'+|'+$/g, ""))
    .filter(Boolean);
}

function buildTerms(data) {
  const terms = [];
  function add(phrases, filter, values, label) {
    phrases.forEach((phrase) => {
      const words = pieces(phrase);
      if (words.length && !(words.length === 1 && (STOP_WORDS[words[0]] || GENERIC[words[0]]))) {
        terms.push({ words: words, filter: filter, values: values, label: label });
      }
    });
  }
  add(["free", "free of charge", "no cost", "costs nothing", "no charge"], "cost", ["free"], "Free");
  DAYS.forEach((day) => {
    add([day].concat(DAY_WORDS[day]), "day", [day], capitalise(day));
  });
  add(["weekend", "weekends", "the weekend"], "day", ["saturday", "sunday"], "Weekend");
  add(["weekday", "weekdays", "week day", "week days"], "day", DAYS.slice(0, 5), "Weekdays");
  Object.keys(TIMES).forEach((time) => {
    add(TIMES[time], "time", [time], capitalise(time));
  });
  const accessLabels = data.access || {};
  Object.keys(ACCESS_WORDS).forEach((value) => {
    add(ACCESS_WORDS[value], "access", [value], accessLabels[value] || capitalise(value.replace(/_/g, " ")));
  });
  Object.keys(WELCOME).forEach((value) => {
    add(WELCOME[value].words, "welcome", [value], WELCOME[value].label);
  });
  ["domain", "area"].forEach((filter) => {
    (data[filter] || []).forEach((group) => {
      const phrases = [group.label, group.value.replace(/-/g, " ")];
      if (/^the\s/i.test(group.label)) {
        phrases.push(group.label.replace(/^the\s+/i, ""));
      }
      add(phrases, filter, [group.value], group.label);
    });
  });
  // Longest first, so "free community support" (a type of activity) wins over "free".
  terms.sort((a, b) => b.words.length - a.words.length);
  return terms;
}

function capitalise(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// The query reader for this site's types of activity, areas and access
// labels (data: {domain: [{value, label}], area: [...], access: {value: label}}).
export function reader(data) {
  const terms = buildTerms(data);

  // Split a query into words (words inside "double quotes" are kept as text),
  // take out the words that name a filter, and say what is left to search for.
  function parse(query) {
    const tokens = [];
    query.split('"').forEach((part, index) => {
      part.split(/\s+/).forEach((text) => {
        if (text) {
          tokens.push({ text: text, quoted: index % 2 === 1, group: index, pieces: pieces(text), used: false });
        }
      });
    });
    const flat = [];
    tokens.forEach((token, number) => {
      token.pieces.forEach((piece, index) => {
        flat.push({ piece: piece, token: number, first: index === 0, last: index === token.pieces.length - 1 });
      });
    });
    const chips = [];
    const byKey = {};
    let position = 0;
    while (position < flat.length) {
      const match = matchAt(flat, tokens, position);
      if (!match) {
        position += 1;
        continue;
      }
      const key = `${match.term.filter}:${match.term.values.join(",")}`;
      let chip = byKey[key];
      if (!chip) {
        chip = byKey[key] = {
          key: key,
          filter: match.term.filter,
          values: match.term.values,
          label: match.term.label,
          tokens: [],
        };
        chips.push(chip);
      }
      for (let n = match.from; n <= match.to; n += 1) {
        tokens[n].used = true;
        chip.tokens.push(n);
      }
      position += match.term.words.length;
    }
    const left = tokens.filter(
      (token) =>
        !token.used &&
        token.pieces.length &&
        !(chips.length && !token.quoted && token.pieces.every((piece) => STOP_WORDS[piece])),
    );
    return { query: query.trim(), tokens: tokens, chips: chips, text: joinTokens(left), words: left };
  }

  function matchAt(flat, tokens, position) {
    if (!flat[position].first || tokens[flat[position].token].quoted) {
      return null;
    }
    for (let t = 0; t < terms.length; t += 1) {
      const words = terms[t].words;
      const end = position + words.length - 1;
      if (end >= flat.length || !flat[end].last) {
        continue;
      }
      let same = true;
      for (let i = 0; i < words.length && same; i += 1) {
        same = flat[position + i].piece === words[i] && !tokens[flat[position + i].token].quoted;
      }
      if (same) {
        return { term: terms[t], from: flat[position].token, to: flat[end].token };
      }
    }
    return null;
  }

  return {
    parse: parse,
    filtersFor: filtersFor,
    joinTokens: joinTokens,
    suggest: suggest,
    // Words such as "on" or "and" that only join the filters.
    isStopWord: (piece) => !!STOP_WORDS[piece],
  };
}

// Tokens back into a query, re-quoting the quoted ones.
function joinTokens(tokens) {
  const parts = [];
  let quote = null;
  tokens.forEach((token) => {
    if (token.quoted) {
      if (quote && quote.group === token.group) {
        quote.words.push(token.text);
        return;
      }
      quote = { group: token.group, words: [token.text] };
      parts.push(quote);
    } else {
      quote = null;
      parts.push(token.text);
    }
  });
  return parts
    .map((part) => (typeof part === "string" ? part : `"${part.words.join(" ")}"`))
    .join(" ")
    .trim();
}

// Pagefind's filters for the chips. Several days (or areas, types) mean
// any of them; a day and a time together mean one session at that time.
function filtersFor(parsed) {
  const values = {};
  parsed.chips.forEach((chip) => {
    values[chip.filter] = (values[chip.filter] || []).concat(chip.values);
  });
  const filters = {};
  Object.keys(values).forEach((filter) => {
    const unique = values[filter].filter((value, index, all) => all.indexOf(value) === index);
    if (filter === "access" || filter === "welcome" || filter === "cost") {
      filters[filter] = unique;
    } else if (filter !== "day" && filter !== "time") {
      filters[filter] = { any: unique };
    }
  });
  if (values.day && values.time) {
    const slots = [];
    values.day.forEach((day) => {
      values.time.forEach((time) => {
        slots.push(`${day}-${time}`);
      });
    });
    filters.slot = { any: slots };
  } else if (values.day) {
    filters.day = { any: values.day };
  } else if (values.time) {
    filters.time = { any: values.time };
  }
  if (!parsed.text) {
    filters.kind = ["Activity"];
  }
  return filters;
}

// ---------------------------------------------------------------------
// Nothing found: the nearest known word.

// The query with each unknown word replaced by the nearest known one, or
// null when there is nothing better to offer.
function suggest(parsed, words) {
  if (!words.length || !parsed.words.length) {
    return null;
  }
  const known = new Set(words);
  let changed = false;
  const replaced = parsed.tokens.map((token) => {
    if (token.used || token.quoted || parsed.words.indexOf(token) < 0) {
      return token.text;
    }
    const word = token.pieces.join("-");
    if (word.length < 3 || known.has(word) || !/^[\p{L}'-]+$/u.test(word)) {
      return token.text;
    }
    const nearest = nearestWord(word, words);
    if (!nearest) {
      return token.text;
    }
    changed = true;
    return nearest;
  });
  return changed ? replaced.join(" ") : null;
}

function nearestWord(word, words) {
  const limit = word.length <= 4 ? 1 : 2;
  let best = null;
  words.forEach((candidate) => {
    if (Math.abs(candidate.length - word.length) > limit) {
      return;
    }
    const distance = editDistance(word, candidate, limit);
    if (distance > limit) {
      return;
    }
    const rank = [distance, candidate[0] === word[0] ? 0 : 1, Math.abs(candidate.length - word.length)];
    if (!best || compareRanks(rank, best.rank) < 0) {
      best = { word: candidate, rank: rank };
    }
  });
  return best?.word;
}

function compareRanks(a, b) {
  for (let i = 0; i < a.length; i += 1) {
    if (a[i] !== b[i]) {
      return a[i] - b[i];
    }
  }
  return 0;
}

// Damerau-Levenshtein distance (optimal string alignment): a swap of two
// letters counts as one mistake. Stops early past `limit`.
function editDistance(a, b, limit) {
  let previous2 = null;
  let previous = [];
  for (let j = 0; j <= b.length; j += 1) {
    previous.push(j);
  }
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    let smallest = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
      if (previous2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, previous2[j - 2] + 1);
      }
      row.push(value);
      smallest = Math.min(smallest, value);
    }
    if (smallest > limit) {
      return limit + 1;
    }
    previous2 = previous;
    previous = row;
  }
  return previous[b.length];
}
