// Types only: the admin session as GET /api/session and the login answer it (server/auth/session.routes.ts).

export interface SessionInfo {
  authenticated: true;
  csrfToken: string;
  expiresAt: number;
  passwordSet: boolean;
  serverTime: number;
}
