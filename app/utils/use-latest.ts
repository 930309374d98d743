import { useEffect, useLayoutEffect, useRef } from "react";

// useLayoutEffect warns during server rendering; there, nothing can call the ref anyway.
const useBrowserLayoutEffect = typeof document === "undefined" ? useEffect : useLayoutEffect;

/**
 * A ref that always holds the latest value, for callbacks that long-lived listeners (Leaflet
 * events, fetches) call later. Updated after render, as React requires, before any event can fire.
 */
export function useLatest<T>(value: T) {
  const ref = useRef(value);
  useBrowserLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
