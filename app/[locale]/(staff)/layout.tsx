// Staff and sign-in pages depend on who is asking: rendered per request, never
// cached (the public pages under [locale] are rendered once and cached).
export const dynamic = "force-dynamic";

export default function StaffGroupLayout({ children }: LayoutProps<"/[locale]">) {
  return children;
}
