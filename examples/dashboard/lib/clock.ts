import "server-only";

/**
 * The instant a page is rendered at. Server components render once per request (the pages
 * are dynamic), so "now" is a property of the request: what kicks off within 24 hours, which
 * events are still open for a bet, the as-of date of a loan or a risk score.
 */
export function requestTime(): Date {
  return new Date();
}
