import type { Metadata } from "next";
import { Unavailable } from "@/components/ui";
import { apiUrl, getConfig } from "@/lib/api";

export const metadata: Metadata = { title: "Settings" };

function show(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v, null, 1);
}

export default async function Settings() {
  const config = await getConfig();
  return (
    <>
      <h1>Settings</h1>
      <p className="muted">The server&apos;s configuration as it reports it (read-only; secrets are shown as ***). Server: {apiUrl()}</p>
      {config === null ? (
        <p className="muted" data-testid="no-admin">
          No admin token is configured for the dashboard (EDGECORE_ADMIN_TOKEN), so the server&apos;s configuration is not shown.
        </p>
      ) : config.ok ? (
        <div className="card">
          <dl className="config" data-testid="config">
            {Object.entries(config.data).map(([k, v]) => (
              <div key={k} style={{ display: "contents" }}>
                <dt>{k}</dt>
                <dd>{show(v)}</dd>
              </div>
            ))}
          </dl>
        </div>
      ) : (
        <Unavailable what="The configuration" error={config.error} />
      )}
    </>
  );
}
