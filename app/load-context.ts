declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address as seen by server.mjs (X-Forwarded-For only with TRUST_PROXY). */
    clientAddress?: string;
  }
}

export {};
