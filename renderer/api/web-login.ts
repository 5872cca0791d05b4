/** What became of a pasted token. */
export type SignInResult = 'ok' | 'refused' | 'unreachable';

type FetchLike = (
  input: string,
  init: { method: 'POST'; body: string; cache: 'no-store'; credentials: 'same-origin'; headers: Record<string, string> },
) => Promise<{ status: number }>;

/**
 * Signs this page in with a pasted token: the server answers with the same HttpOnly cookie as the
 * printed link, but no address ever holds the token, so the browser's history and session files
 * do not either. The page reloads afterwards to connect with the cookie.
 */
export async function signInWithToken(token: string, fetchImpl: FetchLike = (input, init) => fetch(input, init)): Promise<SignInResult> {
  const trimmed = token.trim();
  if (trimmed === '') return 'refused';
  try {
    const response = await fetchImpl('/login', {
      method: 'POST',
      body: trimmed,
      cache: 'no-store',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'text/plain' },
    });
    return response.status === 204 ? 'ok' : response.status === 403 ? 'refused' : 'unreachable';
  } catch {
    return 'unreachable';
  }
}
