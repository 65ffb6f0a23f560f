/** Roles, weakest first: each can do everything the ones before it can. */
export const ROLES = ['viewer', 'analyst', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(minimum);
}

/** Who is asking: resolved once per request from a session cookie or a bearer token. */
export interface Principal {
  readonly userId: string;
  readonly name: string;
  readonly role: Role;
  /** The compartments the user is cleared for. */
  readonly teams: readonly string[];
  /** How the request authenticated: cookies need CSRF tokens on writes, bearer tokens do not. */
  readonly via: 'session' | 'token';
}

/** Names of users and teams: short, printable, safe in logs. */
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
