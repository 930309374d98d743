/**
 * Limits of a report, without zod: the report page shows them before its validation (zod)
 * has loaded. The description limit is the Open311 GeoReport v2 limit.
 */
export const TITLE_MIN = 5;
export const TITLE_MAX = 120;
export const DESCRIPTION_MIN = 10;
export const DESCRIPTION_MAX = 4000;
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export const NEARBY_METERS = 150;
