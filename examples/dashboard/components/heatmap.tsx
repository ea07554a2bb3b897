import type { Stats } from "@/lib/api";
import { money, percent, type Locale } from "@/lib/format";

const DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/**
 * Results by weekday and hour of placement (UTC): one cell per (weekday, hour), its colour
 * from the cell's ROI (green above zero, red below, grey without settled bets), its profit in
 * the cell's tooltip. Drawn on the server as SVG.
 */
export function Heatmap({ heatmap, locale }: { heatmap: Stats["heatmap"]; locale: Locale }) {
  const cell = 22;
  const left = 90;
  const top = 20;
  const cells = heatmap.cells;
  return (
    <figure className="chart heatmap" data-chart="heatmap" data-points={cells.length}>
      <figcaption>Results by weekday and hour placed (UTC), colour by ROI</figcaption>
      <svg
        viewBox={`0 0 ${left + 24 * cell + 4} ${top + 7 * cell + 4}`}
        width="100%"
        role="img"
        aria-label="Heatmap of results by weekday and hour"
      >
        {Array.from({ length: 24 }, (_, h) =>
          h % 3 === 0 ? (
            <text key={`h${h}`} x={left + h * cell + cell / 2} y={top - 6} textAnchor="middle">
              {h}h
            </text>
          ) : null,
        )}
        {DAYS.map((d, i) => (
          <text key={d} x={left - 6} y={top + i * cell + cell / 2 + 4} textAnchor="end">
            {d}
          </text>
        ))}
        {cells.map((c) => {
          const row = DAYS.indexOf(c.weekday);
          const roi = c.summary.roi;
          const strength = roi === null ? 0 : Math.min(1, Math.abs(roi) * 2);
          const fill =
            roi === null || c.summary.settled === 0
              ? "#eceff1"
              : roi >= 0
                ? `rgba(30,132,73,${0.25 + 0.75 * strength})`
                : `rgba(192,57,43,${0.25 + 0.75 * strength})`;
          return (
            <rect
              key={`${c.weekday}-${c.hour}`}
              className="heat-cell"
              x={left + c.hour * cell + 1}
              y={top + row * cell + 1}
              width={cell - 2}
              height={cell - 2}
              fill={fill}
            >
              <title>
                {`${c.weekday} ${c.hour}h: ${c.summary.bets} bets, profit ${money(c.summary.profit, locale, true)}, ROI ${percent(roi, locale)}`}
              </title>
            </rect>
          );
        })}
      </svg>
    </figure>
  );
}
