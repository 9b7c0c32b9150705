/** Extracts the token of an `Authorization: Bearer TOKEN` header; null when absent or of another scheme. */
export function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? '');
  return match?.[1] ?? null;
}

/** `WWW-Authenticate` value of a 401, as RFC 6750 section 3 defines it; `invalid_token` only when a token was sent. */
export function bearerChallenge(tokenSent: boolean): string {
  return tokenSent ? 'Bearer realm="gapwatch", error="invalid_token"' : 'Bearer realm="gapwatch"';
}
