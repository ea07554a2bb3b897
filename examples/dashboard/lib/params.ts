/** The search parameters of a page, as Next.js passes them. */
export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** One search parameter as a string ("" when absent). */
export function param(p: Record<string, string | string[] | undefined>, name: string): string {
  const v = p[name];
  return (Array.isArray(v) ? v[0] : v)?.trim() ?? "";
}
