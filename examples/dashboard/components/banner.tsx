import { apiUrl, getHealth } from "@/lib/api";
import { dateTime, type Locale } from "@/lib/format";

/**
 * The fault banner: what is wrong with the server, from `/health` or from the connection
 * error. Nothing is shown when the server and its collector are fine.
 */
export async function FaultBanner({ locale }: { locale: Locale }) {
  const h = await getHealth();
  let problem: string | null = null;
  if (!h.ok) {
    problem = `Server unavailable: ${h.error.message}. Figures below may be missing.`;
  } else if (h.data.database === "read_only") {
    problem = "The server's database refuses writes (read-only): bets cannot be recorded or settled.";
  } else if (h.data.database !== "ok") {
    problem = `The server's database is unavailable (${apiUrl()}): figures cannot be read.`;
  } else if (h.data.collector.state === "halted") {
    problem = `Odds collection halted: ${h.data.collector.halted_reason ?? "no reason given"}.`;
  } else if (h.data.collector.state === "stale") {
    problem = `Odds collection is stale: last success ${dateTime(h.data.collector.last_success, locale)}.`;
  }
  if (!problem) return null;
  return (
    <div className="banner" role="alert" data-testid="fault-banner">
      {problem}
    </div>
  );
}
