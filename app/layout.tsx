import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: "Japan–Peru Road Map tracker",
  description: "Progress on the Road Map to Strengthen the Strategic Partnership between Japan and Peru (2024-2033).",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="bg-white text-slate-900 antialiased">{children}</body>
    </html>
  );
}
