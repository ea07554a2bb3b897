import type { Metadata } from "next";
import Link from "next/link";
import { AreaSeries, Bars, LineCurve } from "@/components/charts";
import { Heatmap } from "@/components/heatmap";
import { Kpi, Unavailable } from "@/components/ui";
import { getStats, type Window } from "@/lib/api";
import { date, money, number, percent } from "@/lib/format";
import { getLocale } from "@/lib/locale";
import { param, type SearchParams } from "@/lib/params";
import { curvePoints } from "@/lib/points";

export const metadata: Metadata = { title: "Analytics" };

const WINDOWS: [Window, string][] = [
  ["7d", "7 days"],
  ["30d", "30 days"],
  ["90d", "90 days"],
  ["all", "All"],
];

export default async function Analytics({ searchParams }: { searchParams: SearchParams }) {
  const p = await searchParams;
  const locale = await getLocale();
  const window = (WINDOWS.find(([w]) => w === param(p, "window"))?.[0] ?? "all") as Window;
  const stats = await getStats(window);
  return (
    <>
      <h1>Analytics</h1>
      <nav aria-label="Period" className="actions">
        {WINDOWS.map(([w, name]) => (
          <Link key={w} href={`/analytics?window=${w}`} aria-current={w === window ? "page" : undefined} className={w === window ? "tag analyser" : "tag"}>
            {name}
          </Link>
        ))}
      </nav>
      {stats.ok ? (
        (() => {
          const s = stats.data;
          const perf = s.performance;
          const sig = perf.significance_vs_break_even;
          return (
            <>
              <p className="muted">
                {perf.bets} bets up to {date(s.as_of, locale)} ({window}).
              </p>
              <div className="kpis">
                <Kpi name="Profit" testId="kpi-profit" value={money(perf.profit, locale, true)} note={`staked ${money(perf.staked, locale)}`} />
                <Kpi name="ROI" value={percent(perf.roi, locale, 2, true)} />
                <Kpi name="Max drawdown" testId="kpi-drawdown" value={money(perf.max_drawdown.amount, locale)} note={`${percent(perf.max_drawdown.share, locale)} of the peak ${money(perf.max_drawdown.peak, locale)}`} />
                <Kpi name="Sharpe (per bet)" testId="kpi-sharpe" value={number(perf.sharpe, locale, 3)} />
                <Kpi
                  name="Profit vs break-even"
                  testId="kpi-significance"
                  value={sig ? `z = ${number(sig.z_score, locale)}` : "–"}
                  note={sig ? `p-value ${number(sig.p_value, locale, 4)}` : "needs settled bets"}
                />
                <Kpi name="Streaks" value={`${perf.longest_winning_streak} won / ${perf.longest_losing_streak} lost`} note="longest in a row" />
              </div>
              <h2>Bankroll</h2>
              <LineCurve id="bankroll" title="Bankroll after each settled bet" data={curvePoints(perf, locale)} />
              <div className="grid2" style={{ marginTop: 16 }}>
                <Bars
                  id="roi-bookmaker"
                  title="ROI by bookmaker (%)"
                  data={s.by_bookmaker
                    .filter((g) => g.summary.roi !== null)
                    .map((g) => ({ x: g.key, y: (g.summary.roi ?? 0) * 100, label: `${percent(g.summary.roi, locale)} on ${g.summary.bets} bets, ${money(g.summary.profit, locale, true)}` }))}
                />
                <AreaSeries
                  id="win-rate-week"
                  title="Win rate by week (%)"
                  data={s.by_week
                    .filter((g) => g.summary.win_rate !== null)
                    .map((g) => ({ x: g.key, y: (g.summary.win_rate ?? 0) * 100, label: `${percent(g.summary.win_rate, locale)} of ${g.summary.settled} settled` }))}
                />
              </div>
              <h2>When bets are placed</h2>
              <Heatmap heatmap={s.heatmap} locale={locale} />
            </>
          );
        })()
      ) : (
        <Unavailable what="Statistics" error={stats.error} />
      )}
    </>
  );
}
