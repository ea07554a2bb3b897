"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const PAGES: [string, string][] = [
  ["/", "Overview"],
  ["/opportunities", "Opportunities"],
  ["/bets", "Bets"],
  ["/analytics", "Analytics"],
  ["/agents", "Agents"],
  ["/wealth", "Wealth"],
  ["/risk", "Risk"],
  ["/settings", "Settings"],
];

/** The site navigation; the current page is marked for assistive technology. */
export function Nav() {
  const path = usePathname();
  return (
    <nav aria-label="Main">
      <ul>
        {PAGES.map(([href, name]) => (
          <li key={href}>
            <Link href={href} aria-current={path === href ? "page" : undefined}>
              {name}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
