import createMiddleware from "next-intl/middleware";
import { routing } from "./i18n/routing";

// Sends "/" and other unprefixed pages to the visitor's language.
export default createMiddleware(routing);

export const config = {
  // Pages only: not the API, Next's assets, feeds or any file with an extension.
  matcher: ["/((?!api|_next|_vercel|.*\\..*).*)"],
};
