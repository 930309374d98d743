import { useLayoutEffect, useRef } from "react";

/**
 * A ref that always holds the latest value, for callbacks that long-lived listeners (Leaflet
 * events) call later. Updated after render, as React requires, before any event can fire.
 * Client-only components use it (useLayoutEffect does nothing during server rendering).
 */
export function useLatest<T>(value: T) {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
