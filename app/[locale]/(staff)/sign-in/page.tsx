import { redirect } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { singleSignOnName } from "@/lib/auth/config";
import { currentUser } from "@/lib/auth/session";
import { emailIsConfigured } from "@/lib/mail";
import { signInWithSingleSignOnAction } from "./actions";
import { SignInForm } from "./_components/sign-in-form";
import { safeReturnPath } from "../staff-access";

export default async function SignInPage({ params, searchParams }: PageProps<"/[locale]/sign-in">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const query = await searchParams;
  const callbackUrl = safeReturnPath(locale, query.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  const t = await getTranslations("Staff.signIn");
  const provider = singleSignOnName();
  // Auth.js sends single sign-on refusals here as ?error=AccessDenied.
  const error = query.error === "AccessDenied" ? t("accessDenied") : query.error ? t("failed") : null;
  return (
    <main className="mx-auto max-w-md p-8">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-2 mb-6 text-slate-700">{t("intro")}</p>
      {error ? (
        <p role="alert" className="mb-4 rounded border border-red-700 bg-red-50 p-3 text-red-900">
          {error}
        </p>
      ) : null}
      <SignInForm locale={locale} callbackUrl={callbackUrl} />
      {emailIsConfigured() ? (
        <p className="mt-4 text-sm">
          <a href={`/${locale}/forgot-password`} className="underline">
            {(await getTranslations("Staff.forgot"))("link")}
          </a>
        </p>
      ) : null}
      {provider ? (
        <form action={signInWithSingleSignOnAction} className="mt-6 border-t border-slate-300 pt-6">
          <p className="mb-2 text-sm text-slate-600">{t("or")}</p>
          <input type="hidden" name="locale" value={locale} />
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <button type="submit" className="rounded border border-slate-900 px-4 py-2">
            {t("singleSignOn", { provider })}
          </button>
        </form>
      ) : null}
    </main>
  );
}
