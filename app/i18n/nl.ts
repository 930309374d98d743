import { auth } from "./nl/auth";
import { common } from "./nl/common";
import { home } from "./nl/home";
import { issue } from "./nl/issue";
import { map } from "./nl/map";
import { report } from "./nl/report";

/** The Dutch catalogue (B1 level, "je"). One file per feature under ./nl/. */
export const nl = { common, auth, home, issue, map, report };
