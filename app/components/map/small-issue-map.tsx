import type { SmallIssueMapProps } from "./small-issue-map.client";
import { clientOnlyMap } from "./map-shared";

export type { SmallIssueMapProps } from "./small-issue-map.client";

/** The issue page's small map (one marker, buurt outlines); a grey box on the server. */
export const SmallIssueMap = clientOnlyMap<SmallIssueMapProps>(() => import("./small-issue-map.client"), "h-56 w-full");
