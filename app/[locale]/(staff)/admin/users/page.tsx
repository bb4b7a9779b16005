import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { listUsers } from "@/lib/auth/users";
import { hasRole } from "@/lib/auth/roles";
import { NotAllowed } from "../_components/not-allowed";
import { staffUserOrSignIn } from "../../staff-access";
import { InviteForm, UserControls } from "./_components/user-forms";

export default async function UsersPage({ params }: PageProps<"/[locale]/admin/users">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const viewer = await staffUserOrSignIn(locale, `/${locale}/admin/users`);
  if (!hasRole(viewer, "admin")) return <NotAllowed />;
  const [t, format, users] = await Promise.all([getTranslations("Staff"), getFormatter(), listUsers(viewer)]);
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">{t("users.title")}</h1>
      <table className="mb-10 w-full bg-white text-left text-sm">
        <thead>
          <tr className="border-b border-slate-300">
            <th className="py-2 pr-2">{t("fields.email")}</th>
            <th className="py-2 pr-2">{t("fields.role")}</th>
            <th className="py-2">{t("users.changeRole")}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} className="border-b border-slate-200 align-top">
              <td className="py-2 pr-2">
                {user.email}
                {user.name ? <span className="block text-slate-600">{user.name}</span> : null}
                <span className="block text-xs text-slate-600">
                  {user.invitationExpiresAt
                    ? t("users.pending", { date: format.dateTime(user.invitationExpiresAt, { dateStyle: "medium", timeStyle: "short" }) })
                    : user.hasPassword
                      ? null
                      : t("users.noPassword")}
                </span>
              </td>
              <td className="py-2 pr-2">
                {t(`roles.${user.role}`)}
                {user.active ? null : <span className="ml-2 rounded bg-slate-200 px-1 text-xs">{t("users.deactivated")}</span>}
              </td>
              <td className="py-2">
                {user.id === viewer.id ? <em>{t("users.you")}</em> : <UserControls userId={user.id} role={user.role} active={user.active} locale={locale} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 className="mb-1 text-lg font-semibold">{t("users.invite")}</h2>
      <p className="mb-4 text-sm text-slate-600">{t("users.inviteHint")}</p>
      <InviteForm locale={locale} />
    </>
  );
}
