import type { Metadata } from "next";
import type { DevigMethod } from "edgecore";
import { FieldError, Unavailable, TableWrap, Head } from "@/components/ui";
import { getOpportunities, opportunityKey } from "@/lib/api";
import { fairOdds, kellyStake } from "@/lib/edgecore";
import { dateTime, decimal, money, number, percent } from "@/lib/format";
import { getLocale } from "@/lib/locale";
import { param, type SearchParams } from "@/lib/params";

export const metadata: Metadata = { title: "Opportunities" };

const METHODS: DevigMethod[] = ["shin", "multiplicative", "additive", "power", "odds_ratio"];

export default async function Opportunities({ searchParams }: { searchParams: SearchParams }) {
  const p = await searchParams;
  const locale = await getLocale();
  const sport = param(p, "sport");
  const label = param(p, "label");
  const minScoreText = param(p, "min_score");
  const minScore = minScoreText === "" ? undefined : Number(minScoreText);
  const scoreError =
    minScore !== undefined && !(Number.isFinite(minScore) && minScore >= 0 && minScore <= 100)
      ? "must be a number from 0 to 100"
      : undefined;
  const bankroll = param(p, "bankroll");
  const fractionText = param(p, "fraction");
  const fraction = fractionText === "" ? 0.25 : Number(fractionText);
  const [all, shown] = await Promise.all([
    getOpportunities(),
    getOpportunities({ sport: sport || undefined, label: label || undefined, minScore: scoreError ? undefined : minScore }),
  ]);
  const sports = all.ok ? [...new Set(all.data.opportunities.map((o) => o.sport))].sort() : [];
  const rows = shown.ok ? shown.data.opportunities : [];
  // The stake for another bankroll or Kelly fraction, through the npm package.
  const custom = bankroll !== "" || fractionText !== "";
  const stakes = rows.map((o) =>
    custom ? kellyStake(bankroll || "1000", Number(o.price), o.fair_probability, fraction) : null,
  );
  const failed = stakes.find((s) => s !== null && !s.ok);
  const failure = failed && !failed.ok ? failed : undefined;
  const bankrollError = failure && /bankroll/i.test(failure.message) ? failure.message : undefined;
  const fractionError = failure && !bankrollError ? failure.message : undefined;
  // Fair odds of a market typed by hand.
  const pricesText = param(p, "prices");
  const methodText = param(p, "method");
  const method: DevigMethod = (METHODS as string[]).includes(methodText) ? (methodText as DevigMethod) : "shin";
  const prices = pricesText
    .split(/[\s;]+/)
    .filter(Boolean)
    .map((s) => Number(s.replace(",", ".")));
  const fair = pricesText ? fairOdds(prices, method) : null;
  return (
    <>
      <h1>Opportunities</h1>
      <form className="filters" method="get" aria-label="Filters and stake calculator">
        <label>
          Sport
          <select name="sport" defaultValue={sport}>
            <option value="">all</option>
            {sports.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Label
          <select name="label" defaultValue={label}>
            <option value="">all</option>
            <option value="analyser">analyser</option>
            <option value="prudence">prudence</option>
          </select>
        </label>
        <div className="field">
          <label>
            Minimum score
            <input name="min_score" inputMode="decimal" defaultValue={minScoreText} aria-describedby="min-score-error" />
          </label>
          <FieldError id="min-score-error" message={scoreError} />
        </div>
        <div className="field">
          <label>
            Your bankroll (€)
            <input name="bankroll" inputMode="decimal" defaultValue={bankroll} placeholder="1000" aria-describedby="bankroll-error" />
          </label>
          <FieldError id="bankroll-error" message={bankrollError} />
        </div>
        <div className="field">
          <label>
            Kelly fraction
            <input name="fraction" inputMode="decimal" defaultValue={fractionText} placeholder="0.25" aria-describedby="fraction-error" />
          </label>
          <FieldError id="fraction-error" message={fractionError} />
        </div>
        <button type="submit">Apply</button>
      </form>
      {shown.ok ? (
        <TableWrap label="Opportunities">
          <table data-testid="opportunities-table">
            <caption>
              {shown.data.total} opportunities on the board of {dateTime(shown.data.as_of, locale)}
            </caption>
            <Head cols={["Event", "Kickoff", "Market", "Selection", "Bookmaker", "Price", "Fair odds", "Edge", "z-score", "Score", "Label", "Kelly stake", ...(custom ? ["Your stake"] : [])]} num={["Price", "Fair odds", "Edge", "z-score", "Score", "Kelly stake", "Your stake"]} />
            <tbody>
              {rows.map((o, i) => {
                const s = stakes[i];
                return (
                  <tr key={opportunityKey(o)}>
                    <td className="wrap">
                      {o.home} – {o.away}
                    </td>
                    <td>{dateTime(o.kickoff, locale)}</td>
                    <td>
                      {o.market}
                      {o.line ? ` ${o.line}` : ""}
                    </td>
                    <td>{o.selection}</td>
                    <td>{o.bookmaker}</td>
                    <td className="num" data-col="price">
                      {decimal(o.price, locale)}
                    </td>
                    <td className="num">{number(o.fair_odds, locale, 3)}</td>
                    <td className="num" data-col="edge">
                      {percent(o.edge, locale)}
                    </td>
                    <td className="num">{number(o.z, locale)}</td>
                    <td className="num" data-col="score">
                      {number(o.score, locale, 1)}
                    </td>
                    <td>
                      <span className={`tag ${o.label}`}>{o.label}</span>
                    </td>
                    <td className="num" data-col="stake">
                      {money(o.stake, locale)}
                    </td>
                    {custom ? (
                      <td className="num" data-col="your-stake">
                        {s && s.ok ? money(s.value, locale) : "–"}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <Unavailable what="Opportunities" error={shown.error} />
      )}
      <h2>Fair odds of a market</h2>
      <form className="inline" method="get" aria-label="Fair odds calculator">
        <div className="field">
          <label>
            Prices (one per selection)
            <input name="prices" defaultValue={pricesText} placeholder="2.10 3.40 3.60" aria-describedby="prices-error" />
          </label>
          <FieldError id="prices-error" message={fair && !fair.ok ? fair.message : undefined} />
        </div>
        <label>
          Method
          <select name="method" defaultValue={method}>
            {METHODS.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Compute</button>
      </form>
      {fair && fair.ok ? (
        <TableWrap label="Fair odds">
          <table data-testid="fair-table">
            <caption>
              Margin {percent(fair.value.margin, locale)} ({method})
            </caption>
            <Head cols={["Selection", "Fair probability", "Fair odds"]} num={["Fair probability", "Fair odds"]} />
            <tbody>
              {fair.value.probabilities.map((q, i) => (
                <tr key={i}>
                  <td>{i + 1}</td>
                  <td className="num">{percent(q, locale)}</td>
                  <td className="num" data-col="fair-odds">
                    {number(fair.value.fairOdds[i], locale, 3)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </>
  );
}
