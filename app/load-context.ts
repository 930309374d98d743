declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address as seen by server.mjs (X-Forwarded-For only with TRUST_PROXY). */
    clientAddress?: string;
    /** This response's Content-Security-Policy nonce (server.mjs); unset under the Vite dev server. */
    cspNonce?: string;
    /** The request id server.mjs logs and returns as X-Request-Id. */
    requestId?: string;
  }
}

export {};
