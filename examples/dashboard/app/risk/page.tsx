import type { Metadata } from "next";
import { RiskView } from "@/components/risk-view";
import { demoCsv, parseCsv } from "@/lib/demo-data";
import { risk } from "@/lib/edgecore";
import { requestTime } from "@/lib/clock";
import { getLocale } from "@/lib/locale";

export const metadata: Metadata = { title: "Subscriber risk" };

export default async function Risk() {
  const locale = await getLocale();
  const asOf = requestTime();
  const demo = risk(parseCsv(demoCsv(asOf)), asOf);
  return (
    <>
      <h1>Subscriber risk</h1>
      <p className="muted">
        Scored with the risk model: recent failures 50%, amount and downgrade 20%, failure rate 15%, pays once then declines 10%, account age
        5%; high from 0.4, critical from 0.7. The bundled list is demo data; upload a CSV to score your own.
      </p>
      {demo.ok ? (
        <RiskView demo={{ ...demo.value, source: "the bundled demo list" }} locale={locale} />
      ) : (
        <p className="error-note">The demo list cannot be scored: {demo.message}</p>
      )}
    </>
  );
}
