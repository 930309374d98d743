import type { TrendsMapProps } from "./trends-map.client";
import { clientOnlyMap } from "./map-shared";

export type { BuurtFigure, TrendsMapProps } from "./trends-map.client";

/**
 * The dashboard's map: buurten coloured by the number of issues (or per 1,000 residents) and a
 * heat grid of ~150 m cells counted on the server. A grey box on the server; the page's buurt
 * table is its accessible twin.
 */
export const TrendsMap = clientOnlyMap<TrendsMapProps>(() => import("./trends-map.client"), "h-[28rem] w-full");
