import type { NextConfig } from "next";

// The edgecore npm package is a native addon: Node loads it at run time in server code, and
// the bundler never copies it into a bundle (the browser's or the server's).
const config: NextConfig = {
  serverExternalPackages: ["edgecore"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default config;
