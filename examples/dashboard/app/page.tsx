import Link from "next/link";
import { LineCurve } from "@/components/charts";
import { Kpi, Unavailable, TableWrap, Head } from "@/components/ui";
import { getBets, getHealth, getOpportunities, getStats, opportunityKey } from "@/lib/api";
import { dateTime, decimal, money, percent, tierLabel } from "@/lib/format";
import { requestTime } from "@/lib/clock";
import { getLocale } from "@/lib/locale";
import { curvePoints } from "@/lib/points";

export default async function Home() {
  const locale = await getLocale();
  const [stats, opps, health, bets] = await Promise.all([getStats("all"), getOpportunities(), getHealth(), getBets("all")]);
  const demo = bets.ok ? bets.data.filter((b) => b.demo).length : 0;
  const now = requestTime().getTime();
  const soon = opps.ok
    ? opps.data.opportunities.filter((o) => {
        const t = Date.parse(o.kickoff);
        return t >= now && t - now <= 24 * 3600 * 1000;
      })
    : [];
  return (
    <>
      <h1>Overview</h1>
      {demo > 0 ? (
        <p className="demo-note" data-testid="demo-note">
          Demo data: {demo} of these bets are the demonstration&apos;s season of settled bets (generated and backtested by edgecore), not real bets.
        </p>
      ) : null}
      {stats.ok ? (
        <>
          <div className="kpis">
            <Kpi name="Bankroll" testId="kpi-bankroll" value={money(stats.data.performance.final_bankroll, locale)} note={`from ${money(stats.data.performance.starting_bankroll, locale)}`} />
            <Kpi name="Profit" testId="kpi-profit" value={money(stats.data.performance.profit, locale, true)} />
            <Kpi name="ROI" testId="kpi-roi" value={percent(stats.data.performance.roi, locale, 2, true)} />
            <Kpi name="Win rate" testId="kpi-win-rate" value={percent(stats.data.performance.win_rate, locale)} note={`${stats.data.performance.settled} settled bets`} />
            <Kpi name="Average CLV" testId="kpi-clv" value={percent(stats.data.performance.average_clv, locale, 2, true)} note={`tier: ${tierLabel(stats.data.performance.clv_tier)}`} />
          </div>
          <h2>Bankroll</h2>
          <LineCurve id="home-bankroll" title="Bankroll over the settled bets" data={curvePoints(stats.data.performance, locale)} height={160} small />
        </>
      ) : (
        <Unavailable what="Key figures" error={stats.error} />
      )}
      <h2>Opportunities kicking off within 24 hours</h2>
      {opps.ok ? (
        soon.length === 0 ? (
          <p className="muted">No opportunity kicks off within 24 hours.</p>
        ) : (
          <TableWrap label="Opportunities within 24 hours">
            <table data-testid="soon-table">
              <caption>
                {soon.length} opportunities (<Link href="/opportunities">all opportunities</Link>)
              </caption>
              <Head cols={["Event", "Kickoff", "Selection", "Bookmaker", "Price", "Edge", "Label"]} num={["Price", "Edge"]} />
              <tbody>
                {soon.map((o) => (
                  <tr key={opportunityKey(o)}>
                    <td className="wrap">
                      {o.home} – {o.away}
                    </td>
                    <td>{dateTime(o.kickoff, locale)}</td>
                    <td>
                      {o.market} {o.line ?? ""} {o.selection}
                    </td>
                    <td>{o.bookmaker}</td>
                    <td className="num">{decimal(o.price, locale)}</td>
                    <td className="num">{percent(o.edge, locale)}</td>
                    <td>
                      <span className={`tag ${o.label}`}>{o.label}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )
      ) : (
        <Unavailable what="Opportunities" error={opps.error} />
      )}
      <h2>Collector</h2>
      {health.ok ? (
        <div className="kpis" data-testid="collector">
          <Kpi name="Collector" value={health.data.collector.state} note={`source: ${health.data.collector.source}`} />
          <Kpi name="Last collection" value={dateTime(health.data.collector.last_success, locale)} />
          <Kpi name="Quota left" testId="kpi-quota" value={health.data.quota.remaining === null ? "–" : String(health.data.quota.remaining)} note={`used ${health.data.quota.used ?? "–"}, reserve ${health.data.quota.reserve}`} />
          <Kpi name="Database" value={`${health.data.database} (${health.data.backend})`} />
        </div>
      ) : (
        <Unavailable what="The collector's state" error={health.error} />
      )}
    </>
  );
}
