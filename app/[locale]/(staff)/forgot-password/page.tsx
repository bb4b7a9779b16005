import { getTranslations, setRequestLocale } from "next-intl/server";
import { emailIsConfigured } from "@/lib/mail";
import { localeOr } from "@/lib/translations";
import { ForgotPasswordForm } from "./_components/forgot-password-form";

export default async function ForgotPasswordPage({ params }: PageProps<"/[locale]/forgot-password">) {
  const locale = localeOr((await params).locale);
  setRequestLocale(locale);
  const t = await getTranslations("Staff.forgot");
  return (
    <main className="mx-auto max-w-md p-8">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {emailIsConfigured() ? (
        <>
          <p className="mt-2 mb-6 text-slate-700">{t("intro")}</p>
          <ForgotPasswordForm locale={locale} />
        </>
      ) : (
        <p className="mt-2 text-slate-700">{t("unavailable")}</p>
      )}
      <p className="mt-6">
        <a href={`/${locale}/sign-in`} className="underline">
          {(await getTranslations("Staff.signIn"))("title")}
        </a>
      </p>
    </main>
  );
}
