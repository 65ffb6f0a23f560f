import { createContext, useContext } from 'react';
import type { User } from './types.js';

// The session cookie is HttpOnly, so the page cannot see whether it has one. A hint in
// localStorage says "we signed in from here": without it the app shows the login form at once
// instead of asking the server and logging a 401 in the console.
const HINT = 'chokepoint.signedIn';

export const hasSessionHint = (): boolean => window.localStorage.getItem(HINT) === '1';
export const setSessionHint = (on: boolean): void =>
  on ? window.localStorage.setItem(HINT, '1') : window.localStorage.removeItem(HINT);

export const SessionContext = createContext<User | null>(null);

/** The signed-in user; screens under the shell always have one. */
export function useUser(): User {
  const user = useContext(SessionContext);
  if (user === null) throw new Error('useUser outside a signed-in shell');
  return user;
}
