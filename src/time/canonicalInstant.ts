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
  if (length === 24) {
    if (text.charCodeAt(19) !== 46 || digits(text, 20, 3) < 0) return false; // .sss
  } else if (length !== 20) {
    return false;
  }
  if (
    text.charCodeAt(4) !== 45 || // -
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 || // T
    text.charCodeAt(13) !== 58 || // :
    text.charCodeAt(16) !== 58 ||
    text.charCodeAt(length - 1) !== 90 // Z
  ) {
    return false;
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return false;
  }
  return day <= daysInMonth(year, month);
}

/** The number written by `width` ASCII digits from `start`, or -1 when one of them is not a digit. */
function digits(text: string, start: number, width: number): number {
  let value = 0;
  for (let index = start; index < start + width; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
