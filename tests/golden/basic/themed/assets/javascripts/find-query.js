// The find page's address, read and written, and the Pagefind filters it
// stands for. No page access here, so the rules can be tested on their own
// (tests/js/find-query.test.js).
//
// The address is the state (other tools rely on it):
//   ?q=walk&domain=sport&day=tuesday&day=thursday&time=evening&cost=free
//   &area=northgate&access=step_free&audience=older-people&age=72
//   &welcome=accompanied_first_visit&taking=yes&on=today&sort=near
// Repeated keys are OR within a facet; facets are AND; day and time apply
// to the same session (the "slot" filter holds day-and-time pairs).

export const FACETS = ["domain", "area", "day", "time", "cost", "welcome", "access", "audience", "taking"];
export const DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
export const TIMES = ["morning", "afternoon", "evening"];
// The facets Pagefind filters by their own name (day and time make slots).
const PLAIN_FACETS = ["domain", "area", "cost", "welcome", "access", "audience", "taking"];
const SINGLE = ["age", "on", "sort"];

/** The state in an address's query (location.search): words, each facet's choices, age, on, sort. */
export function readState(search) {
  const params = new URLSearchParams(search);
  const state = { q: params.get("q") || "" };
  for (const key of SINGLE) {
    state[key] = params.get(key) || "";
  }
  for (const key of FACETS) {
    state[key] = params.getAll(key);
  }
  return state;
}

/** The query part of the address for a state: "?q=walk&day=monday", or "" with no choices. */
export function queryOf(state) {
  const params = new URLSearchParams();
  if (state.q) {
    params.append("q", state.q);
  }
  for (const key of FACETS) {
    for (const value of state[key]) {
      params.append(key, value);
    }
  }
  for (const key of SINGLE) {
    if (state[key]) {
      params.append(key, state[key]);
    }
  }
  const query = params.toString();
  return query ? `?${query}` : "";
}

/**
 * Pagefind's keys for the sessions on one date at these times of day (see
 * the "meets" filter in facets.py): weekly, fortnightly (weeks counted from
 * Monday 3 January 2000), nth or last weekday of the month, and the date itself.
 */
export function dayKeys(date, times) {
  const weekday = DAYS[(date.getDay() + 6) % 7];
  const utc = Date.UTC(date.getFullYear(), date.getMonth(), date.getDate());
  const weeks = Math.floor((utc - Date.UTC(2000, 0, 3)) / 86400000 / 7);
  const nth = Math.floor((date.getDate() - 1) / 7) + 1;
  const last = new Date(date.getFullYear(), date.getMonth(), date.getDate() + 7).getMonth() !== date.getMonth();
  const iso = new Date(utc).toISOString().slice(0, 10);
  return times.flatMap((time) => [
    `w-${weekday}-${time}`,
    `f-${weekday}-${weeks % 2}-${time}`,
    `d-${iso}-${time}`,
    ...(nth <= 4 ? [`m-${weekday}-${nth}-${time}`] : []),
    ...(last ? [`m-${weekday}-L-${time}`] : []),
  ]);
}

/** The dates "on" means, seen from today: today, tomorrow or the (rest of the) weekend. */
export function quickDates(on, today) {
  const day = (offset) => new Date(today.getFullYear(), today.getMonth(), today.getDate() + offset);
  if (on === "today") {
    return [day(0)];
  }
  if (on === "tomorrow") {
    return [day(1)];
  }
  if (on === "weekend") {
    const weekday = today.getDay();
    return weekday === 0 ? [day(0)] : [day(6 - weekday), day(7 - weekday)];
  }
  return [];
}

// Day and time belong to one session: both chosen means day-and-time pairs.
function sessionFilter(days, times) {
  if (days.length && times.length) {
    return { slot: { any: days.flatMap((day) => times.map((time) => `${day}-${time}`)) } };
  }
  if (days.length) {
    return { day: { any: days } };
  }
  return times.length ? { time: { any: times } } : {};
}

// Open to someone of this age: starting at or below it, ending at or above it (or never).
function ageFilter(text) {
  const age = Number.parseInt(text, 10);
  if (Number.isNaN(age) || age < 0 || age > 120) {
    return {};
  }
  const ages = Array.from({ length: 121 }, (_, year) => String(year));
  return {
    age_from: { any: ages.slice(0, age + 1) },
    age_to: { any: ["none", ...ages.slice(age + 1), String(age)] },
  };
}

/**
 * Pagefind's filters for a state, one key per facet (Pagefind ANDs the
 * keys, and ORs the values in `any`). omit: a facet left out, to count
 * what each of its options would give. today: the date "on" counts from.
 */
export function filtersFor(state, omit, today = new Date()) {
  // Without words the search is for the word only activities carry, so
  // the kind filter (another download) is needed only with words.
  const filters = state.q ? { kind: "Activity" } : {};
  for (const key of PLAIN_FACETS) {
    if (key !== omit && state[key].length) {
      filters[key] = { any: state[key] };
    }
  }
  const times = omit === "time" ? [] : state.time;
  Object.assign(filters, sessionFilter(omit === "day" ? [] : state.day, times));
  if (state.on && omit !== "on") {
    const keyTimes = times.length ? times : TIMES;
    filters.meets = { any: quickDates(state.on, today).flatMap((date) => dayKeys(date, keyTimes)) };
  }
  return Object.assign(filters, ageFilter(state.age));
}
