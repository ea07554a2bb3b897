/**
 * Formatting for people, in French or English (`Intl`). Money arrives as a decimal string and
 * is handed to `Intl.NumberFormat` as that string, which formats it exactly (never through
 * `Number`); rates are fractions shown as percents (0.0567 -> 5.67 %).
 */
export type Locale = "en" | "fr";

/** The locales offered, with their `Intl` tags. */
export const LOCALES: Record<Locale, string> = { en: "en-GB", fr: "fr-FR" };

/** A decimal string is formatted exactly as written: `Intl` reads it as a decimal. */
type Decimal = `${number}` | string;

const cache = new Map<string, Intl.NumberFormat>();
function nf(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = locale + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALES[locale], options);
    cache.set(key, f);
  }
  return f;
}

/** An amount in euros, two decimals, from its decimal string ("1536.40" -> "€1,536.40" / "1 536,40 €"); "–" when missing. */
export function money(value: Decimal | null | undefined, locale: Locale, signed = false): string {
  if (value === null || value === undefined || value === "") return "–";
  return nf(locale, { style: "currency", currency: "EUR", signDisplay: signed ? "exceptZero" : "auto" }).format(
    value as Intl.StringNumericLiteral,
  );
}

/** A price or odds from its decimal string, as written ("2.05" -> "2.05" / "2,05"). */
export function decimal(value: Decimal | null | undefined, locale: Locale, digits = 2): string {
  if (value === null || value === undefined || value === "") return "–";
  return nf(locale, { minimumFractionDigits: digits, maximumFractionDigits: Math.max(digits, 6) }).format(
    value as Intl.StringNumericLiteral,
  );
}

/** A fraction as a percent (0.0567 -> "5.67%"); "–" when missing or not finite. */
export function percent(fraction: number | null | undefined, locale: Locale, digits = 2, signed = false): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return "–";
  return nf(locale, {
    style: "percent",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    signDisplay: signed ? "exceptZero" : "auto",
  }).format(fraction);
}

/** A statistic (odds, z-score, Sharpe) with a fixed number of decimals; "–" when missing. */
export function number(value: number | null | undefined, locale: Locale, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  return nf(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

const dates = new Map<string, Intl.DateTimeFormat>();
function df(locale: Locale, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}${withTime}`;
  let f = dates.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALES[locale], withTime ? { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" } : { dateStyle: "medium", timeZone: "UTC" });
    dates.set(key, f);
  }
  return f;
}

/** An instant as a date and time in UTC ("4 Dec 2026, 18:45"). */
export function dateTime(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return "–";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "–";
  return `${df(locale, true).format(d)} UTC`;
}

/** An instant or a calendar date as a date ("4 Dec 2026"). */
export function date(iso: string | Date | null | undefined, locale: Locale): string {
  if (!iso) return "–";
  const d = typeof iso === "string" ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return "–";
  return df(locale, false).format(d);
}

/** The CLV tier in words. */
export function tierLabel(tier: string | null | undefined): string {
  switch (tier) {
    case "excellent":
      return "excellent (> 3%)";
    case "very_good":
      return "very good (1–3%)";
    case "correct":
      return "correct (0–1%)";
    case "warning":
      return "warning (< 0%)";
    default:
      return "–";
  }
}
