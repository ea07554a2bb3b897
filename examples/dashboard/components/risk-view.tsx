"use client";

import { useActionState, useState } from "react";
import type { RiskScore, RiskSummary } from "edgecore";
import { scoreUpload } from "@/app/risk/actions";
import { Bars } from "./charts";
import { Head, TableWrap } from "./ui";
import { number, percent, type Locale } from "@/lib/format";

/** Scores of a subscriber list and their summary, as computed on the server. */
export interface RiskResult {
  scores: RiskScore[];
  summary: RiskSummary;
  source: string;
}

/** The upload form's state: a new result, or why the file was refused. */
export interface RiskState {
  result?: RiskResult;
  error?: string;
}

const LEVELS = ["low", "medium", "high", "critical"];

/** The risk page's content: upload, counts per level, histogram, list and one subscriber's factors. */
export function RiskView({ demo, locale }: { demo: RiskResult; locale: Locale }) {
  const [state, action, pending] = useActionState(scoreUpload, {});
  const result = state.result ?? demo;
  const ranked = [...result.scores].sort((a, b) => b.score - a.score);
  const [chosen, setChosen] = useState<string>("");
  const one = ranked.find((s) => s.subscriberId === chosen) ?? ranked[0];
  return (
    <>
      <form action={action} className="inline" aria-label="Upload subscribers">
        <div className="field">
          <label>
            Subscriber CSV (id,signup,plan,monthly_amount,date,succeeded)
            <input type="file" name="file" accept=".csv,text/csv" aria-describedby="file-error" />
          </label>
          {state.error ? (
            <span className="field-error" id="file-error" role="alert" data-testid="error-file">
              {state.error}
            </span>
          ) : null}
        </div>
        <button type="submit" disabled={pending}>
          Score the file
        </button>
      </form>
      <p className="muted" data-testid="risk-source">
        {result.scores.length} subscribers from {result.source}.
      </p>
      <div className="kpis">
        {LEVELS.map((level) => {
          const c = result.summary.levels.find((l) => l.level === level);
          return (
            <div className="kpi" key={level}>
              <div className="kpi-name">{level}</div>
              <div className="kpi-value" data-testid={`level-${level}`}>
                {c?.count ?? 0}
              </div>
              <div className="kpi-note">{percent(c?.share ?? 0, locale, 1)}</div>
            </div>
          );
        })}
        <div className="kpi">
          <div className="kpi-name">Payment failure rate</div>
          <div className="kpi-value">{percent(result.summary.failureRate, locale, 1)}</div>
        </div>
      </div>
      <div className="grid2" style={{ marginTop: 16 }}>
        <Bars
          id="risk-histogram"
          title="Scores (number of subscribers per tenth)"
          data={result.summary.histogram.map((b) => ({
            x: `${number(b.lower, locale, 1)}–${number(b.upper, locale, 1)}`,
            y: b.count,
            label: `${b.count} subscribers`,
          }))}
        />
        <div className="card">
          <label>
            Subscriber
            <select value={one?.subscriberId ?? ""} onChange={(e) => setChosen(e.target.value)}>
              {ranked.map((s) => (
                <option key={s.subscriberId} value={s.subscriberId}>
                  {s.subscriberId} ({number(s.score, locale, 2)}, {s.level})
                </option>
              ))}
            </select>
          </label>
          {one ? (
            <table data-testid="factors-table" style={{ marginTop: 8 }}>
              <caption>
                {one.subscriberId}: score {number(one.score, locale, 3)} ({one.level}); flags: {one.flags.length ? one.flags.join(", ") : "none"}
              </caption>
              <Head cols={["Factor", "Value", "Weight", "Contribution"]} num={["Value", "Weight", "Contribution"]} />
              <tbody>
                {one.factors.map((f) => (
                  <tr key={f.factor}>
                    <td>{f.factor.replaceAll("_", " ")}</td>
                    <td className="num">{number(f.value, locale, 3)}</td>
                    <td className="num">{percent(f.weight, locale, 0)}</td>
                    <td className="num">{number(f.contribution, locale, 3)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      </div>
      <h2>Subscribers by risk</h2>
      <TableWrap label="Subscribers by risk">
        <table data-testid="risk-table">
          <caption>Highest score first</caption>
          <Head cols={["Subscriber", "Score", "Level", "Payments", "Failed", "Flags"]} num={["Score", "Payments", "Failed"]} />
          <tbody>
            {ranked.map((s) => (
              <tr key={s.subscriberId}>
                <td>{s.subscriberId}</td>
                <td className="num">{number(s.score, locale, 3)}</td>
                <td>{s.level}</td>
                <td className="num">{s.paymentCount}</td>
                <td className="num">{s.failedPaymentCount}</td>
                <td>{s.flags.join(", ") || "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
