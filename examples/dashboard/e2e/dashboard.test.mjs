// End-to-end tests of the dashboard in Debian's Chromium: a real server (temporary SQLite,
// replayed odds, the season of demo bets) and the dashboard's production build. For each
// page: the figures equal the API's or the npm package's, the charts are drawn with as many
// points as the data, no console error, no serious or critical axe-core violation, and a
// screenshot in screenshots/. Then the faults: a bad form value, the server slow, stopped.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { DASHBOARD, api, launchBrowser, startDashboard, startServer, startSilentServer } from "./harness.mjs";

const require = createRequire(import.meta.url);
const ec = require("edgecore");
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const SHOTS = path.join(DASHBOARD, "screenshots");
const eur = new Intl.NumberFormat("en-GB", { style: "currency", currency: "EUR" });
const eurSigned = new Intl.NumberFormat("en-GB", { style: "currency", currency: "EUR", signDisplay: "exceptZero" });
const T = { timeout: 120_000 };
/** A fraction as the dashboard shows a percent in English ("–" when missing). */
const pct = (fraction, digits, signed = false) =>
  fraction === null || fraction === undefined
    ? "–"
    : new Intl.NumberFormat("en-GB", {
        style: "percent",
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
        signDisplay: signed ? "exceptZero" : "auto",
      }).format(fraction);

let server;
let dashboard;
let browser;
let context;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer();
  dashboard = await startDashboard(server.url, { token: server.token, adminToken: server.adminToken });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
}, { timeout: 240_000 });

after(async () => {
  await browser?.close();
  await dashboard?.stop();
  await server?.stop();
});

/** Opens a page, collects console errors, and returns the page with them. */
async function open(route) {
  const page = await context.newPage();
  const errors = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  const r = await page.goto(`${dashboard.url}${route}`, { waitUntil: "networkidle", timeout: 60_000 });
  assert.equal(r.status(), 200, `${route} answered ${r.status()}`);
  return { page, errors };
}

