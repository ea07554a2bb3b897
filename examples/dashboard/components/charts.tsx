"use client";

/**
 * The charts (Recharts), drawn in the browser from figures the server prepared. Each point
 * carries the number that places it (`y`) and the text a person reads (`label`, formatted on
 * the server from the decimal string), so the tooltip never shows a float-rounded amount.
 * Every chart is a captioned figure whose `data-points` gives the number of points drawn.
 */
import { useSyncExternalStore } from "react";
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

/** One point: its x label, its value and the value as a person reads it. */
export interface Point {
  x: string;
  y: number;
  label: string;
}

/** Two series stacked (capital and interest of a loan). */
export interface StackPoint {
  x: string;
  a: number;
  b: number;
  aLabel: string;
  bLabel: string;
}

const PALETTE = ["#1f5fa8", "#c0392b", "#1e8449", "#8e44ad", "#b9770e", "#117a65", "#5d6d7e"];

/** False during the server render and hydration, true once mounted in the browser. */
function useMounted(): boolean {
  return useSyncExternalStore(
    () => () => {},
    () => true,
    () => false,
  );
}

function Frame({
  id,
  title,
  points,
  height,
  children,
}: {
  id: string;
  title: string;
  points: number;
  height: number;
  children: React.ReactElement;
}) {
  const mounted = useMounted();
  return (
    <figure className="chart" data-chart={id} data-points={points}>
      <figcaption>{title}</figcaption>
      <div style={{ width: "100%", height }}>
        {points === 0 ? (
          <p className="muted">No data for this chart.</p>
        ) : mounted ? (
          <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 600, height }}>
            {children}
          </ResponsiveContainer>
        ) : null}
      </div>
    </figure>
  );
}

function tooltipLabel(data: { label?: string; aLabel?: string; bLabel?: string }, key: string): string {
  const d = data as Record<string, string | undefined>;
  return d[key] ?? "";
}

/** A line of points (bankroll curve); `small` for the home page's sparkline. */
export function LineCurve({ id, title, data, height = 280, small = false }: { id: string; title: string; data: Point[]; height?: number; small?: boolean }) {
  return (
    <Frame id={id} title={title} points={data.length} height={height}>
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        {!small && <CartesianGrid strokeDasharray="3 3" stroke="#d5d8dc" />}
        <XAxis dataKey="x" hide={small} minTickGap={40} tick={{ fontSize: 12, fill: "#333" }} />
        <YAxis hide={small} domain={["auto", "auto"]} width={70} tick={{ fontSize: 12, fill: "#333" }} />
        <Tooltip formatter={(_v, _n, item) => [tooltipLabel(item.payload, "label"), title]} />
        <Line
          type="monotone"
          dataKey="y"
          stroke={PALETTE[0]}
          strokeWidth={2}
          dot={{ r: small ? 1 : 1.5, fill: PALETTE[0] }}
          isAnimationActive={false}
        />
      </LineChart>
    </Frame>
  );
}

/** Bars (ROI by bookmaker, score histogram); negative bars in red. */
export function Bars({ id, title, data, height = 280 }: { id: string; title: string; data: Point[]; height?: number }) {
  return (
    <Frame id={id} title={title} points={data.length} height={height}>
      <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#d5d8dc" />
        <XAxis dataKey="x" interval={0} angle={data.length > 8 ? -30 : 0} textAnchor={data.length > 8 ? "end" : "middle"} height={data.length > 8 ? 60 : 30} tick={{ fontSize: 12, fill: "#333" }} />
        <YAxis width={70} tick={{ fontSize: 12, fill: "#333" }} />
        <Tooltip formatter={(_v, _n, item) => [tooltipLabel(item.payload, "label"), title]} />
        <Bar dataKey="y" isAnimationActive={false} minPointSize={2}>
          {data.map((d) => (
            <Cell key={d.x} fill={d.y < 0 ? PALETTE[1] : PALETTE[0]} />
          ))}
        </Bar>
      </BarChart>
    </Frame>
  );
}

/** An area (win rate by week). */
export function AreaSeries({ id, title, data, height = 260 }: { id: string; title: string; data: Point[]; height?: number }) {
  return (
    <Frame id={id} title={title} points={data.length} height={height}>
      <AreaChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#d5d8dc" />
        <XAxis dataKey="x" minTickGap={30} tick={{ fontSize: 12, fill: "#333" }} />
        <YAxis width={60} tick={{ fontSize: 12, fill: "#333" }} />
        <Tooltip formatter={(_v, _n, item) => [tooltipLabel(item.payload, "label"), title]} />
        <Area type="monotone" dataKey="y" stroke={PALETTE[2]} fill="#a9dfbf" dot={{ r: 2 }} isAnimationActive={false} />
      </AreaChart>
    </Frame>
  );
}

/** A pie of shares (net worth by category). */
export function Shares({ id, title, data, height = 300 }: { id: string; title: string; data: Point[]; height?: number }) {
  return (
    <Frame id={id} title={title} points={data.length} height={height}>
      <PieChart>
        <Pie data={data} dataKey="y" nameKey="x" outerRadius="75%" isAnimationActive={false} label={(p) => String((p.payload as Point).x)}>
          {data.map((d, i) => (
            <Cell key={d.x} fill={PALETTE[i % PALETTE.length]} />
          ))}
        </Pie>
        <Tooltip formatter={(_v, _n, item) => [tooltipLabel(item.payload, "label"), (item.payload as Point).x]} />
        <Legend />
      </PieChart>
    </Frame>
  );
}

/** Two stacked series per x (a loan's capital and interest by year). */
export function Stacked({
  id,
  title,
  data,
  names,
  height = 280,
}: {
  id: string;
  title: string;
  data: StackPoint[];
  names: [string, string];
  height?: number;
}) {
  return (
    <Frame id={id} title={title} points={data.length} height={height}>
      <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#d5d8dc" />
        <XAxis dataKey="x" tick={{ fontSize: 12, fill: "#333" }} />
        <YAxis width={70} tick={{ fontSize: 12, fill: "#333" }} />
        <Tooltip
          formatter={(_v, name, item) => [tooltipLabel(item.payload, name === names[0] ? "aLabel" : "bLabel"), name]}
        />
        <Legend />
        <Bar dataKey="a" name={names[0]} stackId="s" fill={PALETTE[0]} isAnimationActive={false} />
        <Bar dataKey="b" name={names[1]} stackId="s" fill={PALETTE[4]} isAnimationActive={false} />
      </BarChart>
    </Frame>
  );
}
