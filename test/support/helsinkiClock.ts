// The referee for what a clock in Helsinki shows: the platform's Intl (ICU), not the Temporal
// polyfill the calendar computes with.
const helsinki = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Helsinki',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** What a clock on the wall in Helsinki shows at an instant: `YYYY-MM-DD HH:MM:SS`. */
export function wallClock(instant: string): string {
  const parts = Object.fromEntries(helsinki.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}
