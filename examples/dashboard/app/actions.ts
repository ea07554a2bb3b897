"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { computeClv, createBet, settleBets } from "@/lib/api";
import { BET_FIELDS } from "@/lib/bet-fields";

/** Sets the display language (cookie `locale`, a year). */
export async function setLocale(form: FormData): Promise<void> {
  const locale = form.get("locale") === "fr" ? "fr" : "en";
  (await cookies()).set("locale", locale, { path: "/", maxAge: 365 * 86400, sameSite: "lax" });
}

/** What the bet form shows after a submission: the refused field and why, or the bet recorded. */
export interface BetFormState {
  field?: string;
  message?: string;
  recorded?: string;
  values?: Record<string, string>;
}


/** Records a bet through `POST /bets`; a 422 names the field, shown beside it. */
export async function recordBet(_prev: BetFormState, form: FormData): Promise<BetFormState> {
  const values: Record<string, string> = {};
  for (const f of BET_FIELDS) values[f] = String(form.get(f) ?? "").trim();
  const body: Record<string, unknown> = {};
  for (const f of BET_FIELDS) if (values[f] !== "") body[f] = values[f];
  const r = await createBet(body);
  if (!r.ok) {
    return { field: r.error.field ?? "form", message: r.error.reason ?? r.error.message, values };
  }
  revalidatePath("/bets");
  return { recorded: `Bet ${r.data.id} recorded: stake ${r.data.stake} at ${r.data.odds}.` };
}

/** What a settle or CLV button did. */
export interface ButtonState {
  message?: string;
  error?: string;
}

/** `POST /bets/settle`. */
export async function settle(_prev: ButtonState): Promise<ButtonState> {
  const r = await settleBets();
  revalidatePath("/bets");
  return r.ok ? { message: `${r.data.settled} settled, ${r.data.waiting} waiting for a result.` } : { error: r.error.message };
}

/** `POST /clv/calculate`. */
export async function clv(_prev: ButtonState): Promise<ButtonState> {
  const r = await computeClv();
  revalidatePath("/bets");
  return r.ok ? { message: `CLV computed for ${r.data.computed} bets, ${r.data.waiting} waiting for kickoff.` } : { error: r.error.message };
}
