export { ROLES, isRole, roleAtLeast, NAME_PATTERN, type Role, type Principal } from './roles.js';
export { AuthError } from './errors.js';
export { hashPassword, verifyPassword, hashSecret, newSecret, sameSecret, MIN_PASSWORD_LENGTH } from './secrets.js';
export {
  addUser,
  getUser,
  listUsers,
  updateUser,
  listTeams,
  ensureTeam,
  type User,
  type NewUser,
  type UserChange,
} from './users.js';
export { attemptLogin, DEFAULT_LOCKOUT, type LockoutPolicy, type LoginOutcome } from './login.js';
export {
  createSession,
  resolveSession,
  deleteSession,
  SESSION_HOURS,
  createApiToken,
  listApiTokens,
  revokeApiToken,
  resolveApiToken,
  type ApiToken,
} from './sessions.js';
