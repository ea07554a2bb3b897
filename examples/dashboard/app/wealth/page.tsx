import type { Metadata } from "next";
import type { DeferralKind, InsuranceBase, Loan, LoanKind, Profile } from "edgecore";
import { Shares, Stacked } from "@/components/charts";
import { FieldError, Kpi, TableWrap, Head } from "@/components/ui";
import { DEMO_PLAN, DEMO_PROFILE, demoPrices } from "@/lib/demo-data";
import { investmentPlan, netWorth, remainingCapital, schedule, type Computed } from "@/lib/edgecore";
import { date, decimal, money, percent } from "@/lib/format";
import { requestTime } from "@/lib/clock";
import { getLocale } from "@/lib/locale";
import { param, type SearchParams } from "@/lib/params";

export const metadata: Metadata = { title: "Wealth" };

type Params = Record<string, string | string[] | undefined>;

const CATEGORY: Record<string, string> = {
  cash: "Cash",
  investments: "Investments",
  real_estate: "Real estate (net)",
  crypto: "Crypto",
  other: "Other",
};

/** Hidden copies of the other sections' fields, so each form keeps what the others hold. */
function Keep({ p, except }: { p: Params; except: string[] }) {
  return (
    <>
      {Object.keys(p)
        .filter((k) => !except.includes(k))
        .map((k) => (
          <input key={k} type="hidden" name={k} value={param(p, k)} />
        ))}
    </>
  );
}

function Input({ name, label, value, error }: { name: string; label: string; value: string; error?: string }) {
  return (
    <div className="field">
      <label>
        {label}
        <input name={name} defaultValue={value} aria-describedby={`${name}-error`} />
      </label>
      <FieldError id={`${name}-error`} message={error} />
    </div>
  );
}

/** A month "YYYY-MM" as its first day (UTC). */
function month(s: string): Date {
  return new Date(`${s}-01T00:00:00Z`);
}

/** Integer cents as an exact decimal string (the schedule's columns are whole cents). */
function cents(c: number): string {
  const sign = c < 0 ? "-" : "";
  const a = Math.abs(Math.round(c));
  return `${sign}${Math.trunc(a / 100)}.${String(a % 100).padStart(2, "0")}`;
}

/** Which field a package error names (its message starts with the parameter's name). */
function fieldOf<T>(r: Computed<T>, fields: string[], fallback: string): [string, string] | null {
  if (r.ok) return null;
  const hit = fields.find((f) => r.message.toLowerCase().includes(f.toLowerCase()));
  return [hit ?? fallback, r.message];
}

