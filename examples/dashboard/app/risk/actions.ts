"use server";

import { CsvError, parseCsv } from "@/lib/demo-data";
import { risk } from "@/lib/edgecore";
import type { RiskState } from "@/components/risk-view";

/** Scores an uploaded subscriber CSV with the risk model (npm package); a bad file is named beside the field. */
export async function scoreUpload(_prev: RiskState, form: FormData): Promise<RiskState> {
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return { error: "choose a CSV file" };
  if (file.size > 5_000_000) return { error: "the file is larger than 5 MB" };
  let subscribers;
  try {
    subscribers = parseCsv(await file.text());
  } catch (e) {
    return { error: e instanceof CsvError ? e.message : "the file cannot be read" };
  }
  const r = risk(subscribers, new Date());
  return r.ok ? { result: { ...r.value, source: file.name } } : { error: r.message };
}
