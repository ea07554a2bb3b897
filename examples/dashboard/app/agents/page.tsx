import type { Metadata } from "next";
import { Bars, LineCurve } from "@/components/charts";
import { Kpi, Unavailable, TableWrap, Head } from "@/components/ui";
import { getAgents, getBets, type TrackRecord } from "@/lib/api";
import { performance } from "@/lib/edgecore";
import { date, money, number, percent, type Locale } from "@/lib/format";
import { getLocale } from "@/lib/locale";

export const metadata: Metadata = { title: "Agents" };

export default async function Agents() {
  const locale = await getLocale();
  const [agents, bets] = await Promise.all([getAgents("all"), getBets("settled")]);
  // The consensus' bets against their results, through the npm package's statistics.
  const consensus = bets.ok ? bets.data.filter((b) => b.source === "consensus") : [];
  const figures = consensus.length > 0 ? performance(consensus, "1000") : null;
  const probabilities = consensus.map((b) => b.closing_probability).filter((q): q is number => q !== null);
  const expected = probabilities.length > 0 ? probabilities.reduce((a, b) => a + b, 0) / probabilities.length : null;
  return (
    <>
      <h1>Agents</h1>
      <p className="muted">Each bet source (the agents and manual bets) on the same footing, over every settled bet.</p>
      {agents.ok ? (
        <>
          <TableWrap label="Agents compared">
            <table data-testid="agents-table">
              <caption>Agents compared</caption>
              <Head cols={["Agent", "Bets", "Profit", "ROI", "Sharpe", "Win rate", "Average CLV", "Beat the close", "Max drawdown"]} num={["Bets", "Profit", "ROI", "Sharpe", "Win rate", "Average CLV", "Beat the close", "Max drawdown"]} />
              <tbody>
                {agents.data.agents.map((a) => (
                  <tr key={a.agent} data-agent={a.agent}>
                    <td>{a.agent}</td>
                    <td className="num">{a.bets}</td>
                    <td className={`num ${a.profit.startsWith("-") ? "neg" : "pos"}`} data-col="profit">
                      {money(a.profit, locale, true)}
                    </td>
                    <td className="num" data-col="roi">
                      {percent(a.roi, locale, 2, true)}
                    </td>
                    <td className="num">{number(a.sharpe, locale, 3)}</td>
                    <td className="num">{percent(a.win_rate, locale)}</td>
                    <td className="num">{percent(a.average_clv, locale, 2, true)}</td>
                    <td className="num">{percent(a.beat_close_share, locale, 0)}</td>
                    <td className="num">
                      {money(a.max_drawdown_amount, locale)} ({percent(a.max_drawdown, locale, 1)})
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <div className="grid2" style={{ marginTop: 16 }}>
            <Bars
              id="agents-roi"
              title="ROI by agent (%)"
              data={agents.data.agents.map((a) => ({ x: a.agent, y: (a.roi ?? 0) * 100, label: percent(a.roi, locale, 2, true) }))}
            />
            <Bars
              id="agents-clv"
              title="Average CLV by agent (%)"
              data={agents.data.agents.map((a) => ({ x: a.agent, y: (a.average_clv ?? 0) * 100, label: percent(a.average_clv, locale, 2, true) }))}
            />
          </div>
        </>
      ) : (
        <Unavailable what="The agents' comparison" error={agents.error} />
      )}
      <h2>The agents&apos; paper record</h2>
      {agents.ok ? <Paper paper={agents.data.paper} locale={locale} /> : <Unavailable what="The paper record" error={agents.error} />}
      <h2>The consensus against results</h2>
      {!bets.ok ? (
        <Unavailable what="The consensus' bets" error={bets.error} />
      ) : figures === null ? (
        <p className="muted">No settled bet from the consensus yet.</p>
      ) : figures.ok ? (
        <>
          <div className="kpis" data-testid="consensus">
            <Kpi name="Consensus bets" value={String(figures.value.settled)} note={`${figures.value.won} won, ${figures.value.lost} lost`} />
            <Kpi name="Win rate" testId="consensus-win-rate" value={percent(figures.value.winRate, locale)} note={`the closing line expected ${percent(expected, locale)}`} />
            <Kpi name="Profit" value={money(figures.value.profit, locale, true)} note={`ROI ${percent(figures.value.roi, locale, 2, true)}`} />
            <Kpi name="Average CLV" value={percent(figures.value.averageClv, locale, 2, true)} />
          </div>
          <LineCurve
            id="consensus-bankroll"
            title="The consensus' bets: bankroll from 1,000 €"
            data={figures.value.curve.map((c, i) => ({ x: c.at ? `${date(c.at, locale)} #${i}` : "start", y: Number(c.bankroll), label: money(c.bankroll, locale) }))}
          />
        </>
      ) : (
        <p className="error-note">The consensus&apos; figures cannot be computed: {figures.message}</p>
      )}
    </>
  );
}

/** The paper record that `/agents/compare` serves: every opportunity the agents published,
 * bet on paper when first seen (a flat stake, and the Kelly stake of the starting bankroll),
 * per agent; then the consensus labels against results (one flat bet per pick). */
function Paper({ paper, locale }: { paper: TrackRecord; locale: Locale }) {
  if (paper.picks === 0) return <p className="muted">No published opportunity yet.</p>;
  return (
    <>
      <p className="muted" data-testid="paper-picks">
        {paper.picks} published opportunities, each bet on paper at its first price by every agent that found it.
      </p>
      <TableWrap label="Paper record by agent">
        <table data-testid="paper-table">
          <caption>Paper record by agent</caption>
          <Head
            cols={["Agent", "Bets", "Profit (flat)", "ROI (flat)", "Average CLV", "Beat the close", "Max drawdown", "Profit (Kelly)", "ROI (Kelly)"]}
            num={["Bets", "Profit (flat)", "ROI (flat)", "Average CLV", "Beat the close", "Max drawdown", "Profit (Kelly)", "ROI (Kelly)"]}
          />
          <tbody>
            {paper.agents.map((a) => (
              <tr key={a.agent} data-paper-agent={a.agent}>
                <td>{a.agent}</td>
                <td className="num" data-col="bets">{a.flat.bets}</td>
                <td className={`num ${a.flat.profit.startsWith("-") ? "neg" : "pos"}`} data-col="profit">
                  {money(a.flat.profit, locale, true)}
                </td>
                <td className="num" data-col="roi">{percent(a.flat.roi, locale, 2, true)}</td>
                <td className="num" data-col="clv">{percent(a.flat.average_clv, locale, 2, true)}</td>
                <td className="num" data-col="beat-close">{percent(a.flat.beat_close_share, locale, 0)}</td>
                <td className="num" data-col="drawdown">
                  {money(a.flat.max_drawdown_amount, locale)} ({percent(a.flat.max_drawdown, locale, 1)})
                </td>
                <td className="num" data-col="kelly-profit">{money(a.kelly?.profit, locale, true)}</td>
                <td className="num" data-col="kelly-roi">{percent(a.kelly?.roi, locale, 2, true)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <TableWrap label="Consensus labels against results" style={{ marginTop: 16 }}>
        <table data-testid="labels-table">
          <caption>Consensus labels against results (one flat bet per pick)</caption>
          <Head cols={["Label", "Picks", "Profit", "ROI", "Average CLV", "Beat the close"]} num={["Picks", "Profit", "ROI", "Average CLV", "Beat the close"]} />
          <tbody>
            {paper.labels.map((l) => (
              <tr key={l.agent} data-label={l.agent}>
                <td>{l.agent}</td>
                <td className="num" data-col="bets">{l.bets}</td>
                <td className={`num ${l.profit.startsWith("-") ? "neg" : "pos"}`} data-col="profit">
                  {money(l.profit, locale, true)}
                </td>
                <td className="num" data-col="roi">{percent(l.roi, locale, 2, true)}</td>
                <td className="num" data-col="clv">{percent(l.average_clv, locale, 2, true)}</td>
                <td className="num" data-col="beat-close">{percent(l.beat_close_share, locale, 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
