/** The signed-in Grafana user a request comes from: an org role and any extra RBAC actions. */
export interface HarnessUser {
  role: 'Viewer' | 'Editor' | 'Admin';
  /** actions granted on top of the role's, each on every scope (e.g. a custom role with a plugin action) */
  permissions?: string[];
}

/** The user's OAuth session, for oauthPassThru; null when the user did not sign in with OAuth. */
export interface OAuthSession {
  accessToken: string;
  idToken?: string;
  /** default Bearer, as golang.org/x/oauth2 Token.Type() */
  tokenType?: string;
}

export const DEFAULT_USER: HarnessUser = { role: 'Admin' };

// org.RoleType: None < Viewer < Editor < Admin
const RANK: Record<string, number> = { None: 0, Viewer: 1, Editor: 2, Admin: 3 };

/**
 * The default basic-role permissions that matter to our routes (Grafana's basic roles, pkg/services/accesscontrol):
 * Admins may write data sources, every role may query them, and no basic role holds a plugin's own actions.
 */
const ROLE_ACTIONS: Record<HarnessUser['role'], readonly string[]> = {
  Admin: ['datasources:write', 'datasources:query', 'datasources:read'],
  Editor: ['datasources:query', 'datasources:read'],
  Viewer: ['datasources:query', 'datasources:read'],
};

/** org.RoleType.IsValid: a reqRole that is not a role name is not checked at all. */
export function isValidRole(role: string | undefined): role is string {
  return role !== undefined && RANK[role] !== undefined;
}

/** org.RoleType.Includes: Admin includes Editor includes Viewer. */
export function roleIncludes(user: HarnessUser, required: string): boolean {
  return RANK[user.role] >= RANK[required];
}

/**
 * Whether the user holds an action. Grafana scopes data source actions to `datasources:uid:<uid>`
 * (pluginaccesscontrol.GetDataSourceRouteEvaluator) and checks any other action unscoped; the harness grants
 * every action on every scope, so the scope never narrows the answer here.
 */
export function holdsAction(user: HarnessUser, action: string): boolean {
  return ROLE_ACTIONS[user.role].includes(action) || (user.permissions ?? []).includes(action);
}

/** Go's oauth2 Token.Type(): empty is Bearer, the usual spellings are canonicalised, anything else kept. */
export function oauthTokenType(session: OAuthSession): string {
  const t = session.tokenType ?? '';
  switch (t.toLowerCase()) {
    case '':
    case 'bearer':
      return 'Bearer';
    case 'mac':
      return 'MAC';
    case 'basic':
      return 'Basic';
    default:
      return t;
  }
}
