import { getTranslations, setRequestLocale } from "next-intl/server";
import { invitationIsUsable } from "@/lib/auth/invitations";
import { SetPasswordForm } from "./_components/set-password-form";

export default async function SetPasswordPage({ params, searchParams }: PageProps<"/[locale]/set-password">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const token = (await searchParams).token;
  const t = await getTranslations("Staff.setPassword");
  const usable = typeof token === "string" && (await invitationIsUsable(token));
  return (
    <main className="mx-auto max-w-md p-8">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {usable ? (
        <>
          <p className="mt-2 mb-6 text-slate-700">{t("intro")}</p>
          <SetPasswordForm token={token} />
        </>
      ) : (
        <p role="alert" className="mt-4 text-red-700">
          {t("unusable")}
        </p>
      )}
    </main>
  );
}
