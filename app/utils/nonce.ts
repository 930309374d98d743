import { createContext, useContext } from "react";

/**
 * The CSP nonce of the response being rendered (entry.server.tsx provides it). In the browser
 * the context is empty: browsers hide nonce attributes from scripts, and React keeps the
 * server's attribute while hydrating, so the empty value does no harm there.
 */
export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce() {
  return useContext(NonceContext);
}
