import type { Metadata } from "next";
import Link from "next/link";
import { BetActions, BetForm } from "@/components/bet-form";
import { Unavailable, TableWrap, Head } from "@/components/ui";
import { getBets, getMatches, type BetStatus } from "@/lib/api";
import { clvTierOfPrices } from "@/lib/edgecore";
import { dateTime, decimal, money, percent } from "@/lib/format";
import { requestTime } from "@/lib/clock";
import { getLocale } from "@/lib/locale";
import { param, type SearchParams } from "@/lib/params";

export const metadata: Metadata = { title: "Bets" };

/** Rows per page of the table. */
const PAGE = 50;

const STATUSES: [BetStatus, string][] = [
  ["all", "All"],
  ["pending", "Pending"],
  ["settled", "Settled"],
  ["positive_clv", "Positive CLV"],
];

export default async function Bets({ searchParams }: { searchParams: SearchParams }) {
  const p = await searchParams;
  const locale = await getLocale();
  const wanted = param(p, "status");
  const status = (STATUSES.find(([s]) => s === wanted)?.[0] ?? "all") as BetStatus;
  const [bets, matches] = await Promise.all([getBets(status), getMatches()]);
  const names = new Map(matches.ok ? matches.data.map((m) => [m.id, `${m.home} – ${m.away}`]) : []);
  const now = requestTime().getTime();
  const upcoming = matches.ok
    ? matches.data
        .filter((m) => Date.parse(m.kickoff) > now)
        .sort((a, b) => a.kickoff.localeCompare(b.kickoff))
        .map((m) => ({ id: m.id, name: `${m.home} – ${m.away} (${dateTime(m.kickoff, locale)})` }))
    : [];
  const all = bets.ok ? [...bets.data].reverse() : [];
  const pages = Math.max(1, Math.ceil(all.length / PAGE));
  const page = Math.min(pages, Math.max(1, Number.parseInt(param(p, "page"), 10) || 1));
  const rows = all.slice((page - 1) * PAGE, page * PAGE);
  const link = (n: number) => `/bets?${new URLSearchParams({ ...(status === "all" ? {} : { status }), page: String(n) })}`;
  return (
    <>
      <h1>Bets</h1>
      <nav aria-label="Bet status" className="actions">
        {STATUSES.map(([s, name]) => (
          <Link key={s} href={s === "all" ? "/bets" : `/bets?status=${s}`} aria-current={s === status ? "page" : undefined} className={s === status ? "tag analyser" : "tag"}>
            {name}
          </Link>
        ))}
      </nav>
      <h2>Record a bet</h2>
      {upcoming.length > 0 ? <BetForm events={upcoming} /> : <p className="muted">No upcoming event to bet on.</p>}
      <h2>Settlement and closing line</h2>
      <BetActions />
      <h2>Profit and loss</h2>
      {bets.ok ? (
        <TableWrap label="Bets">
          <table data-testid="bets-table">
            <caption data-testid="bets-caption">
              {all.length} bets ({status.replace("_", " ")}), newest first
              {pages > 1 ? ` (${(page - 1) * PAGE + 1}–${(page - 1) * PAGE + rows.length} shown)` : ""}
            </caption>
            <Head cols={["Placed", "Event", "Market", "Selection", "Bookmaker", "Odds", "Stake", "Status", "Profit", "Closing", "CLV", "Tier", "Source"]} num={["Odds", "Stake", "Profit", "Closing", "CLV"]} />
            <tbody>
              {rows.map((b) => {
                const tier = b.closing_odds === null ? null : clvTierOfPrices(b.odds, b.closing_odds);
                const profitClass = b.profit === null ? "" : b.profit.startsWith("-") ? "neg" : b.profit === "0.00" ? "" : "pos";
                return (
                  <tr key={b.id} data-bet-id={b.id}>
                    <td>{dateTime(b.placed_at, locale)}</td>
                    <td className="wrap">{names.get(b.event_id) ?? b.event_id}</td>
                    <td>
                      {b.market}
                      {b.line ? ` ${b.line}` : ""}
                    </td>
                    <td>{b.selection}</td>
                    <td>{b.bookmaker}</td>
                    <td className="num">{decimal(b.odds, locale)}</td>
                    <td className="num" data-col="stake">
                      {money(b.stake, locale)}
                    </td>
                    <td>{b.status}</td>
                    <td className={`num ${profitClass}`}>{money(b.profit, locale, true)}</td>
                    <td className="num">{decimal(b.closing_odds, locale)}</td>
                    <td className={`num ${b.clv !== null && b.clv < 0 ? "neg" : ""}`}>{percent(b.clv, locale, 2, true)}</td>
                    <td>{tier && tier.ok ? tier.value.replace("_", " ") : "–"}</td>
                    <td>
                      {b.source}
                      {b.demo ? (
                        <>
                          {" "}
                          <span className="tag demo">demo</span>
                        </>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <Unavailable what="Bets" error={bets.error} />
      )}
      {pages > 1 ? (
        <nav aria-label="Pages of bets" className="actions" style={{ marginTop: 8 }}>
          {page > 1 ? <Link href={link(page - 1)}>Newer</Link> : null}
          <span>
            page {page} of {pages}
          </span>
          {page < pages ? <Link href={link(page + 1)}>Older</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
