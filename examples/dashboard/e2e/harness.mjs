// The stack the end-to-end tests and the benchmark run against: the reference server (release
// binary) replaying the bundled odds with its season of demo bets on a temporary SQLite
// database, the dashboard's production build (`next start`) against it, and Debian's
// Chromium driven by playwright-core (no browser is ever downloaded). Every process is
// started on a free loopback port and stopped at the end; every wait is bounded.
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const DASHBOARD = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const ROOT = path.resolve(DASHBOARD, "..", "..");
export const SERVER_BIN = process.env.EDGECORE_SERVER_BIN ?? path.join(ROOT, "target", "release", "edgecore-server");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `url` until it answers (any status) or `ms` pass. */
export async function waitFor(url, ms, child) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    if (child && child.exitCode !== null) throw new Error(`${url}: the process exited (${child.exitCode}):\n${child.output()}`);
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await r.arrayBuffer();
      return r.status;
    } catch (e) {
      last = e;
    }
    await sleep(200);
  }
  throw new Error(`${url} did not answer within ${ms} ms (${last?.message}):\n${child?.output() ?? ""}`);
}

function start(cmd, args, options) {
  const child = spawn(cmd, args, { ...options, stdio: ["ignore", "pipe", "pipe"], detached: false });
  let output = "";
  const keep = (d) => {
    output = (output + d.toString()).slice(-20000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  child.output = () => output;
  return child;
}

/** Stops a child process: SIGTERM, then SIGKILL after `ms`. */
export async function stop(child, ms = 5000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const t = setTimeout(() => child.kill("SIGKILL"), ms);
  await exited;
  clearTimeout(t);
}

/** A random API token and its `role:name:sha256` configuration entry. */
function token(role, name) {
  const t = `ec_${randomBytes(32).toString("hex")}`;
  return { token: t, entry: `${role}:${name}:${createHash("sha256").update(t).digest("hex")}` };
}

/** Starts the reference server on a temporary SQLite database; resolves when the demo season and the first collection are in. */
export async function startServer() {
  if (!existsSync(SERVER_BIN)) throw new Error(`${SERVER_BIN} is missing: cargo build --release -p edgecore-server`);
  const dir = mkdtempSync(path.join(tmpdir(), "edgecore-dashboard-"));
  const port = await freePort();
  const user = token("user", "dashboard");
  const admin = token("admin", "dashboard-admin");
  const child = start(SERVER_BIN, ["serve"], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      EDGECORE_LISTEN: `127.0.0.1:${port}`,
      EDGECORE_DATABASE_URL: `sqlite://${path.join(dir, "edgecore.db")}`,
      EDGECORE_DATA_DIR: dir,
      EDGECORE_TOKENS: `${user.entry},${admin.entry}`,
      EDGECORE_RATE_LIMIT_PER_MINUTE: "1000000",
      EDGECORE_LOG: "warn",
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/health`, 120_000, child);
  return {
    url,
    token: user.token,
    adminToken: admin.token,
    child,
    async stop() {
      await stop(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts the dashboard's production build (`next start`) against `apiUrl`. */
export async function startDashboard(apiUrl, { token, adminToken, timeoutMs = 3000 } = {}) {
  if (!existsSync(path.join(DASHBOARD, ".next", "BUILD_ID"))) throw new Error("no production build: run `next build` first");
  const port = await freePort();
  const child = start(process.execPath, [path.join(DASHBOARD, "node_modules", "next", "dist", "bin", "next"), "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: DASHBOARD,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      EDGECORE_API_URL: apiUrl,
      EDGECORE_API_TOKEN: token ?? "",
      EDGECORE_ADMIN_TOKEN: adminToken ?? "",
      EDGECORE_API_TIMEOUT_MS: String(timeoutMs),
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/settings`, 60_000, child);
  return { url, child, stop: () => stop(child) };
}

/** A loopback server that accepts connections and never answers (a hung API). */
export async function startSilentServer() {
  const sockets = new Set();
  const s = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise((r) => s.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${s.address().port}`,
    stop: () =>
      new Promise((r) => {
        for (const socket of sockets) socket.destroy();
        s.close(r);
      }),
  };
}

/** Launches Debian's Chromium headless through playwright-core. */
export async function launchBrowser() {
  const { chromium } = await import("playwright-core");
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}

/** GET a JSON route of the server with the token. */
export async function api(server, route) {
  const r = await fetch(`${server.url}${route}`, {
    headers: { authorization: `Bearer ${server.token}` },
    signal: AbortSignal.timeout(10_000),
  });
  if (!r.ok) throw new Error(`${route}: ${r.status}`);
  return r.json();
}
