import type { SignalMapProps } from "./signal-map.client";
import { clientOnlyMap } from "./map-shared";

export type { SignalMapGroup, SignalMapProps } from "./signal-map.client";

/** The "mogelijk structureel" groups on a map; a grey box on the server and before hydration. */
export const SignalMap = clientOnlyMap<SignalMapProps>(() => import("./signal-map.client"), "h-80 w-full");
