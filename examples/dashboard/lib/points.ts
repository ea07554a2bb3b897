import type { Point } from "@/components/charts";
import type { Performance } from "./api";
import { date, money, type Locale } from "./format";

/**
 * The bankroll curve as chart points: one per settled bet (and the start), placed by the
 * amount's value, labelled with the amount formatted from its decimal string.
 */
export function curvePoints(p: Performance, locale: Locale): Point[] {
  return p.curve.map((c, i) => ({
    x: c.at ? `${date(c.at, locale)} #${i}` : "start",
    y: Number(c.bankroll),
    label: money(c.bankroll, locale),
  }));
}
