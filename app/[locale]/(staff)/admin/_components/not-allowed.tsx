import { getTranslations } from "next-intl/server";

export async function NotAllowed() {
  const t = await getTranslations("Staff");
  return (
    <p role="alert" className="rounded border border-amber-700 bg-amber-50 p-4">
      {t("notAllowed")}
    </p>
  );
}
