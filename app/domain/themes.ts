/** The default themes of Blerick. Codes are stable (later the Open311 service_code). */
export const DEFAULT_THEMES = [
  { code: "afval", name: "Afval en zwerfvuil", description: "Zwerfvuil, gedumpt afval, volle containers." },
  { code: "verkeer", name: "Verkeer en parkeren", description: "Hard rijden, onveilige oversteek, foutparkeren." },
  { code: "groen", name: "Groen en openbare ruimte", description: "Bomen, perken, speelplekken, stoepen en bankjes." },
  { code: "verlichting", name: "Verlichting", description: "Kapotte of te weinig straatverlichting." },
  { code: "overlast", name: "Overlast en veiligheid", description: "Geluid, hangplekken, onveilige plekken." },
  { code: "wonen", name: "Wonen en onderhoud", description: "Vocht, schimmel, onderhoud van woningen en portieken." },
  {
    code: "zorg",
    name: "Zorg en welzijn",
    description: "Eenzaamheid, zorgen om een buur, hulp bij het dagelijks leven.",
  },
  { code: "jongeren", name: "Jongeren", description: "Plekken en activiteiten voor jongeren." },
  { code: "samenleven", name: "Samenleven", description: "Contact tussen buren, ideeën voor de buurt." },
] as const;

export type ThemeCode = (typeof DEFAULT_THEMES)[number]["code"];
