import type { Metadata } from "next";
import { FaultBanner } from "@/components/banner";
import { Nav } from "@/components/nav";
import { getLocale } from "@/lib/locale";
import { setLocale } from "./actions";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "edgecore dashboard", template: "%s · edgecore" },
  description: "Bets, opportunities, analytics, agents, wealth and subscriber risk on edgecore",
};

// Every page reads the server's live figures at request time.
export const dynamic = "force-dynamic";

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body>
        <a className="skip" href="#main">
          Skip to content
        </a>
        <header className="top">
          <span className="brand">edgecore</span>
          <Nav />
          <form action={setLocale} className="locale" aria-label="Language">
            <button name="locale" value="en" aria-pressed={locale === "en"}>
              EN
            </button>
            <button name="locale" value="fr" aria-pressed={locale === "fr"}>
              FR
            </button>
          </form>
        </header>
        <FaultBanner locale={locale} />
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