export default async function Wealth({ searchParams }: { searchParams: SearchParams }) {
  const p = await searchParams;
  const locale = await getLocale();
  const today = new Date(requestTime().toISOString().slice(0, 10) + "T00:00:00Z");
  const v = (name: string, fallback: string) => (p[name] === undefined ? fallback : param(p, name));

  // Net worth of the (editable) demo profile.
  const f = Object.fromEntries(Object.entries(DEMO_PROFILE).map(([k, d]) => [k, v(k, d)])) as typeof DEMO_PROFILE;
  const homeLoan: Loan = {
    principal: f.loanPrincipal,
    annualRatePct: f.loanRate,
    months: Math.round(Number(f.loanYears) * 12),
    firstPayment: month(f.loanStart),
    kind: "annuity",
  };
  const profile: Profile = {
    cash: [{ name: "Current account", amount: f.cash }],
    investments: [
      { name: "PEA", envelope: "pea", value: f.pea },
      { name: "Assurance vie", envelope: "assurance_vie", value: f.assuranceVie },
      { name: "Livret A", envelope: "savings_book", value: f.savingsBook },
    ],
    realEstate: [{ name: "Home", value: f.home, loan: Number(f.loanPrincipal) > 0 ? homeLoan : null }],
    crypto: [{ symbol: "BTC", quantity: f.btc }],
    otherAssets: [{ name: "Other", value: f.other }],
  };
  const worth = netWorth(profile, demoPrices(today), today);
  const worthError = fieldOf(worth, ["principal", "annual", "months", "quantity", "amount", "value"], "cash");

  // The loan simulator.
  const loanKind = (["annuity", "linear", "in_fine"].includes(param(p, "kind")) ? param(p, "kind") : "annuity") as LoanKind;
  const l = {
    principal: v("principal", "200000"),
    rate: v("rate", "3.45"),
    months: v("months", "240"),
    first: v("first", new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1)).toISOString().slice(0, 7)),
    insurance: v("insurance", "0.30"),
    base: (param(p, "base") === "remaining" ? "remaining" : "initial") as InsuranceBase,
    deferral: v("deferral", "0"),
    deferralKind: (param(p, "deferral_kind") === "total" ? "total" : "partial") as DeferralKind,
  };
  const months = Number(l.months);
  const deferral = Number(l.deferral);
  const loan: Loan = {
    principal: l.principal,
    annualRatePct: l.rate,
    months: Number.isInteger(months) ? months : -1,
    firstPayment: month(l.first),
    kind: loanKind,
    insurance: l.insurance !== "" && Number(l.insurance) !== 0 ? { annualRatePct: l.insurance, base: l.base } : null,
    deferral: Number.isInteger(deferral) && deferral > 0 ? { months: deferral, kind: l.deferralKind } : null,
  };
  const firstBad = Number.isNaN(loan.firstPayment.getTime());
  const sched = firstBad ? null : schedule(loan);
  const owed = firstBad ? null : remainingCapital(loan, today);
  const loanError = firstBad
    ? ["first", "must be a month YYYY-MM"]
    : sched && fieldOf(sched, ["principal", "annual_rate", "months", "insurance", "deferral"], "principal");
  const loanField = loanError?.[0] === "annual_rate" ? "rate" : loanError?.[0];
  const byYear = new Map<number, { a: number; b: number }>();
  if (sched?.ok) {
    for (const r of sched.value.rows) {
      const y = r.date.getUTCFullYear();
      const e = byYear.get(y) ?? { a: 0, b: 0 };
      // whole cents, exact in a double
      e.a += Math.round(Number(r.principal) * 100);
      e.b += Math.round(Number(r.interest) * 100);
      byYear.set(y, e);
    }
  }

  // The investment plan.
  const capacity = v("capacity", DEMO_PLAN.capacity);
  const linesText = v("lines", DEMO_PLAN.lines);
  const lines = linesText
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const m = /^(.*?)\s+([\d.,]+)\s*%?$/.exec(s);
      return { name: m?.[1] ?? s, percent: (m?.[2] ?? "").replace(",", ".") };
    });
  const plan = investmentPlan(capacity, lines);
  const planError = plan.ok ? undefined : plan.message;
  const capacityError = planError && /capacity/i.test(planError) ? planError : undefined;

  const PROFILE_FIELDS = Object.keys(DEMO_PROFILE);
  const LOAN_FIELDS = ["principal", "rate", "months", "first", "kind", "insurance", "base", "deferral", "deferral_kind"];
  const PLAN_FIELDS = ["capacity", "lines"];
  return (
    <>
      <h1>Wealth</h1>
      <h2>Net worth of the demo profile on {date(today, locale)}</h2>
      <form className="filters" method="get" aria-label="Profile">
        <Keep p={p} except={PROFILE_FIELDS} />
        <Input name="cash" label="Cash (€)" value={f.cash} error={worthError?.[0] === "cash" ? worthError[1] : undefined} />
        <Input name="pea" label="PEA (€)" value={f.pea} />
        <Input name="assuranceVie" label="Assurance vie (€)" value={f.assuranceVie} />
        <Input name="savingsBook" label="Livret A (€)" value={f.savingsBook} />
        <Input name="home" label="Home value (€)" value={f.home} />
        <Input name="loanPrincipal" label="Home loan (€)" value={f.loanPrincipal} error={worthError && worthError[0] === "principal" ? worthError[1] : undefined} />
        <Input name="loanRate" label="Loan rate (%/year)" value={f.loanRate} error={worthError && worthError[0] === "annual" ? worthError[1] : undefined} />
        <Input name="loanYears" label="Loan years" value={f.loanYears} error={worthError && worthError[0] === "months" ? worthError[1] : undefined} />
        <Input name="loanStart" label="Loan start (YYYY-MM)" value={f.loanStart} />
        <Input name="btc" label="Bitcoin held" value={f.btc} error={worthError && worthError[0] === "quantity" ? worthError[1] : undefined} />
        <Input name="other" label="Other assets (€)" value={f.other} error={worthError && ["amount", "value"].includes(worthError[0]) ? worthError[1] : undefined} />
        <button type="submit">Update</button>
      </form>
      {worth.ok ? (
        <div className="grid2">
          <div>
            <div className="kpis">
              <Kpi name="Net worth" testId="kpi-net-worth" value={money(worth.value.netWorth, locale)} />
              <Kpi name="Gross assets" value={money(worth.value.grossAssets, locale)} />
              <Kpi name="Debts" value={money(worth.value.debts, locale)} />
            </div>
            <TableWrap label="Net worth by category" style={{ marginTop: 10 }}>
              <table data-testid="worth-table">
                <caption>By category</caption>
                <Head cols={["Category", "Net", "Share"]} num={["Net", "Share"]} />
                <tbody>
                  {worth.value.categories.map((c) => (
                    <tr key={c.category}>
                      <td>{CATEGORY[c.category] ?? c.category}</td>
                      <td className="num">{money(c.net, locale)}</td>
                      <td className="num">{decimal(c.sharePct, locale)} %</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </div>
          <Shares
            id="net-worth"
            title="Net worth by category"
            data={worth.value.categories
              .filter((c) => Number(c.net) > 0)
              .map((c) => ({ x: CATEGORY[c.category] ?? c.category, y: Number(c.net), label: `${money(c.net, locale)} (${decimal(c.sharePct, locale)} %)` }))}
          />
        </div>
      ) : (
        <p className="error-note">The net worth cannot be computed: {worth.message}</p>
      )}

      <h2>Loan simulator</h2>
      <form className="filters" method="get" aria-label="Loan">
        <Keep p={p} except={LOAN_FIELDS} />
        <Input name="principal" label="Amount borrowed (€)" value={l.principal} error={loanField === "principal" ? loanError?.[1] : undefined} />
        <Input name="rate" label="Rate (%/year)" value={l.rate} error={loanField === "rate" ? loanError?.[1] : undefined} />
        <Input name="months" label="Months" value={l.months} error={loanField === "months" ? loanError?.[1] : undefined} />
        <Input name="first" label="First payment (YYYY-MM)" value={l.first} error={loanField === "first" ? loanError?.[1] : undefined} />
        <label>
          Kind
          <select name="kind" defaultValue={loanKind}>
            <option value="annuity">annuity (constant payments)</option>
            <option value="linear">linear (constant capital)</option>
            <option value="in_fine">in fine (capital at the end)</option>
          </select>
        </label>
        <Input name="insurance" label="Insurance (%/year)" value={l.insurance} error={loanField === "insurance" ? loanError?.[1] : undefined} />
        <label>
          Insurance on
          <select name="base" defaultValue={l.base}>
            <option value="initial">the amount borrowed</option>
            <option value="remaining">the capital owed</option>
          </select>
        </label>
        <Input name="deferral" label="Deferral (months)" value={l.deferral} error={loanField === "deferral" ? loanError?.[1] : undefined} />
        <label>
          Deferral kind
          <select name="deferral_kind" defaultValue={l.deferralKind}>
            <option value="partial">partial (interest paid)</option>
            <option value="total">total (interest added)</option>
          </select>
        </label>
        <button type="submit">Simulate</button>
      </form>
      {sched?.ok ? (
        <>
          <div className="kpis">
            <Kpi name="Monthly payment" testId="loan-payment" value={money(sched.value.payment, locale)} note="after any deferral, insurance excluded" />
            <Kpi name="First payment" testId="loan-first-payment" value={money(sched.value.rows[0]?.payment, locale)} note={date(sched.value.rows[0]?.date, locale)} />
            <Kpi name="Total interest" value={money(sched.value.totalInterest, locale)} />
            <Kpi name="Total insurance" value={money(sched.value.totalInsurance, locale)} />
            <Kpi name="Cost of credit" value={money(sched.value.costOfCredit, locale)} />
            <Kpi name="Capital owed today" testId="loan-owed" value={owed?.ok ? money(owed.value, locale) : "–"} note={date(today, locale)} />
          </div>
          <div style={{ marginTop: 12 }}>
            <Stacked
              id="loan-years"
              title="Capital and interest repaid per year"
              names={["Capital", "Interest"]}
              data={[...byYear].map(([y, e]) => ({ x: String(y), a: e.a / 100, b: e.b / 100, aLabel: money(cents(e.a), locale), bLabel: money(cents(e.b), locale) }))}
            />
          </div>
          <TableWrap label="Repayment table" style={{ maxHeight: 420, overflowY: "auto", marginTop: 12 }}>
            <table data-testid="loan-table">
              <caption>Repayment table ({sched.value.rows.length} payments)</caption>
              <Head cols={["#", "Date", "Payment", "Interest", "Capital", "Insurance", "Capital owed"]} num={["#", "Payment", "Interest", "Capital", "Insurance", "Capital owed"]} />
              <tbody>
                {sched.value.rows.map((r) => (
                  <tr key={r.number}>
                    <td className="num">{r.number}</td>
                    <td>{date(r.date, locale)}</td>
                    <td className="num">{money(r.payment, locale)}</td>
                    <td className="num">{money(r.interest, locale)}</td>
                    <td className="num">{money(r.principal, locale)}</td>
                    <td className="num">{money(r.insurance, locale)}</td>
                    <td className="num">{money(r.remaining, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      ) : (
        <p className="error-note">The loan cannot be simulated: {loanError?.[1]}</p>
      )}

      <h2>Investment plan</h2>
      <form className="filters" method="get" aria-label="Investment plan">
        <Keep p={p} except={PLAN_FIELDS} />
        <Input name="capacity" label="Monthly savings capacity (€)" value={capacity} error={capacityError} />
        <Input name="lines" label="Envelopes and percents (name percent; ...)" value={linesText} error={planError && !capacityError ? planError : undefined} />
        <button type="submit">Split</button>
      </form>
      {plan.ok ? (
        <TableWrap label="Investment plan">
          <table data-testid="plan-table">
            <caption>{money(plan.value.capacity, locale)} a month, split to the cent</caption>
            <Head cols={["Envelope", "Percent", "Amount"]} num={["Percent", "Amount"]} />
            <tbody>
              {plan.value.lines.map((x) => (
                <tr key={x.name}>
                  <td>{x.name}</td>
                  <td className="num">{percent(Number(x.percent) / 100, locale)}</td>
                  <td className="num">{money(x.amount, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </>
  );
}
