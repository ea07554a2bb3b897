import "server-only";
import { settings } from "./config";

/**
 * The reference server's REST API, in one module: every route the dashboard reads or writes,
 * its answer's shape, and what a failure looks like. Money and prices stay decimal strings;
 * rates are fractions (0.05 = 5%); instants are RFC 3339 strings.
 *
 * A call never throws: it resolves to `{ ok: true, data }` or `{ ok: false, error }`, where
 * `error` says what went wrong (server unreachable, timed out, refused with its message, or a
 * refused field on a 422), so every page can render with a banner instead of failing.
 */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** Why a call failed. */
export interface ApiError {
  /** `unreachable` (connection refused, DNS), `timeout`, `http` (an error status) or `invalid` (a body that is not the JSON expected). */
  kind: "unreachable" | "timeout" | "http" | "invalid";
  /** HTTP status for `http`. */
  status?: number;
  /** A sentence for a person. */
  message: string;
  /** The refused field on a 422. */
  field?: string;
  /** Why the field was refused on a 422. */
  reason?: string;
}

/** `GET /health`. */
export interface Health {
  status: "ok" | "degraded" | "down";
  database: "ok" | "read_only" | "unavailable";
  backend: string;
  collector: {
    state: "running" | "waiting" | "stale" | "halted";
    source: string;
    last_success: string | null;
    last_attempt: string | null;
    last_error?: string | null;
    halted_reason?: string | null;
  };
  quota: { remaining: number | null; used: number | null; last: number | null; reserve: number };
  started_at: string;
  version: string;
}

/** A group of bets' figures (`/stats` breakdowns and heatmap cells). */
export interface Summary {
  bets: number;
  settled: number;
  wins: number;
  losses: number;
  staked: string;
  profit: string;
  roi: number | null;
  win_rate: number | null;
  average_clv: number | null;
}

/** A statistical test of the profit or the CLV. */
export interface Significance {
  bets: number;
  observed: number;
  expected: number;
  standard_error: number;
  z_score: number;
  p_value: number;
}

/** `/stats` performance. */
export interface Performance {
  bets: number;
  won: number;
  lost: number;
  settled: number;
  pending: number;
  win_rate: number | null;
  staked: string;
  profit: string;
  roi: number | null;
  average_clv: number | null;
  beat_close_share: number | null;
  clv_tier: "excellent" | "very_good" | "correct" | "warning" | null;
  starting_bankroll: string;
  final_bankroll: string;
  curve: { at: string | null; bankroll: string }[];
  max_drawdown: { amount: string; share: number; peak: string; trough: string; peak_at: string | null; trough_at: string | null };
  sharpe: number | null;
  longest_losing_streak: number;
  longest_winning_streak: number;
  significance_vs_break_even: Significance | null;
  significance_vs_closing?: Significance | null;
  clv_significance?: Significance | null;
}

/** Analysis window of `/stats` and `/agents/compare`. */
export type Window = "7d" | "30d" | "90d" | "all";

/** `GET /stats`. */
export interface Stats {
  window: Window;
  as_of: string;
  performance: Performance;
  by_bookmaker: { key: string; summary: Summary }[];
  by_market: { key: string; summary: Summary }[];
  by_source: { key: string; summary: Summary }[];
  by_league: { key: string; summary: Summary }[];
  by_week: { key: string; summary: Summary }[];
  heatmap: { cells: { weekday: string; hour: number; summary: Summary }[] };
}

/** One opportunity of `GET /opportunities`. */
export interface Opportunity {
  event_id: string;
  sport: string;
  home: string;
  away: string;
  kickoff: string;
  market: string;
  line: string | null;
  selection: string;
  bookmaker: string;
  price: string;
  fair_probability: number;
  fair_odds: number;
  edge: number;
  z: number | null;
  books: number;
  score: number;
  label: "analyser" | "prudence";
  agents: string[];
  stake: string;
  captured_at: string;
}

/** What identifies an opportunity on a board: event, market, line, selection and bookmaker. */
export function opportunityKey(o: Opportunity): string {
  return `${o.event_id}-${o.market}-${o.line}-${o.selection}-${o.bookmaker}`;
}

/** `GET /opportunities`. */
export interface Opportunities {
  board_version: number;
  as_of: string;
  total: number;
  opportunities: Opportunity[];
}

/** A bet as `GET /bets` shows it. */
export interface Bet {
  id: string;
  event_id: string;
  league: string;
  market: string;
  line: string | null;
  selection: string;
  bookmaker: string;
  odds: string;
  stake: string;
  placed_at: string;
  source: string;
  outcome: string | null;
  closing_odds: string | null;
  closing_probability: number | null;
  status: string;
  kickoff: string | null;
  profit: string | null;
  clv: number | null;
  clv_fair: number | null;
  settled_at: string | null;
  demo?: boolean;
}

/** Filters of the bets table. */
export type BetStatus = "all" | "pending" | "settled" | "positive_clv";

/** One row of `GET /agents/compare`. */
export interface AgentFigures {
  agent: string;
  bets: number;
  profit: string;
  roi: number | null;
  sharpe: number | null;
  win_rate: number | null;
  average_clv: number | null;
  beat_close_share: number | null;
  max_drawdown: number | null;
  max_drawdown_amount: string;
}

/** One agent's paper record in `GET /agents/compare` (`paper.agents`): flat and Kelly
 * figures of its published opportunities bet on paper, and flat figures per ISO week. */
export interface AgentPaper {
  agent: string;
  flat: AgentFigures;
  kelly: AgentFigures | null;
  weeks: { key: string; summary: Summary }[];
}

