import { getTranslations, setRequestLocale } from "next-intl/server";
import { hasOwnPassword } from "@/lib/auth/users";
import { staffUserOrSignIn } from "../../staff-access";
import { ChangePasswordForm } from "./_components/change-password-form";

export default async function AccountPage({ params }: PageProps<"/[locale]/admin/account">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const viewer = await staffUserOrSignIn(locale, `/${locale}/admin/account`);
  const [t, withPassword] = await Promise.all([getTranslations("Staff.account"), hasOwnPassword(viewer)]);
  return (
    <div className="max-w-md">
      <h1 className="mb-2 text-2xl font-semibold">{t("title")}</h1>
      <p className="mb-6 text-slate-700">{viewer.email}</p>
      {withPassword ? (
        <>
          <p className="mb-6 text-slate-700">{t("intro")}</p>
          <ChangePasswordForm />
        </>
      ) : (
        <p className="text-slate-700">{t("singleSignOn")}</p>
      )}
    </div>
  );
}
