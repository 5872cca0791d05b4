/** A TLS failure between Berth and an engine, in plain words. `refused`: it will not fix itself by retrying. */
export interface TlsExplanation {
  error: string;
  hint: string;
  refused: boolean;
}

const untrustedServer = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
]);

function codeAndMessage(err: unknown): { code: string; message: string } {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return { code: typeof code === 'string' ? code : '', message: err instanceof Error ? err.message : String(err) };
}

/** Explains a TLS error from Node's https client, or undefined when the error is not about TLS. */
export function explainTlsError(err: unknown, display: string): TlsExplanation | undefined {
  const { code, message } = codeAndMessage(err);
  if (untrustedServer.has(code)) {
    return {
      error: `The engine at ${display} showed a certificate that ca.pem does not vouch for (${code})`,
      hint: "Use the CA that signed the engine's certificate as ca.pem in DOCKER_CERT_PATH; Berth does not connect to an engine it cannot verify.",
      refused: true,
    };
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return {
      error: `The engine at ${display} showed a certificate that is ${code === 'CERT_HAS_EXPIRED' ? 'expired' : 'not valid yet'}`,
      hint: "Renew the engine's certificate (or check this machine's clock).",
      refused: true,
    };
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return {
      error: `The engine's certificate is not made out to the name in ${display}`,
      hint: 'Connect by a name or address listed in the certificate (its subjectAltName), or reissue the certificate with this one.',
      refused: true,
    };
  }
  if (
    /ALERT_(UNKNOWN_CA|BAD_CERTIFICATE|CERTIFICATE_REQUIRED|CERTIFICATE_UNKNOWN|ACCESS_DENIED|DECRYPT_ERROR)/.test(code) ||
    /alert (unknown ca|bad certificate|certificate required)/i.test(message)
  ) {
    return {
      error: `The engine at ${display} refused Berth's client certificate (${code || message})`,
      hint: 'cert.pem and key.pem in DOCKER_CERT_PATH must be signed by the CA the engine trusts (its --tlscacert).',
      refused: true,
    };
  }
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG') {
    return {
      error: `The engine at ${display} does not speak TLS on that port`,
      hint: 'The port may be a plain-HTTP one (2375) or not Docker at all; the TLS port is usually 2376.',
      refused: true,
    };
  }
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) {
    return {
      error: `TLS with the engine at ${display} failed: ${message}`,
      hint: 'Check the certificates in DOCKER_CERT_PATH.',
      refused: false,
    };
  }
  return undefined;
}
