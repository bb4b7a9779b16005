import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { hasRole } from "@/lib/auth/roles";
import { signOutAction } from "./actions";
import { staffUserOrSignIn } from "../staff-access";

export default async function StaffLayout({ children, params }: LayoutProps<"/[locale]/admin">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await staffUserOrSignIn(locale, `/${locale}/admin`);
  const t = await getTranslations("Staff");
  const link = "rounded px-2 py-1 hover:bg-slate-200";
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="border-b border-slate-300 bg-white">
        <nav className="mx-auto flex max-w-5xl flex-wrap items-center gap-2 p-3 text-sm" aria-label={t("area")}>
          <strong className="mr-4">{t("area")}</strong>
          <Link href="/admin" className={link}>
            {t("nav.dashboard")}
          </Link>
          <Link href="/admin/milestones" className={link}>
            {t("nav.milestones")}
          </Link>
          {hasRole(user, "editor") ? (
            <>
              <Link href="/admin/milestones/new" className={link}>
                {t("nav.newMilestone")}
              </Link>
              <Link href="/admin/import" className={link}>
                {t("nav.import")}
              </Link>
              <Link href="/admin/snapshots" className={link}>
                {t("nav.snapshots")}
              </Link>
            </>
          ) : null}
          {hasRole(user, "admin") ? (
            <Link href="/admin/users" className={link}>
              {t("nav.users")}
            </Link>
          ) : null}
          <Link href="/admin/account" className={link}>
            {t("nav.account")}
          </Link>
          <Link href="/" className={link}>
            {t("nav.publicSite")}
          </Link>
          <span className="ml-auto text-slate-600">{t("nav.signedInAs", { email: user.email, role: t(`roles.${user.role}`) })}</span>
          <form action={signOutAction}>
            <input type="hidden" name="locale" value={locale} />
            <button type="submit" className="rounded border border-slate-400 px-2 py-1">
              {t("nav.signOut")}
            </button>
          </form>
        </nav>
      </header>
      <main className="mx-auto max-w-5xl p-6">{children}</main>
    </div>
  );
}
