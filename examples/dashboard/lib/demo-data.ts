import "server-only";
import type { PriceBook, Subscriber } from "edgecore";

/**
 * The bundled demo data of the wealth and risk pages (invented for the demonstration; no
 * real person): an investor's profile, the crypto prices it is valued at, and a subscriber
 * list written as the CSV a person would upload.
 */

/** The demo investor's profile, as the editable fields of `/wealth` (decimal strings). */
export const DEMO_PROFILE = {
  cash: "12500.00",
  pea: "38200.00",
  assuranceVie: "54000.00",
  savingsBook: "22950.00",
  home: "320000.00",
  loanPrincipal: "250000.00",
  loanRate: "3.45",
  loanYears: "20",
  loanStart: "2021-09",
  btc: "0.35",
  other: "8000.00",
};

/** Crypto prices the demo profile is valued at (EUR), dated `asOf`. */
export function demoPrices(asOf: Date): PriceBook {
  return { prices: { BTC: { price: "61250.00", asOf } } };
}

/** The demo investment plan: monthly capacity and envelope percentages. */
export const DEMO_PLAN = { capacity: "1500.00", lines: "PEA 50; Assurance vie 30; Livret A 20" };

/** Columns of the subscriber CSV, one row per payment. */
export const CSV_HEADER = "id,signup,plan,monthly_amount,date,succeeded";

/**
 * The demo subscriber list: 40 subscribers over the last months, written as CSV by a
 * seeded generator (a small linear congruential generator, so the list is the same on every
 * run), with the patterns the risk model looks for (failures, downgrades, low-cost plans,
 * paying once then declining).
 */
export function demoCsv(asOf: Date): string {
  let seed = 20260301;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const day = 86400000;
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
  const lines = [CSV_HEADER];
  for (let i = 1; i <= 40; i++) {
    const id = `sub-${String(i).padStart(3, "0")}`;
    const months = 1 + Math.floor(next() * 14);
    const signup = asOf.getTime() - (months * 30 + 5) * day;
    const pattern = next();
    let plan = next() < 0.3 ? "basic" : "premium";
    for (let m = 0; m < months; m++) {
      if (pattern > 0.85 && m === Math.floor(months / 2) && plan === "premium") plan = "basic";
      const amount = plan === "premium" ? "29.90" : "9.90";
      const fails =
        pattern < 0.15 ? m > 0 : pattern < 0.35 ? m >= months - 3 && next() < 0.6 : next() < 0.06;
      lines.push(`${id},${iso(signup)},${plan},${amount},${iso(signup + (m * 30 + 2) * day)},${fails ? "false" : "true"}`);
    }
  }
  return lines.join("\n");
}

/** A CSV line that cannot be read, with its number. */
export class CsvError extends Error {}

/**
 * Reads the subscriber CSV (`id,signup,plan,monthly_amount,date,succeeded`, one row per
 * payment): each subscriber's payments, and its plan history from the plan changes in date
 * order (a period ends when the next one starts). Throws `CsvError` naming the line.
 */
export function parseCsv(text: string): Subscriber[] {
  const rows = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  if (rows.length === 0 || rows[0]?.trim() !== CSV_HEADER) {
    throw new CsvError(`the first line must be the header ${CSV_HEADER}`);
  }
  if (rows.length > 50001) throw new CsvError("at most 50,000 payment rows");
  const byId = new Map<string, { signup: Date; rows: { plan: string; amount: string; date: Date; ok: boolean }[] }>();
  rows.slice(1).forEach((line, i) => {
    const n = i + 2;
    const cells = line.split(",").map((c) => c.trim());
    if (cells.length !== 6) throw new CsvError(`line ${n}: 6 values expected, found ${cells.length}`);
    const [id, signup, plan, amount, date, succeeded] = cells as [string, string, string, string, string, string];
    const signupDate = new Date(`${signup}T00:00:00Z`);
    const paid = new Date(`${date}T00:00:00Z`);
    if (!id) throw new CsvError(`line ${n}: the id is empty`);
    if (Number.isNaN(signupDate.getTime())) throw new CsvError(`line ${n}: signup ${JSON.stringify(signup)} is not a date YYYY-MM-DD`);
    if (Number.isNaN(paid.getTime())) throw new CsvError(`line ${n}: date ${JSON.stringify(date)} is not a date YYYY-MM-DD`);
    if (!/^\d+(\.\d+)?$/.test(amount)) throw new CsvError(`line ${n}: monthly_amount ${JSON.stringify(amount)} is not an amount`);
    if (succeeded !== "true" && succeeded !== "false") throw new CsvError(`line ${n}: succeeded must be true or false`);
    const s = byId.get(id) ?? { signup: signupDate, rows: [] };
    s.rows.push({ plan, amount, date: paid, ok: succeeded === "true" });
    byId.set(id, s);
  });
  return [...byId].map(([id, s]) => {
    const sorted = [...s.rows].sort((a, b) => a.date.getTime() - b.date.getTime());
    const subscriptions: NonNullable<Subscriber["subscriptions"]> = [];
    for (const r of sorted) {
      const last = subscriptions[subscriptions.length - 1];
      if (!last || last.plan !== r.plan || last.monthlyAmount !== r.amount) {
        if (last) last.end = r.date;
        subscriptions.push({ plan: r.plan, monthlyAmount: r.amount, start: r.date });
      }
    }
    return {
      id,
      signup: s.signup,
      subscriptions,
      payments: sorted.map((r) => ({ date: r.date, amount: r.amount, succeeded: r.ok })),
    };
  });
}
