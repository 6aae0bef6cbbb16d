const months: Record<string, number> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};
/** RFC 822 zone names and the few others feeds write (minutes east of UTC). */
const zones: Record<string, number> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  wet: 0,
  bst: 60,
  cet: 60,
  cest: 120,
  met: 60,
  mest: 120,
  eet: 120,
  eest: 180,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  akst: -540,
  akdt: -480,
  hst: -600,
  ist: 330,
  jst: 540,
  kst: 540,
  aest: 600,
  aedt: 660,
  nzst: 720,
  nzdt: 780,
};

// Every pattern is anchored with bounded, non-nested repetition: no input can make them backtrack.
const iso =
  /^(\d{4})(?:-?(\d{2})(?:-?(\d{2})(?:[T\s]+(\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,](\d{1,9}))?)?\s{0,3}(Z|[+-]\d{1,2}(?::?\d{2})?|[A-Za-z]{1,5})?)?)?)?$/;
const rfc822 =
  /^(?:[A-Za-z]{2,12},?\s{1,5})?(\d{1,2})[\s-]{1,5}([A-Za-z]{3,12})\.?[\s-]{1,5}(\d{2,4})(?:,?\s{1,5}(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d{1,9})?)?(?:\s{0,5}([A-Za-z]{1,5}|[+-]\d{2}:?\d{2}|[+-]\d{1,2})(?:\s{0,3}\([^()]{0,40}\))?)?$/;
// "Mon, Jan 5 2004 10:00:00 GMT" and "January 5, 2004": month before day.
const monthFirst =
  /^(?:[A-Za-z]{2,12},?\s{1,5})?([A-Za-z]{3,12})\.?\s{1,5}(\d{1,2}),?\s{1,5}(\d{4})(?:,?\s{1,5}(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s{0,5}([A-Za-z]{1,5}|[+-]\d{2}:?\d{2}))?$/;

/**
 * Epoch milliseconds from the dates feeds write: W3C-DTF/ISO 8601 (also
 * partial, spaced or without separators), RFC 822 (two-digit years, zone
 * names, no day name, no seconds) and, failing those, what V8 reads. A date
 * without a zone is taken as UTC. Null when nothing sensible comes out.
 */
export function parseFeedDate(value: string | null | undefined): number | null {
  const text = (value ?? '').trim().slice(0, 128);
  if (!text) return null;
  const fromIso = iso.exec(text);
  if (fromIso) {
    const [, y, mo, d, h, mi, s, frac, zone] = fromIso;
    return build(+y!, mo ? +mo - 1 : 0, d ? +d : 1, h, mi, s, frac, zone ?? 'Z');
  }
  const fromRfc = rfc822.exec(text);
  if (fromRfc) {
    const [, d, mon, y, h, mi, s, zone] = fromRfc;
    const month = monthIndex(mon!);
    if (month !== null) return build(fullYear(+y!, y!.length), month, +d!, h, mi, s, undefined, zone ?? 'Z');
  }
  const fromMonthFirst = monthFirst.exec(text);
  if (fromMonthFirst) {
    const [, mon, d, y, h, mi, s, zone] = fromMonthFirst;
    const month = monthIndex(mon!);
    if (month !== null) return build(+y!, month, +d!, h, mi, s, undefined, zone ?? 'Z');
  }
  const fallback = Date.parse(text);
  return Number.isFinite(fallback) ? fallback : null;
}

function monthIndex(name: string): number | null {
  return months[name.slice(0, 3).toLowerCase()] ?? null;
}

function fullYear(year: number, digits: number): number {
  if (digits > 2) return year;
  // RFC 822's two-digit years: as RFC 2822 §4.3 says, 00-49 are 2000s, 50-99 the 1900s.
  return year < 50 ? 2000 + year : 1900 + year;
}

function build(
  year: number,
  month: number,
  day: number,
  hour: string | undefined,
  minute: string | undefined,
  second: string | undefined,
  fraction: string | undefined,
  zone: string,
): number | null {
  const h = hour ? +hour : 0;
  const mi = minute ? +minute : 0;
  const s = second ? +second : 0;
  if (month > 11 || day < 1 || day > 31 || h > 24 || mi > 59 || s > 60) return null;
  const ms = fraction ? Math.round(+`0.${fraction}` * 1000) : 0;
  const offset = zoneOffset(zone);
  if (offset === null) return null;
  // A day the month does not have (31 June, 30 February) is no date: Date.UTC would roll it into the next month.
  if (day > new Date(Date.UTC(year, month + 1, 0)).getUTCDate()) return null;
  const time = Date.UTC(year, month, day, h, mi, s, ms) - offset * 60_000;
  return Number.isFinite(time) ? time : null;
}

function zoneOffset(zone: string): number | null {
  const sign = zone[0];
  if (sign === '+' || sign === '-') {
    const digits = zone.slice(1).replace(':', '');
    const hours = digits.length <= 2 ? +digits : +digits.slice(0, digits.length - 2);
    const minutes = digits.length <= 2 ? 0 : +digits.slice(-2);
    return (sign === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  // Unknown names (RFC 822's military letters among them, which it says to ignore) count as UTC.
  return zones[zone.toLowerCase()] ?? 0;
}
