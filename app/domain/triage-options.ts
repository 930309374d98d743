/**
 * The four questions' stored values (GLOSSARY.md), without zod: the triage form imports these
 * with the page and loads its checks (./partner-validation) at first use. ./triage re-exports them.
 */
export const NATURES = ["incident", "structureel"] as const;
export type Nature = (typeof NATURES)[number];
export const SCOPES = ["deze_plek", "deze_buurt", "heel_blerick", "hele_gemeente"] as const;
export type Scope = (typeof SCOPES)[number];
export const APPROACHES = ["bestaande_oplossing", "nieuwe_aanpak"] as const;
export type Approach = (typeof APPROACHES)[number];
