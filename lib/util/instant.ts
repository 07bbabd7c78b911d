/** Reading RFC 3339 date-times into the millisecond instants the registry's clock stamps records with. */

const LEAP_SECOND = /^(.{17})60(\.\d+)?(.*)$/s;

/**
 * The instant of an RFC 3339 date-time (already checked against the format), in Unix milliseconds, or
 * NaN when it is not one. A leap second (`23:59:60`, which Date.parse cannot read) is the instant just
 * after second 59 of its minute: the clock never stamps a leap second, so the first time it can stamp at
 * or after one is the next minute's first millisecond.
 */
export function instantMs(dateTime: string): number {
  const leap = LEAP_SECOND.exec(dateTime);
  if (!leap) return Date.parse(dateTime);
  const lastSecond = Date.parse(`${leap[1]}59${leap[3]}`);
  return lastSecond + 1000;
}
