import "server-only";

/**
 * The dashboard's server-side settings, read from the environment of the Next.js server.
 * None of them is ever sent to the browser.
 *
 * - `EDGECORE_API_URL`: the reference server's base URL (default `http://127.0.0.1:8080`).
 * - `EDGECORE_API_TOKEN`: bearer token for reads and writes (`user` role); optional when the
 *   server opens reads (`EDGECORE_PUBLIC_READS=true`), needed to record or settle bets.
 * - `EDGECORE_ADMIN_TOKEN`: `admin` token, only for `/settings` (`GET /admin/config`).
 * - `EDGECORE_API_TIMEOUT_MS`: time allowed for one API call (default 3000 ms), so a slow
 *   server gives a banner instead of a page that never ends.
 */
export const settings = {
  apiUrl: (process.env.EDGECORE_API_URL ?? "http://127.0.0.1:8080").replace(/\/+$/, ""),
  token: process.env.EDGECORE_API_TOKEN || undefined,
  adminToken: process.env.EDGECORE_ADMIN_TOKEN || undefined,
  timeoutMs: Number.parseInt(process.env.EDGECORE_API_TIMEOUT_MS ?? "", 10) || 3000,
};
