// Benchmark of the dashboard (`make bench-dashboard`), against the same stack as the
// end-to-end tests: the release server with its demo season on a temporary SQLite database
// and the dashboard's production build, all on loopback.
//
// 1. Server render time per page: the time from sending the request to the last byte of the
//    HTML (the page's API calls and npm package calls included), 50 sequential loads after 5
//    warm-up loads; p50 and p95.
// 2. JavaScript sent to the browser per page: every script Chromium loads for the page, its
//    body gzip-compressed (level 6, as a server would send it) and summed.
import { gzipSync } from "node:zlib";
import { launchBrowser, startDashboard, startServer } from "../e2e/harness.mjs";

const PAGES = ["/", "/opportunities", "/bets", "/analytics", "/agents", "/wealth", "/risk", "/settings"];
const LOADS = 50;
const WARMUP = 5;

function quantile(sorted, q) {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

async function load(url) {
  const t = process.hrtime.bigint();
  const r = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  await r.arrayBuffer();
  if (r.status !== 200) throw new Error(`${url}: ${r.status}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

const server = await startServer();
const dashboard = await startDashboard(server.url, { token: server.token, adminToken: server.adminToken });
const results = [];
try {
  for (const page of PAGES) {
    for (let i = 0; i < WARMUP; i++) await load(`${dashboard.url}${page}`);
    const times = [];
    for (let i = 0; i < LOADS; i++) times.push(await load(`${dashboard.url}${page}`));
    times.sort((a, b) => a - b);
    results.push({ page, p50: quantile(times, 0.5), p95: quantile(times, 0.95) });
  }
  const browser = await launchBrowser();
  try {
    for (const r of results) {
      const page = await browser.newPage();
      const scripts = [];
      page.on("response", async (res) => {
        if (res.request().resourceType() === "script") scripts.push(res.body().catch(() => Buffer.alloc(0)));
      });
      await page.goto(`${dashboard.url}${r.page}`, { waitUntil: "networkidle", timeout: 60_000 });
      const bodies = await Promise.all(scripts);
      r.scripts = bodies.length;
      r.js = bodies.reduce((n, b) => n + b.length, 0);
      r.jsGzip = bodies.reduce((n, b) => n + gzipSync(b, { level: 6 }).length, 0);
      await page.close();
    }
  } finally {
    await browser.close();
  }
} finally {
  await dashboard.stop();
  await server.stop();
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`\nServer render time over ${LOADS} loads (after ${WARMUP} warm-up loads) and JavaScript per page\n`);
console.log("| page | p50 | p95 | scripts | JS (gzip) | JS (raw) |");
console.log("| --- | --- | --- | --- | --- | --- |");
for (const r of results) {
  console.log(`| \`${r.page}\` | ${r.p50.toFixed(1)} ms | ${r.p95.toFixed(1)} ms | ${r.scripts} | ${kb(r.jsGzip)} | ${kb(r.js)} |`);
}