/** Runs axe-core; fails on a serious or critical violation. */
async function accessible(page, route) {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => (await globalThis.axe.run(document)).violations);
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(
    bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`),
    [],
    `${route}: axe-core violations`,
  );
}

/** The page's final checks: no console error, accessible, no token in the HTML, a screenshot. */
async function finish({ page, errors }, route, name) {
  await accessible(page, route);
  const html = await page.content();
  assert.ok(!html.includes(server.token) && !html.includes(server.adminToken), `${route}: a token reached the browser`);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  assert.deepEqual(errors, [], `${route}: console errors`);
  await page.close();
}

/** Points of a chart: its `data-points` and the marks drawn in its SVG. */
async function chart(page, id, selector) {
  const fig = page.locator(`[data-chart="${id}"]`);
  await fig.locator(selector).first().waitFor({ timeout: 15_000 });
  const points = Number(await fig.getAttribute("data-points"));
  const marks = await fig.locator(selector).count();
  return { points, marks };
}

const text = async (page, testId) => (await page.getByTestId(testId).innerText()).trim();

describe("pages", () => {
  test("/ shows the bankroll of /stats, the collector and the bankroll chart", T, async () => {
    const stats = await api(server, "/stats?window=all");
    const p = await open("/");
    assert.equal(await text(p.page, "kpi-bankroll"), eur.format(stats.performance.final_bankroll));
    assert.equal(await text(p.page, "kpi-profit"), eurSigned.format(stats.performance.profit));
    assert.ok(stats.performance.curve.length > 100, "the demo season has bets");
    const c = await chart(p.page, "home-bankroll", ".recharts-line-dots circle");
    assert.equal(c.points, stats.performance.curve.length);
    assert.equal(c.marks, c.points);
    const health = await api(server, "/health");
    assert.equal(await text(p.page, "kpi-quota"), String(health.quota.remaining));
    assert.equal(await p.page.getByTestId("fault-banner").count(), 0);
    await finish(p, "/", "home");
  });

  test("in French, money and percents are formatted for fr-FR", T, async () => {
    const stats = await api(server, "/stats?window=all");
    const p = await open("/");
    await p.page.getByRole("button", { name: "FR" }).click();
    const fr = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" }).format(stats.performance.final_bankroll);
    await p.page.getByTestId("kpi-bankroll").filter({ hasText: fr }).waitFor({ timeout: 15_000 });
    await p.page.getByRole("button", { name: "EN" }).click();
    await p.page.getByTestId("kpi-bankroll").filter({ hasText: eur.format(stats.performance.final_bankroll) }).waitFor({ timeout: 15_000 });
    assert.deepEqual(p.errors, []);
    await p.page.close();
  });

  test("/opportunities has the API's rows, and the stake calculator is the package's", T, async () => {
    const all = await api(server, "/opportunities?limit=5000");
    assert.ok(all.total > 0);
    const p = await open("/opportunities");
    const rows = p.page.locator('[data-testid="opportunities-table"] tbody tr');
    assert.equal(await rows.count(), all.total);
    const first = all.opportunities[0];
    assert.equal((await rows.first().locator('[data-col="stake"]').innerText()).trim(), eur.format(first.stake));
    await finish(p, "/opportunities", "opportunities");

    const q = await open("/opportunities?bankroll=2500&fraction=0.5&label=analyser");
    const analyser = all.opportunities.filter((o) => o.label === "analyser");
    const r = q.page.locator('[data-testid="opportunities-table"] tbody tr');
    assert.equal(await r.count(), analyser.length);
    const expected = ec.kellyStake("2500", Number(analyser[0].price), analyser[0].fair_probability, {
      fraction: 0.5,
      maxStakeShare: 0.05,
      minEdge: 0.02,
      minStake: "1",
      unit: "0.01",
    });
    assert.equal((await r.first().locator('[data-col="your-stake"]').innerText()).trim(), eur.format(expected));
    await q.page.close();

    const bad = await open("/opportunities?bankroll=-5");
    assert.match(await bad.page.locator("#bankroll-error").innerText(), /bankroll/i);
    await bad.page.close();

    const fair = await open("/opportunities?prices=2.10+3.40+3.60&method=shin");
    const odds = ec.devig([2.1, 3.4, 3.6], "shin").fairOdds;
    const cells = await fair.page.locator('[data-col="fair-odds"]').allInnerTexts();
    assert.deepEqual(cells, odds.map((o) => o.toFixed(3)));
    await fair.page.close();
  });

  test("/bets lists the API's bets; the form records a bet and shows a field error", T, async () => {
    const before = await api(server, "/bets");
    const p = await open("/bets");
    const rows = p.page.locator('[data-testid="bets-table"] tbody tr');
    assert.equal(await rows.count(), Math.min(50, before.length), "a page of 50 bets, newest first");
    assert.match(await text(p.page, "bets-caption"), new RegExp(`^${before.length} bets`));
    const newest = before[before.length - 1];
    assert.equal(await rows.first().getAttribute("data-bet-id"), newest.id);
    await finish(p, "/bets", "bets");
    const last = await open(`/bets?page=${Math.ceil(before.length / 50)}`);
    assert.equal(await last.page.locator('[data-testid="bets-table"] tbody tr').count(), before.length % 50 || 50);
    assert.equal(await last.page.locator('[data-testid="bets-table"] tbody tr').last().getAttribute("data-bet-id"), before[0].id);
    await last.page.close();

    const f = await open("/bets");
    await f.page.getByLabel("Odds").fill("2.05");
    await f.page.getByLabel("Stake (€)").fill("12.34");
    await f.page.getByRole("button", { name: "Record the bet" }).click();
    await f.page.getByRole("status").filter({ hasText: "recorded" }).waitFor({ timeout: 15_000 });
    const after = await api(server, "/bets");
    assert.equal(after.length, before.length + 1);
    const added = after.find((b) => !before.some((x) => x.id === b.id));
    assert.equal(added.stake, "12.34");
    await f.page.reload({ waitUntil: "networkidle" });
    const row = f.page.locator(`tr[data-bet-id="${added.id}"]`);
    assert.equal((await row.locator('[data-col="stake"]').innerText()).trim(), eur.format("12.34"));

    await f.page.getByLabel("Odds").fill("2.05");
    await f.page.getByLabel("Stake (€)").fill("-3");
    await f.page.getByRole("button", { name: "Record the bet" }).click();
    const error = f.page.getByTestId("error-stake");
    await error.waitFor({ timeout: 15_000 });
    assert.match(await error.innerText(), /\S/);
    assert.equal((await api(server, "/bets")).length, after.length, "the refused bet was not recorded");
    await f.page.getByRole("button", { name: "Settle pending bets" }).click();
    await f.page.getByRole("status").filter({ hasText: /\d+ settled, \d+ waiting for a result/ }).waitFor({ timeout: 15_000 });
    await f.page.getByRole("button", { name: "Compute CLV" }).click();
    await f.page.getByRole("status").filter({ hasText: /CLV computed for \d+ bets/ }).waitFor({ timeout: 15_000 });
    assert.deepEqual(f.errors, []);
    await f.page.close();

    const pending = await open("/bets?status=pending");
    const apiPending = await api(server, "/bets?status=pending");
    assert.equal(await pending.page.locator('[data-testid="bets-table"] tbody tr').count(), Math.min(50, apiPending.length));
    assert.match(await text(pending.page, "bets-caption"), new RegExp(`^${apiPending.length} bets`));
    await pending.page.close();
  });

  test("/analytics draws the bankroll, ROI by bookmaker, win rate by week and the heatmap", T, async () => {
    const stats = await api(server, "/stats?window=all");
    const p = await open("/analytics?window=all");
    const bankroll = await chart(p.page, "bankroll", ".recharts-line-dots circle");
    assert.equal(bankroll.points, stats.performance.curve.length);
    assert.equal(bankroll.marks, bankroll.points);
    const roi = await chart(p.page, "roi-bookmaker", ".recharts-bar-rectangle");
    assert.equal(roi.points, stats.by_bookmaker.filter((g) => g.summary.roi !== null).length);
    assert.equal(roi.marks, roi.points);
    const week = await chart(p.page, "win-rate-week", ".recharts-area-dots circle");
    assert.equal(week.points, stats.by_week.filter((g) => g.summary.win_rate !== null).length);
    assert.equal(week.marks, week.points);
    const heat = await chart(p.page, "heatmap", "rect.heat-cell");
    assert.equal(heat.marks, stats.heatmap.cells.length);
    assert.equal(await text(p.page, "kpi-drawdown"), eur.format(stats.performance.max_drawdown.amount));
    await finish(p, "/analytics", "analytics");

    const month = await api(server, "/stats?window=30d");
    const m = await open("/analytics?window=30d");
    assert.equal(await text(m.page, "kpi-profit"), eurSigned.format(month.performance.profit));
    await m.page.close();
  });

  test("/agents compares the agents as /agents/compare does", T, async () => {
    const cmp = await api(server, "/agents/compare");
    const p = await open("/agents");
    const rows = p.page.locator('[data-testid="agents-table"] tbody tr');
    assert.equal(await rows.count(), cmp.agents.length);
    for (const a of cmp.agents) {
      const cell = p.page.locator(`tr[data-agent="${a.agent}"] [data-col="profit"]`);
      assert.equal((await cell.innerText()).trim(), eurSigned.format(a.profit));
    }
    const bars = await chart(p.page, "agents-roi", ".recharts-bar-rectangle");
    assert.equal(bars.points, cmp.agents.length);
    assert.equal(bars.marks, bars.points);
    const consensus = (await api(server, "/bets?status=settled")).filter((b) => b.source === "consensus");
    const perf = ec.performance(
      consensus.map((b) => ({
        id: b.id,
        eventId: b.event_id,
        league: b.league,
        market: b.market,
        line: b.line,
        selection: b.selection,
        bookmaker: b.bookmaker,
        odds: b.odds,
        stake: b.stake,
        placedAt: new Date(b.placed_at),
        source: b.source,
        outcome: b.outcome ?? undefined,
        closingOdds: b.closing_odds,
        closingProbability: b.closing_probability,
      })),
      "1000",
    );
    const curve = await chart(p.page, "consensus-bankroll", ".recharts-line-dots circle");
    assert.equal(curve.points, perf.curve.length);
    assert.equal(curve.marks, curve.points);
    // The paper record: every figure shown is the API's.
    const paper = cmp.paper;
    assert.ok(paper.picks > 0, "the demo season publishes opportunities");
    assert.match(await text(p.page, "paper-picks"), new RegExp(`^${paper.picks} published opportunities`));
    const paperRows = p.page.locator('[data-testid="paper-table"] tbody tr');
    assert.equal(await paperRows.count(), paper.agents.length);
    const cellOf = (table, key, value, col) => p.page.locator(`[data-testid="${table}"] tr[data-${key}="${value}"] [data-col="${col}"]`);
    const shown = async (table, key, value, col) => (await cellOf(table, key, value, col).innerText()).trim();
    for (const a of paper.agents) {
      assert.equal(await shown("paper-table", "paper-agent", a.agent, "bets"), String(a.flat.bets));
      assert.equal(await shown("paper-table", "paper-agent", a.agent, "profit"), eurSigned.format(a.flat.profit));
      assert.equal(await shown("paper-table", "paper-agent", a.agent, "roi"), pct(a.flat.roi, 2, true));
      assert.equal(await shown("paper-table", "paper-agent", a.agent, "clv"), pct(a.flat.average_clv, 2, true));
      assert.equal(await shown("paper-table", "paper-agent", a.agent, "beat-close"), pct(a.flat.beat_close_share, 0));
      assert.equal(
        await shown("paper-table", "paper-agent", a.agent, "drawdown"),
        `${eur.format(a.flat.max_drawdown_amount)} (${pct(a.flat.max_drawdown, 1)})`,
      );
      assert.equal(await shown("paper-table", "paper-agent", a.agent, "kelly-profit"), a.kelly ? eurSigned.format(a.kelly.profit) : "–");
      assert.equal(await shown("paper-table", "paper-agent", a.agent, "kelly-roi"), pct(a.kelly?.roi, 2, true));
    }
    assert.equal(await p.page.locator('[data-testid="labels-table"] tbody tr').count(), paper.labels.length);
    for (const l of paper.labels) {
      assert.equal(await shown("labels-table", "label", l.agent, "bets"), String(l.bets));
      assert.equal(await shown("labels-table", "label", l.agent, "profit"), eurSigned.format(l.profit));
      assert.equal(await shown("labels-table", "label", l.agent, "roi"), pct(l.roi, 2, true));
      assert.equal(await shown("labels-table", "label", l.agent, "clv"), pct(l.average_clv, 2, true));
      assert.equal(await shown("labels-table", "label", l.agent, "beat-close"), pct(l.beat_close_share, 0));
    }
    await finish(p, "/agents", "agents");
  });

  test("/wealth: the loan's first payment is the package's; net worth pie and yearly chart drawn", T, async () => {
    const p = await open("/wealth?principal=180000&rate=3.2&months=240&first=2027-01&kind=annuity&insurance=0.3&base=initial&deferral=0");
    const schedule = ec.amortizationSchedule({
      principal: "180000",
      annualRatePct: "3.2",
      months: 240,
      firstPayment: new Date("2027-01-01T00:00:00Z"),
      kind: "annuity",
      insurance: { annualRatePct: "0.3", base: "initial" },
    });
    assert.equal(await text(p.page, "loan-first-payment"), eur.format(schedule.rows[0].payment));
    assert.equal(await p.page.locator('[data-testid="loan-table"] tbody tr').count(), schedule.rows.length);
    const years = new Set(schedule.rows.map((r) => r.date.getUTCFullYear())).size;
    const stacked = await chart(p.page, "loan-years", ".recharts-bar-rectangle");
    assert.equal(stacked.points, years);
    assert.equal(stacked.marks, 2 * years);
    const pie = await chart(p.page, "net-worth", ".recharts-pie-sector");
    assert.equal(pie.marks, pie.points);
    assert.ok(pie.points >= 4);
    await finish(p, "/wealth", "wealth");

    const bad = await open("/wealth?principal=-100");
    assert.match(await bad.page.locator("#principal-error").innerText(), /\S/);
    await bad.page.close();
  });

  test("/risk scores the demo list and an uploaded CSV as the package does", T, async () => {
    const p = await open("/risk");
    const histogram = await chart(p.page, "risk-histogram", ".recharts-bar-rectangle");
    assert.equal(histogram.points, 10);
    assert.ok(histogram.marks > 0);
    await finish(p, "/risk", "risk");

    const csv = [
      "id,signup,plan,monthly_amount,date,succeeded",
      "a,2026-01-05,premium,29.90,2026-01-07,true",
      "a,2026-01-05,premium,29.90,2026-02-07,false",
      "a,2026-01-05,premium,29.90,2026-03-07,false",
      "b,2025-06-01,premium,29.90,2026-01-03,true",
      "b,2025-06-01,basic,9.90,2026-02-03,true",
      "c,2025-01-01,premium,29.90,2026-02-10,true",
      "c,2025-01-01,premium,29.90,2026-03-10,true",
    ].join("\n");
    const file = path.join(SHOTS, "upload.csv");
    writeFileSync(file, csv);
    const u = await open("/risk");
    await u.page.locator('input[type="file"]').setInputFiles(file);
    await u.page.getByRole("button", { name: "Score the file" }).click();
    await u.page.getByTestId("risk-source").filter({ hasText: "upload.csv" }).waitFor({ timeout: 15_000 });
    const d = (s) => new Date(`${s}T00:00:00Z`);
    const subscribers = [
      { id: "a", signup: d("2026-01-05"), subscriptions: [{ plan: "premium", monthlyAmount: "29.90", start: d("2026-01-07") }], payments: [["2026-01-07", true], ["2026-02-07", false], ["2026-03-07", false]].map(([x, ok]) => ({ date: d(x), amount: "29.90", succeeded: ok })) },
      { id: "b", signup: d("2025-06-01"), subscriptions: [{ plan: "premium", monthlyAmount: "29.90", start: d("2026-01-03"), end: d("2026-02-03") }, { plan: "basic", monthlyAmount: "9.90", start: d("2026-02-03") }], payments: [{ date: d("2026-01-03"), amount: "29.90", succeeded: true }, { date: d("2026-02-03"), amount: "9.90", succeeded: true }] },
      { id: "c", signup: d("2025-01-01"), subscriptions: [{ plan: "premium", monthlyAmount: "29.90", start: d("2026-02-10") }], payments: [{ date: d("2026-02-10"), amount: "29.90", succeeded: true }, { date: d("2026-03-10"), amount: "29.90", succeeded: true }] },
    ];
    const summary = ec.riskSummary(ec.riskScoreBatch(subscribers, new Date()));
    for (const level of ["low", "medium", "high", "critical"]) {
      const count = summary.levels.find((l) => l.level === level)?.count ?? 0;
      assert.equal(await text(u.page, `level-${level}`), String(count), level);
    }
    assert.equal(await u.page.locator('[data-testid="risk-table"] tbody tr').count(), 3);

    writeFileSync(file, "id,signup\nx,2026-01-01\n");
    await u.page.locator('input[type="file"]').setInputFiles(file);
    await u.page.getByRole("button", { name: "Score the file" }).click();
    await u.page.getByTestId("error-file").waitFor({ timeout: 15_000 });
    assert.deepEqual(u.errors, []);
    await u.page.close();
  });

  test("/settings shows /admin/config without a secret", T, async () => {
    const p = await open("/settings");
    const shown = await p.page.getByTestId("config").innerText();
    assert.match(shown, /listen/);
    assert.match(shown, /database_url/);
    await finish(p, "/settings", "settings");
  });

  test("no native addon nor edgecore code in the browser's bundles", T, async () => {
    const dir = path.join(DASHBOARD, ".next", "static", "chunks");
    const files = readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith(".js"));
    assert.ok(files.length > 0);
    for (const f of files) {
      const js = readFileSync(path.join(dir, String(f)), "utf8");
      assert.ok(!js.includes("edgecore.linux-x64-gnu.node") && !js.includes("amortizationScheduleOf"), `${f} holds the addon`);
    }
  });
});

describe("API", () => {
  test("a list answered in pages (X-Next-Cursor) is read whole", T, async () => {
    const bet = (id, placed) => ({
      id, event_id: "e1", league: "soccer_epl", market: "h2h", line: null, selection: "home", bookmaker: "pinnacle",
      odds: "2.00", stake: "10.00", placed_at: placed, source: "manual", outcome: null, closing_odds: null,
      closing_probability: null, status: "pending", kickoff: null, profit: null, clv: null, clv_fair: null, settled_at: null,
    });
    const pages = { "": [[bet("p1", "2026-01-01T10:00:00Z"), bet("p2", "2026-01-02T10:00:00Z")], "c1"], c1: [[bet("p3", "2026-01-03T10:00:00Z")], null] };
    const fake = createHttpServer((req, res) => {
      const url = new URL(req.url, "http://x");
      res.setHeader("content-type", "application/json");
      if (url.pathname === "/bets") {
        const [rows, next] = pages[url.searchParams.get("cursor") ?? ""] ?? [[], null];
        if (next) res.setHeader("x-next-cursor", next);
        res.end(JSON.stringify(rows));
      } else if (url.pathname === "/odds/matches") {
        res.end("[]");
      } else {
        res.statusCode = 404;
        res.end(JSON.stringify({ error: "not_found", message: "no such route" }));
      }
    });
    await new Promise((r) => fake.listen(0, "127.0.0.1", r));
    const d = await startDashboard(`http://127.0.0.1:${fake.address().port}`, { token: "t" });
    try {
      const page = await context.newPage();
      await page.goto(`${d.url}/bets`, { waitUntil: "load", timeout: 30_000 });
      assert.match(await text(page, "bets-caption"), /^3 bets/);
      assert.deepEqual(
        await page.locator('[data-testid="bets-table"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute("data-bet-id"))),
        ["p3", "p2", "p1"],
      );
      await page.close();
    } finally {
      await d.stop();
      await new Promise((r) => fake.close(r));
    }
  });
});

describe("faults", () => {
  test("a slow server: every page renders with the banner", T, async () => {
    const silent = await startSilentServer();
    const slow = await startDashboard(silent.url, { timeoutMs: 1000 });
    try {
      for (const route of ["/", "/bets", "/analytics"]) {
        const page = await context.newPage();
        const r = await page.goto(`${slow.url}${route}`, { waitUntil: "load", timeout: 30_000 });
        assert.equal(r.status(), 200);
        assert.match(await page.getByTestId("fault-banner").innerText(), /did not answer within 1000 ms/);
        await page.close();
      }
    } finally {
      await slow.stop();
      await silent.stop();
    }
  });

  test("the server stopped: every page renders with the banner, no console error", T, async () => {
    await server.stop();
    for (const route of ["/", "/opportunities", "/bets", "/analytics", "/agents", "/wealth", "/risk", "/settings"]) {
      const p = await open(route);
      assert.match(await p.page.getByTestId("fault-banner").innerText(), /Server unavailable: the server at .* cannot be reached/);
      if (route === "/") await p.page.screenshot({ path: path.join(SHOTS, "server-down.png"), fullPage: true });
      assert.deepEqual(p.errors, [], `${route}: console errors`);
      await p.page.close();
    }
  });
});
