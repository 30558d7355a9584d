/**
 * The instants hosts and stores write almost always, `YYYY-MM-DDTHH:MM:SSZ` and `toISOString`'s
 * `YYYY-MM-DDTHH:MM:SS.sssZ`, recognised by their
 * characters instead of `isoInstant`'s pattern, which costs more than the rest of a replayed event's
 * envelope. True only for text that pattern accepts too (a real calendar day, hours to 23, minutes and
 * seconds to 59); `false` says nothing, and the caller then asks the pattern.
 *
 * @internal
 */
export function isCanonicalUtcInstant(text: string): boolean {
  const length = text.length;
  if ((length !== 20 && length !== 24) || text.charCodeAt(length - 1) !== 90) return false; // Z
  if (
    text.charCodeAt(4) !== 45 || // -
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 || // T
    text.charCodeAt(13) !== 58 || // :
    text.charCodeAt(16) !== 58
  ) {
    return false;
  }
  // Straight-line, one digit at a time (replay runs this on every event): a unit that is not an
  // ASCII digit gives a value above 9 (unsigned), which the tests below refuse.
  const y0 = digitAt(text, 0);
  const y1 = digitAt(text, 1);
  const y2 = digitAt(text, 2);
  const y3 = digitAt(text, 3);
  const m0 = digitAt(text, 5);
  const m1 = digitAt(text, 6);
  const d0 = digitAt(text, 8);
  const d1 = digitAt(text, 9);
  const h0 = digitAt(text, 11);
  const h1 = digitAt(text, 12);
  const i0 = digitAt(text, 14);
  const i1 = digitAt(text, 15);
  const s0 = digitAt(text, 17);
  const s1 = digitAt(text, 18);
  if (y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || m0 > 9 || m1 > 9 || d0 > 9 || d1 > 9 || h0 > 9 || h1 > 9) return false;
  if (i0 > 9 || i1 > 9 || s0 > 9 || s1 > 9) return false;
  if (length === 24 && (text.charCodeAt(19) !== 46 || digitAt(text, 20) > 9 || digitAt(text, 21) > 9 || digitAt(text, 22) > 9))
    return false; // .sss
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month < 1 || month > 12 || day < 1 || h0 * 10 + h1 > 23 || i0 > 5 || s0 > 5) return false;
  return day <= daysInMonth(y0 * 1000 + y1 * 100 + y2 * 10 + y3, month);
}

/** The digit at `index`, or a number above 9 when the unit there is not an ASCII digit. */
function digitAt(text: string, index: number): number {
  return (text.charCodeAt(index) - 48) >>> 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