/** The paper record of `GET /agents/compare` (`paper`): every published opportunity bet on
 * paper, per agent, and one flat bet per pick grouped by consensus label (`labels`, whose
 * `agent` is "analyser" or "prudence"). */
export interface TrackRecord {
  picks: number;
  agents: AgentPaper[];
  labels: AgentFigures[];
}

/** An event of `GET /odds/matches`. */
export interface Match {
  id: string;
  league: string;
  home: string;
  away: string;
  kickoff: string;
  bookmakers: number;
}

function describe(e: unknown): ApiError {
  const err = e as { name?: string; cause?: { code?: string; message?: string }; message?: string };
  if (err?.name === "TimeoutError" || err?.name === "AbortError") {
    return { kind: "timeout", message: `the server at ${settings.apiUrl} did not answer within ${settings.timeoutMs} ms` };
  }
  const detail = err?.cause?.code ?? err?.cause?.message ?? err?.message ?? String(e);
  return { kind: "unreachable", message: `the server at ${settings.apiUrl} cannot be reached (${detail})` };
}

async function call<T>(
  method: "GET" | "POST",
  path: string,
  options: { body?: unknown; admin?: boolean; acceptError?: boolean; next?: (cursor: string | null) => void } = {},
): Promise<ApiResult<T>> {
  const token = options.admin ? settings.adminToken : settings.token;
  const headers: Record<string, string> = { accept: "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(`${settings.apiUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      cache: "no-store",
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
  } catch (e) {
    return { ok: false, error: describe(e) };
  }
  let body: unknown;
  try {
    body = response.status === 204 ? null : await response.json();
  } catch (e) {
    if ((e as { name?: string })?.name === "TimeoutError") return { ok: false, error: describe(e) };
    return { ok: false, error: { kind: "invalid", status: response.status, message: `${method} ${path} answered ${response.status} without JSON` } };
  }
  options.next?.(response.headers.get("x-next-cursor"));
  if (response.ok || options.acceptError) return { ok: true, data: body as T };
  const b = (body ?? {}) as { message?: string; field?: string; reason?: string };
  return {
    ok: false,
    error: {
      kind: "http",
      status: response.status,
      message: b.message ?? `${method} ${path} answered ${response.status}`,
      field: b.field,
      reason: b.reason,
    },
  };
}

/** Most pages a list is read in (a bound on what one page render asks of the server). */
const MAX_PAGES = 100;

/**
 * Every row of a list route: a JSON array, read page after page while the answer's
 * `X-Next-Cursor` header names a next page (passed back as `cursor`).
 */
async function list<T>(path: string): Promise<ApiResult<T[]>> {
  const rows: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const sep = path.includes("?") ? "&" : "?";
    const url: string = cursor === null ? path : `${path}${sep}cursor=${encodeURIComponent(cursor)}`;
    let next: string | null = null;
    const r: ApiResult<T[]> = await call<T[]>("GET", url, { next: (c) => (next = c) });
    if (!r.ok) return r;
    if (!Array.isArray(r.data)) return { ok: false, error: { kind: "invalid", message: `GET ${path} did not answer a list` } };
    rows.push(...r.data);
    if (!next) break;
    cursor = next;
  }
  return { ok: true, data: rows };
}

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** `GET /health`: also answered (503) when the database is down, so the body is kept. */
export async function getHealth(): Promise<ApiResult<Health>> {
  const r = await call<Health>("GET", "/health", { acceptError: true });
  if (r.ok && (typeof r.data?.database !== "string" || typeof r.data?.collector?.state !== "string" || !r.data.quota)) {
    return { ok: false, error: { kind: "invalid", message: `${settings.apiUrl}/health did not answer a health report` } };
  }
  return r;
}

/** `GET /stats?window=`. */
export const getStats = (window: Window = "all") => call<Stats>("GET", `/stats${query({ window })}`);

/** `GET /opportunities` with its filters (best score first). */
export const getOpportunities = (f: { sport?: string; label?: string; minScore?: number; limit?: number } = {}) =>
  call<Opportunities>("GET", `/opportunities${query({ sport: f.sport, label: f.label, min_score: f.minScore, limit: f.limit ?? 5000 })}`);

/** `GET /bets?status=`, every page of it. */
export const getBets = (status: BetStatus = "all") => list<Bet>(`/bets${query({ status: status === "all" ? undefined : status })}`);

/** `GET /odds/matches`: the collected events (names and kickoffs), every page of it. */
export const getMatches = () => list<Match>("/odds/matches");

/** `GET /agents/compare?window=`. */
export const getAgents = (window: Window = "all") =>
  call<{ window: Window; agents: AgentFigures[]; paper: TrackRecord }>("GET", `/agents/compare${query({ window })}`);

/** `GET /admin/config` with the admin token; `null` when no admin token is configured. */
export const getConfig = () =>
  settings.adminToken ? call<Record<string, unknown>>("GET", "/admin/config", { admin: true }) : Promise.resolve(null);

/** `POST /bets`: records a bet (201 with the bet, 422 with the refused field). */
export const createBet = (bet: Record<string, unknown>) => call<Bet>("POST", "/bets", { body: bet });

/** `POST /bets/settle`: settles pending bets from the stored results. */
export const settleBets = () => call<{ settled: number; waiting: number }>("POST", "/bets/settle", { body: {} });

/** `POST /clv/calculate`: closing prices and CLV of bets past kickoff. */
export const computeClv = () => call<{ computed: number; waiting: number }>("POST", "/clv/calculate", { body: {} });

/** Where the API is (shown in banners; the URL is not a secret, the tokens are). */
export const apiUrl = () => settings.apiUrl;
