/** An expected refusal in access management, with a stable code the API maps to a status. */
export class AuthError extends Error {
  constructor(
    readonly code: 'CONFLICT' | 'NOT_FOUND' | 'INVALID' | 'UNAUTHENTICATED' | 'LOCKED',
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}
