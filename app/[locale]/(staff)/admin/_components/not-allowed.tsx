import { getTranslations } from "next-intl/server";

/** The refusal shown in place of what the role does not allow: a whole page, or only its form. */
export async function NotAllowed({ readOnly = false }: { readOnly?: boolean }) {
  const t = await getTranslations("Staff");
  return (
    <p role="alert" className="rounded border border-amber-700 bg-amber-50 p-4">
      {readOnly ? t("edit.readOnly") : t("notAllowed")}
    </p>
  );
}
