import "server-only";
import { cookies } from "next/headers";
import type { Locale } from "./format";

/** The reader's locale: the `locale` cookie set by the language switch, English by default. */
export async function getLocale(): Promise<Locale> {
  const value = (await cookies()).get("locale")?.value;
  return value === "fr" ? "fr" : "en";
}
