import { admin } from "./nl/admin";
import { alerts } from "./nl/alerts";
import { api } from "./nl/api";
import { auth } from "./nl/auth";
import { common } from "./nl/common";
import { confirm } from "./nl/confirm";
import { dashboard } from "./nl/dashboard";
import { home } from "./nl/home";
import { interests } from "./nl/interests";
import { issue } from "./nl/issue";
import { mail } from "./nl/mail";
import { map } from "./nl/map";
import { moderation } from "./nl/moderation";
import { notifications } from "./nl/notifications";
import { open311Client } from "./nl/open311-client";
import { privacy } from "./nl/privacy";
import { report } from "./nl/report";
import { solutions } from "./nl/solutions";
import { steering } from "./nl/steering";
import { triage } from "./nl/triage";

/** The Dutch catalogue (B1 level, "je"). One file per feature under ./nl/. */
export const nl = {
  common,
  admin,
  auth,
  home,
  issue,
  map,
  report,
  confirm,
  mail,
  notifications,
  solutions,
  triage,
  steering,
  dashboard,
  interests,
  api,
  alerts,
  open311Client,
  moderation,
  privacy,
};
