// One fetch wrapper for the whole app: the session cookie rides along by itself; writes carry
// the CSRF token the login (or GET /api/auth/csrf) handed out; failures become ApiError with
// the server's stable code, so screens can say what went wrong.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

async function ensureCsrf(): Promise<string> {
  if (csrfToken === null) {
    const answer = await request<{ csrfToken: string }>('GET', '/api/auth/csrf');
    csrfToken = answer.csrfToken;
  }
  return csrfToken;
}

async function request<T>(method: string, url: string, body?: unknown, csrf = true): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // A file goes as its own bytes (uploads for ingest), everything else as JSON.
  const file = body instanceof Blob;
  if (body !== undefined) headers['content-type'] = file ? 'application/octet-stream' : 'application/json';
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = await ensureCsrf();
  const response = await fetch(url, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body === undefined ? {} : { body: file ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  const data: unknown = text === '' ? null : JSON.parse(text);
  if (!response.ok) {
    const error = (data as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(response.status, error?.code ?? 'HTTP', error?.message ?? `${method} ${url}: ${response.status}`);
  }
  return data as T;
}

/** A query string from the defined values only. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const s = search.toString();
  return s === '' ? '' : `?${s}`;
}

export const api = {
  get: <T>(url: string): Promise<T> => request<T>('GET', url),
  post: <T>(url: string, body: unknown = {}): Promise<T> => request<T>('POST', url, body),
  patch: <T>(url: string, body: unknown): Promise<T> => request<T>('PATCH', url, body),
  /** POSTs a file as the request body, streamed by the browser. */
  upload: <T>(url: string, file: Blob): Promise<T> => request<T>('POST', url, file),
  /** Signing in is public and needs no CSRF token (there is no session to protect yet). */
  login: <T>(body: unknown): Promise<T> => request<T>('POST', '/api/auth/login', body, false),
};
