// /api/auth/*: Auth.js sign-in, callbacks, sign-out and session endpoints.
import { handlers } from "@/lib/auth/config";

export const { GET, POST } = handlers;
