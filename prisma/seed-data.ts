/**
 * Hand-written demo content for prisma/seed.ts. Every person is fictional. Street names are
 * partly real Blerick streets and partly made up; they only make the demo read naturally.
 * Texts use `{straat}` (filled with a street of the issue's buurt) and `{org}` (the owning
 * organisation's name).
 */
import type { ThemeCode } from "~/domain/themes";

export type OrgKey = "gemeente" | "woonwenz" | "synthese" | "bewonersondersteuning" | "politie" | "hulpverlening";

export const ORGANISATIONS: Record<OrgKey, { name: string; type: string; contactEmail: string }> = {
  gemeente: {
    name: "Gemeente Venlo",
    type: "gemeente",
    contactEmail: "contact@gemeente.buurtbestuurt.test",
  },
  woonwenz: {
    name: "Woonwenz",
    type: "corporatie",
    contactEmail: "contact@woonwenz.buurtbestuurt.test",
  },
  synthese: {
    name: "Synthese",
    type: "welzijn",
    contactEmail: "contact@synthese.buurtbestuurt.test",
  },
  bewonersondersteuning: {
    name: "Bewonersondersteuning Blerick",
    type: "bewonersondersteuning",
    contactEmail: "contact@bewonersondersteuning.buurtbestuurt.test",
  },
  politie: {
    name: "Politie Limburg – team Venlo",
    type: "politie",
    contactEmail: "contact@politie.buurtbestuurt.test",
  },
  hulpverlening: {
    name: "Hulpverlening Noord-Limburg",
    type: "hulpverlening",
    contactEmail: "contact@hulpverlening.buurtbestuurt.test",
  },
};

export const DEMO_PASSWORD = "Blerick-demo-2026";
export const HOME_BUURT_BEWONER = "BU09832402"; // Vossener-Noord
export const HOME_BUURT_BEWONER2 = "BU09832302"; // Annakamp-Oost (lives in the damp flats)

export type DemoAccount = {
  email: string;
  name: string;
  roles: ("steering" | "admin" | "moderator")[];
  organisation?: OrgKey;
  /** Coordinators may re-triage and edit their organisation's row of the partnerschapskaart. */
  membershipRole?: "member" | "coordinator";
  /** Residents: where they live; others get no buurt. */
  buurtCode?: string;
};

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: "bewoner@buurtbestuurt.test",
    name: "Anouk Hermans",
    roles: [],
    buurtCode: HOME_BUURT_BEWONER,
  },
  {
    email: "bewoner2@buurtbestuurt.test",
    name: "Orhan Koç",
    roles: [],
    buurtCode: HOME_BUURT_BEWONER2,
  },
  {
    email: "partner.gemeente@buurtbestuurt.test",
    name: "Joost Reijnders",
    roles: [],
    organisation: "gemeente",
    membershipRole: "coordinator",
  },
  {
    email: "partner.corporatie@buurtbestuurt.test",
    name: "Ilse van Soest",
    roles: [],
    organisation: "woonwenz",
  },
  {
    email: "partner.welzijn@buurtbestuurt.test",
    name: "Yasmina El Idrissi",
    roles: [],
    organisation: "synthese",
  },
  {
    email: "stuurgroep@buurtbestuurt.test",
    name: "Harrie Geurts",
    roles: ["steering"],
  },
  {
    email: "beheer@buurtbestuurt.test",
    name: "Marloes Verbeek",
    roles: ["admin"],
  },
  {
    email: "moderator@buurtbestuurt.test",
    name: "Femke Daalhuizen",
    roles: ["moderator"],
  },
];

/** Which demo partner acts for an organisation when a status changes (others: no person). */
export const ORG_ACTOR_EMAIL: Partial<Record<OrgKey, string>> = {
  gemeente: "partner.gemeente@buurtbestuurt.test",
  woonwenz: "partner.corporatie@buurtbestuurt.test",
  synthese: "partner.welzijn@buurtbestuurt.test",
};

/** Extra fictional residents (bewoner.N@buurtbestuurt.test), a mix as in Blerick. */
export const EXTRA_RESIDENT_NAMES = [
  "Ria Hendrikx",
  "Jos Thijssen",
  "Maud Coenen",
  "Ruud Gommans",
  "Emine Kaya",
  "Hamza El Amrani",
  "Agnieszka Wiśniewska",
  "Tomasz Zieliński",
  "Mieke Vullings",
  "Sjra Lemmen",
  "Noor Bouzid",
  "Yusuf Aydın",
  "Lotte Kessels",
  "Bram Driessen",
  "Ingrid Sijbers",
  "Kevin Nabben",
  "Samira Ait Taleb",
  "Dariusz Kowalczyk",
  "Elif Öztürk",
  "Wim Moonen",
  "Petra Smeets",
  "Rachid Benali",
  "Annie Rutten",
  "Huub Kuijpers",
  "Layla Al-Hassan",
  "Mehmet Şahin",
  "Jolanda Classens",
  "Filmon Tesfay",
  "Anna Popescu",
  "Desislava Ivanova",
  "Stijn Wijnen",
  "Fenna Bouten",
  "Gerrit Seelen",
  "Nicole Jacobs",
  "Hüseyin Arslan",
  "Jeanne Verheyen",
  "Karim Haddou",
  "Magda Nowicka",
  "Sem Hoeymakers",
  "Esra Çelik",
];

/** Streets per buurt, used for `{straat}`. */
export const STREETS: Record<string, string[]> = {
  BU09832101: ["Antoniuslaan", "Kloosterstraat", "Drie Decembersingel", "Marktstraat"],
  BU09832102: ["Hazenkampseweg", "Sint Jozefstraat", "Lindenlaan"],
  BU09832201: ["Smeliënkampstraat", "Maasveldstraat", "Hagelkruisstraat"],
  BU09832202: ["Horsterweg", "Vastenavondkampstraat", "Prins Bernhardstraat"],
  BU09832203: ["Dahliastraat", "Irisstraat", "Seringenstraat"],
  BU09832301: ["Molenbossenweg", "Wilgenlaan", "Populierenstraat"],
  BU09832302: ["Sint Annastraat", "Kastanjelaan", "Kapelstraat"],
  BU09832303: ["Rozenstraat", "Goudsbloemstraat", "Annakampweg"],
  BU09832304: ["Zonneveldstraat", "Zonnebloemstraat"],
  BU09832401: ["Vossenerlaan", "Acaciastraat", "Eikenstraat"],
  BU09832402: ["Tulpenstraat", "Narcissenstraat", "Krokusstraat"],
  BU09832403: ["Beukenlaan", "Esdoornstraat", "Hulstweg"],
  BU09832404: ["Berkenlaan", "Elzenstraat", "Vlierstraat"],
  BU09832501: ["Heidelaan", "Roerstraat", "Swalmstraat"],
  BU09832502: ["Klingerbergsingel", "Geulstraat", "Niersstraat"],
  BU09832601: ["Houtstraat", "Kerkstraat", "Dorpsstraat"],
  BU09832602: ["Baarlosestraat", "Hout-Blerickerweg", "Heideweg"],
  BU09832603: ["Meuleveldstraat", "Molenweg", "Korenbloemstraat"],
  BU09832701: ["Schoolstraat", "Boekenderweg", "Pastoriestraat"],
  BU09832702: ["Maasbreeseweg", "Zandweg", "Boekenderheide"],
  BU09832801: ["Horsterweg", "Nijverheidsweg"],
  BU09832802: ["Kazernestraat", "Kazernelaan"],
  BU09832803: ["Ubroekweg", "Maaskade"],
  BU09832804: ["Grootbollerweg", "Transportweg"],
  BU09832805: ["Havenweg", "Kadeweg"],
  BU09832806: ["Ecoparklaan", "Energieweg"],
  BU09832807: ["Heierhoevenweg", "Grubbenvorsterweg"],
  BU09832808: ["Veilingweg", "Fresh Parklaan"],
  BU09832809: ["Celsiusweg", "Edisonstraat"],
  BU09832810: ["Columbusweg", "Newtonstraat"],
  BU09832811: ["Floriadepad", "Parkweg"],
  BU09832812: ["Zaarderheikenweg", "Logistiekweg"],
};

/** Relative weight of each residential buurt when spreading ordinary issues. */
export const RESIDENTIAL_WEIGHTS: Record<string, number> = {
  BU09832101: 3,
  BU09832102: 2,
  BU09832201: 1.5,
  BU09832202: 2,
  BU09832203: 2,
  BU09832301: 1.5,
  BU09832302: 2.5,
  BU09832303: 1.5,
  BU09832304: 1,
  BU09832401: 2,
  BU09832402: 2,
  BU09832403: 1.5,
  BU09832404: 2,
  BU09832501: 2,
  BU09832502: 2,
  BU09832601: 1.5,
  BU09832603: 1.5,
  BU09832701: 1.5,
};
export const RURAL_BUURTEN = ["BU09832602", "BU09832702"];
export const TRADE_PORT_PREFIX = "BU098328";

export type IssueText = {
  theme: ThemeCode;
  title: string;
  description: string;
  owner?: OrgKey;
  /** Affects many residents, so it can plausibly collect many supports. */
  broad?: boolean;
};

/** Ordinary issues in residential buurten. */
export const RESIDENTIAL_ISSUES: IssueText[] = [
  // afval
  {
    theme: "afval",
    title: "Volle glasbak bij de {straat}",
    description:
      "De glasbak bij de {straat} zit al een week vol. Mensen zetten hun flessen er nu naast. Er ligt ook al glas op de stoep.",
  },
  {
    theme: "afval",
    title: "Zwerfvuil in de bosjes langs de {straat}",
    description:
      "In de bosjes langs de {straat} ligt veel plastic en blikjes. Het waait de tuinen in. Kan hier een keer opgeruimd worden?",
  },
  {
    theme: "afval",
    title: "Oude bank en matras gedumpt op de stoep",
    description:
      "Iemand heeft een oude bank en een matras op de stoep aan de {straat} gezet. Het ligt er nu drie dagen. Kinderen klimmen erop.",
  },
  {
    theme: "afval",
    title: "Afvalbak bij de bushalte puilt uit",
    description:
      "De afvalbak bij de bushalte aan de {straat} wordt niet vaak genoeg geleegd. Het afval ligt ernaast en trekt meeuwen aan.",
  },
  {
    theme: "afval",
    title: "Veel hondenpoep op het grasveld aan de {straat}",
    description:
      "Op het grasveld waar kinderen spelen ligt veel hondenpoep. Er staat geen afvalbak in de buurt. Een bak en een bord zouden helpen.",
  },
  {
    theme: "afval",
    title: "Klep van de restafvalcontainer klemt",
    description:
      "De klep van de ondergrondse container aan de {straat} gaat niet meer open met mijn pas. Buren hebben hetzelfde probleem. Nu zetten mensen hun zakken ernaast.",
  },
  {
    theme: "afval",
    title: "Ratten bij de containers in het hofje",
    description:
      "Bij de containers achter de woningen aan de {straat} zien we 's avonds ratten. Er ligt vaak los afval naast de containers.",
  },
  {
    theme: "afval",
    title: "Bouwafval staat al weken op het trottoir",
    description:
      "Na een verbouwing aan de {straat} staat er al weken een stapel tegels en gipsplaten op het trottoir. Je kunt er met een kinderwagen niet langs.",
  },
  // verkeer
  {
    theme: "verkeer",
    title: "Er wordt te hard gereden in de {straat}",
    broad: true,
    description:
      "Auto's rijden hier veel harder dan 30 km per uur. Er spelen veel kinderen op straat. Een drempel of een snelheidsbord zou helpen.",
  },
  {
    theme: "verkeer",
    title: "Onveilige oversteek naar school bij de {straat}",
    broad: true,
    description:
      "Kinderen moeten hier oversteken zonder zebrapad. 's Ochtends is het erg druk met auto's. Een zebrapad of klaar-over is hard nodig.",
  },
  {
    theme: "verkeer",
    title: "Auto's parkeren op de stoep aan de {straat}",
    broad: true,
    description:
      "Elke avond staan er auto's half op de stoep. Met een rollator of rolstoel kom je er niet langs. Ik moet dan de weg op.",
  },
  {
    theme: "verkeer",
    title: "Losliggende tegels op het fietspad",
    description:
      "Op het fietspad langs de {straat} liggen een paar tegels los. Ik ben er bijna gevallen met de fiets. In het donker zie je het niet.",
  },
  {
    theme: "verkeer",
    title: "Voorrangsbord omgereden op de hoek van de {straat}",
    description:
      "Het voorrangsbord op de hoek ligt op de grond. Waarschijnlijk is er een auto tegenaan gereden. Nu weet niemand wie voorrang heeft.",
  },
  {
    theme: "verkeer",
    title: "Diep gat in de weg",
    description:
      "In het asfalt van de {straat} zit een diep gat. Als het regent, zie je het niet meer. Fietsers moeten eromheen slingeren.",
  },
  {
    theme: "verkeer",
    title: "Vrachtwagens rijden door de {straat}",
    description:
      "Steeds vaker rijden grote vrachtwagens door onze straat, waarschijnlijk door de navigatie. De straat is daar te smal voor. Er is al een spiegel van een geparkeerde auto geraakt.",
  },
  {
    theme: "verkeer",
    title: "Bestelbus staat al weken op invalidenparkeerplaats",
    description:
      "Op de invalidenparkeerplaats aan de {straat} staat al weken een bestelbus zonder kaart. Mijn buurman met een gehandicaptenkaart kan nergens parkeren.",
  },
  {
    theme: "verkeer",
    title: "Hoge heg ontneemt zicht op kruising",
    description:
      "De heg op de hoek van de {straat} is zo hoog dat je geen auto's ziet aankomen. Vooral voor fietsers is dit gevaarlijk.",
  },
  // groen
  {
    theme: "groen",
    title: "Schommel kapot in de speeltuin aan de {straat}",
    description:
      "De schommel in de speeltuin is kapot. Er hangt nog maar één ketting. Dit is gevaarlijk voor kleine kinderen.",
  },
  {
    theme: "groen",
    title: "Dode tak hangt boven het fietspad",
    description:
      "Aan de grote eik langs de {straat} hangt een dikke dode tak boven het fietspad. Bij harde wind kan hij zo op iemand vallen.",
  },
  {
    theme: "groen",
    title: "Onkruid tot je knieën op de stoep",
    description:
      "Op de stoep in de {straat} groeit het onkruid hoog tussen de tegels. Het ziet er slordig uit en je struikelt erover.",
  },
  {
    theme: "groen",
    title: "Bankje bij de vijver vernield",
    description:
      "Het bankje bij de vijver aan de {straat} is vernield. De planken zijn eruit getrokken. Veel ouderen rusten hier uit tijdens hun wandeling.",
  },
  {
    theme: "groen",
    title: "Boomwortels drukken de stoep omhoog",
    broad: true,
    description:
      "De wortels van de bomen in de {straat} duwen de stoeptegels omhoog. Er zijn al mensen gestruikeld. Met een rollator is het echt gevaarlijk.",
  },
  {
    theme: "groen",
    title: "Idee: bloemen in de lege plantenbakken",
    description:
      "De plantenbakken bij de {straat} staan al jaren leeg. Met een paar buren willen we er bloemen in zetten. Mag dat, en kan de gemeente aarde leveren?",
  },
  {
    theme: "groen",
    title: "Gras op het speelveld wordt te weinig gemaaid",
    description:
      "Het gras op het speelveld aan de {straat} staat zo hoog dat kinderen er niet kunnen voetballen. Er groeien ook veel brandnetels.",
  },
  {
    theme: "groen",
    title: "Wandelpad staat na elke regenbui onder water",
    description:
      "Het wandelpad langs de {straat} staat na elke bui onder water. Je kunt er dan niet langs zonder natte voeten. De afvoer lijkt verstopt.",
  },
  {
    theme: "groen",
    title: "Meer bomen op het pleintje aan de {straat}",
    broad: true,
    description:
      "Het pleintje heeft geen enkele boom. In de zomer is het er veel te heet om te spelen. Kunnen hier een paar bomen geplant worden?",
  },
  // verlichting
  {
    theme: "verlichting",
    title: "Kapotte lantaarnpaal bij de speeltuin aan de {straat}",
    description:
      "De lantaarnpaal bij de speeltuin doet het al twee weken niet. 's Avonds is het daar helemaal donker. Ik voel me er niet veilig als ik de hond uitlaat.",
  },
  {
    theme: "verlichting",
    title: "Straatlamp knippert de hele nacht",
    description:
      "De straatlamp voor nummer 12 in de {straat} gaat steeds aan en uit. Het licht schijnt in onze slaapkamer. Het is erg onrustig.",
  },
  {
    theme: "verlichting",
    title: "Donker pad naar de bushalte",
    broad: true,
    description:
      "Het pad van de {straat} naar de bushalte heeft geen verlichting. In de winter lopen veel scholieren hier in het donker. Graag een paar lampen erbij.",
  },
  {
    theme: "verlichting",
    title: "Lantaarnpaal staat scheef na aanrijding",
    description:
      "Er is een auto tegen de lantaarnpaal aan de {straat} gereden. De paal staat nu scheef en de kap hangt los.",
  },
  {
    theme: "verlichting",
    title: "Straatverlichting brandt ook overdag",
    description: "In de hele {straat} brandt de verlichting ook overdag. Dat is zonde van de energie.",
  },
  {
    theme: "verlichting",
    title: "Fietstunneltje slecht verlicht",
    broad: true,
    description:
      "In het fietstunneltje bij de {straat} zijn twee van de vier lampen kapot. Het is er donker en er hangen soms mensen rond. Ik fiets er liever niet meer door.",
  },
  {
    theme: "verlichting",
    title: "Donkere parkeerplaats achter de flats",
    description:
      "Op de parkeerplaats achter de flats aan de {straat} staat maar één lamp. Er is al twee keer ingebroken in auto's. Meer licht zou helpen.",
  },
  // overlast
  {
    theme: "overlast",
    title: "Scooters scheuren 's avonds door de {straat}",
    broad: true,
    description:
      "Elke avond rijden jongens op opgevoerde scooters rondjes door de straat. Het lawaai gaat door tot na middernacht.",
  },
  {
    theme: "overlast",
    title: "Groepjes bij de ingang van de winkels",
    broad: true,
    description:
      "Bij de ingang van de winkels aan de {straat} hangen 's avonds groepjes rond. Ze laten veel rommel achter en sommige mensen durven er niet langs.",
  },
  {
    theme: "overlast",
    title: "Elke avond zwaar vuurwerk bij het speelveld",
    description:
      "Al weken wordt er bijna elke avond zwaar vuurwerk afgestoken bij het speelveld aan de {straat}. Mijn hond is doodsbang en de ramen trillen.",
  },
  {
    theme: "overlast",
    title: "Lachgas en zakjes in de bosjes",
    broad: true,
    description:
      "In de bosjes langs de {straat} liggen lachgascapsules en kleine zakjes. Er spelen hier kinderen. Kan dit worden opgeruimd en kan er meer toezicht komen?",
  },
  {
    theme: "overlast",
    title: "'s Nachts mensen in leegstaand pand",
    description:
      "In het lege pand aan de {straat} lopen 's nachts mensen in en uit. Er brandt soms licht. Buren maken zich zorgen.",
  },
  {
    theme: "overlast",
    title: "Hond blaft de hele dag",
    description:
      "Een hond in de {straat} blaft de hele dag als de eigenaar weg is. Ik heb het al een keer gevraagd, maar er verandert niets.",
    owner: "gemeente",
  },
  {
    theme: "overlast",
    title: "Fietsen gestolen bij de fietsenstalling",
    description:
      "Bij de fietsenstalling aan de {straat} zijn in een maand drie fietsen gestolen. Er is geen camera en het is er donker.",
    owner: "politie",
  },
  {
    theme: "overlast",
    title: "Harde muziek uit auto's op de parkeerplaats",
    description:
      "'s Nachts staan er vaak auto's met harde muziek op de parkeerplaats aan de {straat}. Ze laten de motor draaien en gooien afval uit het raam.",
  },
  // wonen
  {
    theme: "wonen",
    title: "Lift in de flat aan de {straat} vaak kapot",
    broad: true,
    description:
      "De lift staat deze maand voor de derde keer stil. Er wonen veel ouderen op de bovenste verdiepingen. Zij kunnen nu niet naar buiten.",
  },
  {
    theme: "wonen",
    title: "Portiekdeur valt niet meer in het slot",
    description:
      "De voordeur van ons portiek aan de {straat} sluit niet meer. Iedereen kan zo naar binnen. Er slapen soms mensen in de gang.",
  },
  {
    theme: "wonen",
    title: "Dak boven het trappenhuis lekt",
    description:
      "Als het regent, lekt het dak boven het trappenhuis aan de {straat}. Er staat dan een plas water op de trap. Iemand kan uitglijden.",
  },
  {
    theme: "wonen",
    title: "Het tocht overal in onze huurwoning",
    broad: true,
    description:
      "Onze ramen sluiten slecht en het tocht overal. In de winter krijgen we het huis niet warm, terwijl de energierekening hoog is. Buren aan de {straat} hebben hetzelfde.",
  },
  {
    theme: "wonen",
    title: "Bergingen onder de flat lopen onder water",
    description:
      "De bergingen onder de flat aan de {straat} lopen na elke flinke regenbui onder water. Onze spullen gaan kapot.",
  },
  {
    theme: "wonen",
    title: "Lampen op de galerij al weken kapot",
    description:
      "De lampen op de galerij van de tweede verdieping aan de {straat} zijn al weken kapot. 's Avonds is het aardedonker als je thuiskomt.",
  },
  {
    theme: "wonen",
    title: "Graffiti op de gevel van het wooncomplex",
    description:
      "Op de gevel van het wooncomplex aan de {straat} is graffiti gespoten met lelijke teksten. Het staat er nu al een maand.",
  },
  {
    theme: "wonen",
    title: "Reparatieverzoek blijft al maanden liggen",
    description:
      "Ik heb drie maanden geleden een reparatie gemeld voor mijn keukenkraan en de afvoer. Niemand is nog gekomen. Wie kan mij helpen?",
  },
  // zorg
  {
    theme: "zorg",
    title: "Oudere buurman komt niet meer buiten",
    description:
      "Mijn buurman van in de tachtig zie ik al weken niet meer buiten. De gordijnen blijven vaak dicht. Ik maak me zorgen, maar weet niet bij wie ik terecht kan.",
  },
  {
    theme: "zorg",
    title: "Plek om koffie te drinken voor ouderen",
    broad: true,
    description:
      "Veel ouderen rond de {straat} wonen alleen. Er is geen plek in de buurt waar je even samen koffie kunt drinken. Een inloopochtend zou fijn zijn.",
  },
  {
    theme: "zorg",
    title: "Hulp nodig bij brieven en formulieren",
    broad: true,
    description:
      "Veel buren begrijpen de brieven van de gemeente en de Belastingdienst niet goed. Vooral mensen die nog Nederlands leren. Is er ergens hulp in de buurt?",
  },
  {
    theme: "zorg",
    title: "Buurvrouw kan zelf geen boodschappen meer doen",
    description:
      "Mijn buurvrouw kan sinds haar val niet meer zelf boodschappen doen. Haar kinderen wonen ver weg. Zijn er vrijwilligers die kunnen helpen?",
  },
  {
    theme: "zorg",
    title: "Zorgen om een gezin in onze straat",
    description:
      "In onze straat woont een gezin dat steeds vaker bezoek krijgt van deurwaarders. De kinderen lijken niet genoeg te eten te krijgen. Ik wil graag dat iemand eens langsgaat.",
    owner: "bewonersondersteuning",
  },
  {
    theme: "zorg",
    title: "Geen rustpunt op de route naar de huisarts",
    description:
      "Voor ouderen is de wandeling van de {straat} naar de huisarts te lang zonder bankje. Een paar bankjes onderweg zouden veel helpen.",
  },
  {
    theme: "zorg",
    title: "Verwarde man op de galerij",
    description:
      "In de flat aan de {straat} woont een man alleen die soms verward op de galerij staat, ook 's nachts. Hij lijkt geen hulp te krijgen.",
  },
  // jongeren
  {
    theme: "jongeren",
    title: "Geen plek voor jongeren om te sporten",
    broad: true,
    description:
      "Voor kinderen tot 12 jaar is er een speeltuin, maar jongeren hebben niets. Een trapveldje of basketbalveld aan de {straat} zou veel schelen.",
  },
  {
    theme: "jongeren",
    title: "Idee: jongerenavond in het buurthuis",
    broad: true,
    description:
      "Mijn dochter van 15 en haar vrienden vervelen zich. Ze willen graag een avond in het buurthuis met muziek en spelletjes. Ze willen ook zelf helpen.",
  },
  {
    theme: "jongeren",
    title: "Basketbalveld: bord kapot en geen net",
    description:
      "Het basketbalveld aan de {straat} heeft een kapot bord en geen net meer. Jongeren komen er daardoor niet meer.",
  },
  {
    theme: "jongeren",
    title: "Huiswerkhulp in de buurt gezocht",
    broad: true,
    description:
      "Veel kinderen in de buurt hebben moeite met school. Thuis kan niemand helpen met huiswerk in het Nederlands. Is er huiswerkbegeleiding dichtbij?",
  },
  {
    theme: "jongeren",
    title: "We missen de jongerenwerker",
    broad: true,
    description:
      "Vroeger kwam er een jongerenwerker bij het trapveld aan de {straat}. Nu zien we niemand meer. De jongeren hebben weinig te doen en hangen rond.",
  },
  {
    theme: "jongeren",
    title: "Skatebaan gewenst",
    description:
      "Er zijn veel kinderen die skaten, maar de dichtstbijzijnde skatebaan is ver weg. Op het grasveld aan de {straat} is ruimte genoeg.",
  },
  // samenleven
  {
    theme: "samenleven",
    title: "Idee: straatfeest in de {straat}",
    description:
      "We willen deze zomer een straatfeest organiseren, zodat oude en nieuwe bewoners elkaar leren kennen. Wie helpt ons met de vergunning en een klein budget?",
  },
  {
    theme: "samenleven",
    title: "Buurtmoestuin op het lege veldje",
    description:
      "Het lege veldje aan de {straat} ligt er al jaren ongebruikt bij. Met een paar buren willen we er een moestuin beginnen. Wie denkt mee?",
  },
  {
    theme: "samenleven",
    title: "Burenruzie loopt uit de hand",
    description:
      "Twee gezinnen in onze straat hebben al maanden ruzie over een schutting. Er wordt geschreeuwd en gedreigd. Buurtbemiddeling zou kunnen helpen.",
  },
  {
    theme: "samenleven",
    title: "Nieuwe buren welkom heten",
    description:
      "In onze straat zijn nieuwe gezinnen komen wonen die nog weinig Nederlands spreken. We willen ze graag welkom heten. Is er een taalcafé of maatjesproject in Blerick?",
  },
  {
    theme: "samenleven",
    title: "Minibieb bij het pleintje",
    description:
      "We willen een minibieb (een kastje met boeken) bij het pleintje aan de {straat} plaatsen. Mag dat op gemeentegrond?",
  },
  {
    theme: "samenleven",
    title: "Buurthuis is te vaak dicht",
    broad: true,
    description:
      "Het buurthuis is alleen open op dinsdag en donderdag. Voor veel activiteiten is geen ruimte. Kan het vaker open, bijvoorbeeld met vrijwilligers?",
  },
  {
    theme: "samenleven",
    title: "Opruimactie met de buurt",
    description:
      "We willen in het voorjaar met de buurt een opruimactie doen rond de {straat}. Kunnen we grijpers, zakken en hesjes lenen?",
  },
];

/**
 * Recurring problems at one spot, reported several times over the year, so that the
 * structural analysis and the residents' agenda have something real to find.
 */
export type RecurringPattern = {
  key: string;
  buurtCode: string;
  street: string;
  issues: IssueText[];
};

export const RECURRING_PATTERNS: RecurringPattern[] = [
  {
    key: "dumping-berkenlaan",
    buurtCode: "BU09832404",
    street: "Berkenlaan",
    issues: [
      {
        theme: "afval",
        title: "Weer afval gedumpt bij de containers aan de Berkenlaan",
        description:
          "Naast de ondergrondse containers staan weer vuilniszakken, dozen en een kapotte stoel. Dit gebeurt bijna elke week. Het stinkt en er komen ratten op af.",
      },
      {
        theme: "afval",
        title: "Matras en kasten bij de containers Berkenlaan",
        description:
          "Bij de containers aan de Berkenlaan zijn een matras en twee kasten gedumpt. Vorige maand lag er ook al grofvuil. Misschien helpt een camera?",
      },
      {
        theme: "afval",
        title: "Opengescheurde vuilniszakken naast de containers",
        description:
          "De zakken naast de containers aan de Berkenlaan zijn opengescheurd door katten of vogels. Het afval waait over het hele pleintje.",
      },
      {
        theme: "afval",
        title: "Grofvuil bij de containers na een verhuizing",
        description:
          "Na een verhuizing staat er een hele bank en een koelkast bij de containers aan de Berkenlaan. Kinderen spelen eromheen.",
      },
      {
        theme: "afval",
        title: "Containers Berkenlaan: elke week hetzelfde",
        description:
          "Ik meld het nu voor de zoveelste keer: bij de containers aan de Berkenlaan ligt altijd afval. Opruimen helpt maar een paar dagen. Er moet een echte oplossing komen.",
      },
    ],
  },
  {
    key: "vocht-sint-annastraat",
    buurtCode: "BU09832302",
    street: "Sint Annastraat",
    issues: [
      {
        theme: "wonen",
        title: "Schimmel in badkamer en slaapkamer, flat Sint Annastraat",
        description:
          "In onze flat aan de Sint Annastraat komt steeds weer zwarte schimmel in de badkamer en de slaapkamer. We luchten elke dag. Mijn zoontje hoest veel.",
      },
      {
        theme: "wonen",
        title: "Natte muren in de slaapkamer",
        description:
          "De muren van de slaapkamer zijn nat en het behang laat los. Ik woon in de flat aan de Sint Annastraat. De buren op mijn galerij hebben hetzelfde.",
      },
      {
        theme: "wonen",
        title: "Ventilatie werkt niet in de flats aan de Sint Annastraat",
        description:
          "De mechanische ventilatie maakt lawaai, maar zuigt niets af. Daardoor blijft het vochtig binnen. Dit speelt in meer woningen in het complex.",
      },
      {
        theme: "wonen",
        title: "Schimmel terug na het schilderen",
        description:
          "Vorig jaar is de schimmel in mijn flat aan de Sint Annastraat weggeschilderd, maar na een paar maanden is het terug. Het probleem zit in de muur, niet in het luchten.",
      },
      {
        theme: "wonen",
        title: "Muffe lucht in het hele trappenhuis",
        description:
          "Het hele trappenhuis van de flat aan de Sint Annastraat ruikt muf. In de bergingen beneden staat vocht op de muren.",
      },
    ],
  },
  {
    key: "hard-rijden-horsterweg",
    buurtCode: "BU09832202",
    street: "Horsterweg",
    issues: [
      {
        theme: "verkeer",
        title: "Te hard rijden op de Horsterweg",
        description:
          "Op de Horsterweg wordt 's avonds veel te hard gereden, soms wel 80 km per uur. Oversteken naar de bushalte is gevaarlijk.",
      },
      {
        theme: "verkeer",
        title: "Bijna-aanrijding bij de oversteek op de Horsterweg",
        description:
          "Vanochtend werd mijn dochter bijna aangereden bij de oversteek op de Horsterweg. Auto's stoppen niet voor voetgangers. Er moet een zebrapad of verkeerslicht komen.",
      },
      {
        theme: "verkeer",
        title: "Racende auto's op de Horsterweg in het weekend",
        description:
          "In het weekend houden auto's 's nachts wedstrijdjes op de Horsterweg. Het lawaai houdt de hele buurt wakker en het is levensgevaarlijk.",
      },
      {
        theme: "verkeer",
        title: "Graag snelheidscontroles op de Horsterweg",
        description:
          "Kan er vaker gecontroleerd worden op de Horsterweg? Een snelheidsdisplay zou ook helpen. Het gaat hier al jaren mis.",
      },
    ],
  },
  {
    key: "trapveld-klingerberg",
    buurtCode: "BU09832502",
    street: "Klingerbergsingel",
    issues: [
      {
        theme: "overlast",
        title: "Hangjongeren bij het trapveld aan de Klingerbergsingel",
        description:
          "Elke avond zit een groep jongeren bij het trapveld aan de Klingerbergsingel. Ze draaien harde muziek en er ligt daarna veel rommel en lachgas.",
        owner: "politie",
      },
      {
        theme: "overlast",
        title: "Weer lachgas en blikjes op het trapveld",
        description:
          "Vanochtend lagen er weer lachgasflessen en blikjes op het trapveld aan de Klingerbergsingel. Kinderen spelen hier overdag.",
        owner: "gemeente",
      },
      {
        theme: "jongeren",
        title: "Jongeren in Klingerberg hebben geen eigen plek",
        description:
          "De jongeren die bij het trapveld hangen, kunnen gewoon nergens anders heen. Geef ze een eigen plek of een jongerenwerker, dan wordt het vanzelf rustiger.",
        owner: "synthese",
      },
      {
        theme: "overlast",
        title: "Nageroepen bij het trapveld 's avonds",
        description:
          "Als ik 's avonds langs het trapveld aan de Klingerbergsingel loop, word ik nageroepen. Meer ouderen uit de buurt lopen nu liever om.",
        owner: "politie",
      },
    ],
  },
  {
    key: "seniorenflat-hazenkamp",
    buurtCode: "BU09832102",
    street: "Hazenkampseweg",
    issues: [
      {
        theme: "zorg",
        title: "Eenzaamheid in de seniorenflat aan de Hazenkampseweg",
        description:
          "In de seniorenflat aan de Hazenkampseweg wonen veel mensen alleen. Sinds de recreatieruimte dicht is, zien bewoners elkaar bijna niet meer.",
        owner: "synthese",
      },
      {
        theme: "zorg",
        title: "Recreatieruimte van de seniorenflat graag weer open",
        description:
          "De gezamenlijke ruimte in de seniorenflat is al maanden dicht. Daar dronken we elke week samen koffie. Kan die weer open, met hulp van vrijwilligers?",
        owner: "bewonersondersteuning",
      },
      {
        theme: "zorg",
        title: "Buurvrouw in de seniorenflat spreekt dagen niemand",
        description:
          "Een buurvrouw in onze seniorenflat aan de Hazenkampseweg zegt dat ze soms dagen niemand spreekt. Zij is niet de enige. Wie kan hier iets mee?",
        owner: "synthese",
      },
    ],
  },
  {
    key: "fietspad-spoor-centrum",
    buurtCode: "BU09832101",
    street: "Drie Decembersingel",
    issues: [
      {
        theme: "verlichting",
        title: "Fietspad langs het spoor weer donker",
        description:
          "Op het fietspad langs het spoor bij het station doen weer meerdere lampen het niet. Het is er 's avonds pikdonker.",
      },
      {
        theme: "verlichting",
        title: "Lampen langs het fietspad bij het spoor vallen steeds uit",
        description:
          "De verlichting langs het fietspad bij het spoor valt steeds uit. Een paar weken na de reparatie is het weer mis. Misschien is de kabel kapot?",
      },
      {
        theme: "verlichting",
        title: "Onveilig gevoel op donker fietspad bij het station",
        description:
          "Ik fiets elke avond na mijn werk over het pad langs het spoor. Omdat de lampen uit zijn, voel ik me niet veilig. Vriendinnen van mij rijden nu om.",
      },
    ],
  },
  {
    key: "school-boekend",
    buurtCode: "BU09832701",
    street: "Schoolstraat",
    issues: [
      {
        theme: "verkeer",
        title: "Ouders parkeren dubbel bij de basisschool in Boekend",
        description:
          "Bij het brengen en halen parkeren ouders dubbel en op de stoep bij de basisschool aan de Schoolstraat. Kinderen moeten tussen de auto's door.",
      },
      {
        theme: "verkeer",
        title: "Gevaarlijke situatie bij de schoolingang",
        description:
          "Vanmiddag moest een kind tussen kerende auto's door bij de school aan de Schoolstraat. Een kiss-and-ride zone of een afsluiting rond schooltijd zou helpen.",
      },
      {
        theme: "verkeer",
        title: "Weer chaos bij de school aan de Schoolstraat",
        description:
          "Ook deze week was het weer druk en onveilig bij de basisschool. Auto's keren op de stoep en rijden achteruit tussen de fietsers.",
      },
    ],
  },
  {
    key: "supermarkt-antoniuslaan",
    buurtCode: "BU09832101",
    street: "Antoniuslaan",
    issues: [
      {
        theme: "afval",
        title: "Zwerfvuil rond de supermarkt aan de Antoniuslaan",
        description:
          "Rond de supermarkt liggen veel plastic zakjes, bekers en blikjes. Er is maar één afvalbak en die is altijd vol.",
      },
      {
        theme: "afval",
        title: "Meer afvalbakken bij de winkels aan de Antoniuslaan",
        description:
          "Bij de winkels aan de Antoniuslaan is te weinig plek voor afval. Kunnen er meer afvalbakken komen, en kunnen ze vaker geleegd worden?",
      },
      {
        theme: "afval",
        title: "Winkelwagentjes en rommel in de groenstrook",
        description:
          "In de groenstrook naast de supermarkt aan de Antoniuslaan liggen winkelwagentjes, dozen en plastic. Het ziet er rommelig uit.",
      },
    ],
  },
];

/** Issues for the business and Greenport buurten of wijk Trade-Port. */
export const TRADE_PORT_ISSUES: IssueText[] = [
  {
    theme: "afval",
    title: "Afval gedumpt langs de {straat}",
    description:
      "Langs de {straat} ligt een hoop afval: autobanden, plastic en bouwpuin. Het ligt er al een paar weken.",
  },
  {
    theme: "verkeer",
    title: "Vrachtwagens parkeren 's nachts in de berm",
    description:
      "'s Nachts staan er veel vrachtwagens in de berm langs de {straat}. De berm is kapot gereden en chauffeurs laten hun afval achter.",
  },
  {
    theme: "verlichting",
    title: "Fietsroute naar het werk is donker",
    description:
      "Veel mensen fietsen vroeg of laat naar hun werk via de {straat}. Daar is bijna geen verlichting. In de winter is dat gevaarlijk.",
  },
  {
    theme: "verkeer",
    title: "Geen veilige fietsoversteek bij de rotonde",
    description:
      "Bij de rotonde aan de {straat} moet je als fietser tussen de vrachtwagens door. Er is geen aparte oversteek.",
  },
  {
    theme: "afval",
    title: "Veel afval bij de bushalte van de pendelbus",
    description:
      "Bij de bushalte aan de {straat}, waar 's ochtends veel mensen op de bus naar het werk wachten, ligt veel afval. Er staat geen afvalbak.",
  },
  {
    theme: "overlast",
    title: "Lawaai van laden en lossen 's nachts",
    description:
      "Bij een bedrijf aan de {straat} wordt 's nachts geladen en gelost met veel lawaai. Bewoners aan de rand van het terrein slapen slecht.",
    owner: "gemeente",
  },
  {
    theme: "groen",
    title: "Bermen vol zwerfafval en hoog gras",
    description: "De bermen langs de {straat} worden niet bijgehouden. Het gras is hoog en zit vol afval.",
  },
  {
    theme: "overlast",
    title: "Lachgasflessen op het parkeerterrein",
    description:
      "Op het parkeerterrein aan de {straat} liggen 's ochtends vaak lachgasflessen. 's Nachts staan hier auto's met draaiende motor.",
  },
  {
    theme: "verkeer",
    title: "Gat in het fietspad door zwaar verkeer",
    description:
      "Op het fietspad langs de {straat} zit een groot gat, omdat zware voertuigen over het fietspad rijden. Ik ben er in het donker bijna in gereden.",
  },
  {
    theme: "groen",
    title: "Wandelpaden slecht aangegeven",
    description:
      "Veel mensen uit Blerick wandelen hier graag, maar de paden bij de {straat} zijn slecht aangegeven. Bordjes en een paar bankjes zouden het uitnodigender maken.",
  },
  {
    theme: "verlichting",
    title: "Rij lantaarnpalen uit langs de {straat}",
    description:
      "Een hele rij lantaarnpalen langs de {straat} doet het niet. Mensen van de nachtdienst lopen in het donker naar de bushalte.",
  },
  {
    theme: "afval",
    title: "Aanhanger vol bouwpuin gestort",
    description:
      "Achter het hek aan de {straat} is een aanhanger vol bouwpuin gestort. Het lijkt erop dat iemand de stortkosten wilde besparen.",
  },
];

/** Issues for the two rural buurten (verspreide huizen). */
export const RURAL_ISSUES: IssueText[] = [
  {
    theme: "verkeer",
    title: "Te hard rijden op de smalle buitenweg",
    description:
      "Op de smalle weg langs de akkers bij de {straat} rijden auto's veel te hard. Er fietsen hier veel schoolkinderen en er is geen fietspad.",
  },
  {
    theme: "afval",
    title: "Tuinafval en oude verf op het zandpad",
    description:
      "Op het zandpad bij de {straat} is weer afval gedumpt: zakken met tuinafval en blikken oude verf. Verf hoort echt niet in de natuur.",
  },
  {
    theme: "verlichting",
    title: "Bushalte in het buitengebied staat in het donker",
    description:
      "De bushalte aan de {straat} staat in het donker. In de winter ziet de buschauffeur je bijna niet staan.",
  },
  {
    theme: "groen",
    title: "Verstopte sloot, water op de weg",
    description: "De sloot langs de {straat} is verstopt met takken en bladeren. Bij regen staat het water op de weg.",
  },
  {
    theme: "zorg",
    title: "Ouderen in het buitengebied zitten alleen",
    description:
      "Er wonen hier veel ouderen verspreid in het buitengebied. Zonder auto kom je nergens. Een buurtbus of boodschappendienst zou hen erg helpen.",
  },
  {
    theme: "verkeer",
    title: "Tractoren en fietsers op de smalle {straat}",
    description:
      "Grote tractoren en fietsers moeten de smalle {straat} delen. De berm is weggezakt, dus uitwijken kan niet.",
  },
];

/** Where the place was described instead of pinned (buurt centre used). */
export const PLACE_DESCRIPTIONS = [
  "Achter de flats aan de {straat}, bij het grasveld",
  "Op het pleintje tussen de {straat} en de school",
  "Langs het pad naar de sporthal, vlak bij de {straat}",
  "Bij de ingang van het buurthuis aan de {straat}",
  "Ergens halverwege de {straat}, het huisnummer weet ik niet",
];

type StatusTexts = {
  getrieerd: string[];
  in_behandeling: string[];
  opgelost: string[];
  gesloten_niet_opgelost: string[];
};

export const TRIAGE_MESSAGES = [
  "Bedankt voor uw melding. {org} heeft de melding bekeken en pakt hem op. U hoort van ons als er nieuws is.",
  "We hebben uw melding beoordeeld. {org} is hiervoor verantwoordelijk en plant de volgende stap.",
  "Dank u wel voor het melden. De melding staat bij {org} op de lijst. We laten weten wanneer we aan de slag gaan.",
];

export const STATUS_MESSAGES: Record<ThemeCode, StatusTexts> = {
  afval: {
    getrieerd: ["We hebben de melding doorgezet naar de buitendienst van de gemeente."],
    in_behandeling: [
      "De buitendienst komt deze week langs om het afval op te halen.",
      "We hebben een handhaver gevraagd om extra te letten op dumpingen op deze plek.",
    ],
    opgelost: [
      "Het afval is opgeruimd. Ziet u weer afval liggen? Meld het dan opnieuw.",
      "De buitendienst is langs geweest en heeft de plek schoongemaakt.",
    ],
    gesloten_niet_opgelost: [
      "Dit afval ligt op privéterrein. Doorverwezen naar de eigenaar van het terrein, die het moet opruimen.",
      "Doorverwezen naar de beheerder van het winkelcentrum, die voor dit terrein verantwoordelijk is.",
    ],
  },
  verkeer: {
    getrieerd: ["Een verkeerskundige van de gemeente bekijkt uw melding."],
    in_behandeling: [
      "Een medewerker van de gemeente gaat de situatie ter plekke bekijken. Daarna kiezen we een passende maatregel.",
      "Het werk is ingepland. De aannemer komt binnen drie weken.",
    ],
    opgelost: [
      "Het probleem is verholpen. Bedankt voor het melden.",
      "De gemeente heeft op deze plek maatregelen genomen. We blijven de situatie volgen.",
    ],
    gesloten_niet_opgelost: [
      "Doorverwezen naar de politie: zij kunnen hier controleren. De gemeente past de weg op dit moment niet aan.",
      "Deze plek is geen gemeentegrond. Doorverwezen naar de eigenaar van de weg.",
    ],
  },
  groen: {
    getrieerd: ["De melding is doorgezet naar het team Groen van de gemeente."],
    in_behandeling: [
      "De groenaannemer is ingeschakeld en komt binnenkort langs.",
      "Het team Groen heeft de plek bekeken en plant het werk in.",
    ],
    opgelost: ["Het team Groen is langs geweest en heeft het opgelost.", "Het is opgeknapt. Bedankt voor uw melding."],
    gesloten_niet_opgelost: [
      "Deze grond is niet van de gemeente. Doorverwezen naar Woonwenz, die hier het onderhoud regelt.",
      "Hiervoor is dit jaar geen budget. We nemen het mee in de planning voor volgend jaar.",
    ],
  },
  verlichting: {
    getrieerd: ["De melding staat bij het team openbare verlichting."],
    in_behandeling: [
      "De lamp staat op de lijst van de onderhoudsploeg.",
      "Er is een storing in de kabel gevonden. De netbeheerder moet eerst graven; dat duurt enkele weken.",
    ],
    opgelost: ["De lamp is vervangen en brandt weer.", "De verlichting is gerepareerd."],
    gesloten_niet_opgelost: ["Deze lamp staat op privéterrein. Doorverwezen naar de eigenaar van het parkeerterrein."],
  },
  overlast: {
    getrieerd: ["We hebben de melding besproken met de wijkagent en de gemeente."],
    in_behandeling: [
      "De wijkagent gaat de komende weken vaker langs op deze plek, ook 's avonds.",
      "We bespreken deze plek in het overleg met de wijkagent en het jongerenwerk. We houden de plek in de gaten.",
    ],
    opgelost: [
      "Na extra controles is het de laatste weken rustiger. We blijven de plek volgen.",
      "De betrokkenen zijn aangesproken. Sindsdien zijn er geen nieuwe meldingen.",
    ],
    gesloten_niet_opgelost: [
      "Doorverwezen naar Buurtbemiddeling, omdat dit een conflict tussen buren is.",
      "Bij overlast op het moment zelf kunt u het beste direct de politie bellen via 0900-8844. We sluiten deze melding, maar houden de plek in de gaten.",
    ],
  },
  wonen: {
    getrieerd: ["Woonwenz heeft uw melding ontvangen en bekijkt welke woningen het betreft."],
    in_behandeling: [
      "Een opzichter van Woonwenz komt langs om te kijken. We bellen u voor een afspraak.",
      "De onderdelen zijn besteld. De monteur komt binnen twee weken.",
    ],
    opgelost: [
      "De reparatie is uitgevoerd. Heeft u nog last? Laat het ons weten.",
      "De reparatie is klaar. Bedankt voor uw geduld.",
    ],
    gesloten_niet_opgelost: [
      "Deze woning is geen huurwoning van Woonwenz. Doorverwezen naar het Juridisch Loket, dat huurders van particuliere verhuurders helpt.",
    ],
  },
  zorg: {
    getrieerd: ["{org} heeft uw melding gelezen. Dank u wel dat u om uw buren geeft."],
    in_behandeling: [
      "Een medewerker van {org} neemt contact met u op om samen te kijken wat er nodig is.",
      "We hebben een vrijwilliger gevonden die wil helpen. We maken een eerste afspraak.",
    ],
    opgelost: [
      "Er is contact gelegd en er is nu vaste hulp geregeld.",
      "Samen met vrijwilligers uit de buurt is er een oplossing gevonden. Bedankt dat u dit meldde.",
    ],
    gesloten_niet_opgelost: [
      "Doorverwezen naar het Sociaal Wijkteam en de huisarts, omdat hier professionele zorg nodig is.",
    ],
  },
  jongeren: {
    getrieerd: ["Het jongerenwerk van {org} heeft uw melding gelezen."],
    in_behandeling: [
      "Het jongerenwerk gaat met de jongeren zelf in gesprek over wat zij willen.",
      "We zoeken samen met de gemeente naar een geschikte plek en naar geld.",
    ],
    opgelost: [
      "Samen met jongeren uit de buurt is er een plan gemaakt en uitgevoerd. De activiteiten staan op het prikbord in het buurthuis.",
      "Het is geregeld. De jongerenwerker komt weer elke week langs.",
    ],
    gesloten_niet_opgelost: [
      "Er is nu geen geld voor een nieuwe voorziening. We nemen het idee mee in het wijkplan voor volgend jaar.",
    ],
  },
  samenleven: {
    getrieerd: ["Leuk dat u dit meldt. {org} kijkt met u mee."],
    in_behandeling: [
      "Een opbouwwerker van {org} neemt contact met u op om te helpen met de plannen.",
      "Uw aanvraag voor het leefbaarheidsbudget is in behandeling.",
    ],
    opgelost: [
      "Het is gelukt! Dank aan alle buren die hebben geholpen.",
      "Het is geregeld. De spullen liggen klaar in het buurthuis.",
    ],
    gesloten_niet_opgelost: ["Doorverwezen naar Buurtbemiddeling Venlo. Zij helpen buren om samen in gesprek te gaan."],
  },
};

export const REOPEN_MESSAGES = [
  "De melding is heropend, omdat bewoners laten weten dat het probleem terug is. We kijken er opnieuw naar.",
  "Heropend: het probleem is na de oplossing teruggekomen. {org} pakt het opnieuw op.",
];

export const GENERIC_COMMENTS = [
  "Dit zie ik ook elke keer als ik hier langskom. Goed dat het gemeld is.",
  "Helemaal mee eens. Dit speelt al heel lang.",
  "Ik woon om de hoek en heb er ook last van.",
  "Fijn dat iemand dit meldt. Ik wist niet dat het kon via deze site.",
  "Is er al iets bekend over wanneer hier iets mee gebeurt?",
  "Mijn buren en ik hebben de melding gesteund. Hopelijk helpt het.",
  "Vanmorgen nog gezien, het is nog niet veranderd.",
  "Dit is niet alleen hier, twee straten verderop is het hetzelfde.",
  "Kunnen we dit bespreken op de volgende bewonersavond?",
  "Ik heb dit vorig jaar ook al eens doorgegeven.",
];

export const THEME_COMMENTS: Record<ThemeCode, string[]> = {
  afval: [
    "Ik heb gisteren zelf een paar zakken opgeruimd, maar het komt steeds terug.",
    "Een camera bij de containers zou veel helpen, denk ik.",
  ],
  verkeer: ["Vooral rond half acht 's ochtends is het echt gevaarlijk.", "Een drempel zou hier echt verschil maken."],
  groen: [
    "Mijn kleinkinderen spelen hier graag, dus graag snel oplossen.",
    "Er zijn meer plekken in de straat waar het groen slecht wordt bijgehouden.",
  ],
  verlichting: [
    "Ook de lamp verderop in de straat doet het niet.",
    "Ik loop hier 's avonds met de hond en het is echt donker.",
  ],
  overlast: ["Gisteravond was het weer raak, tot één uur 's nachts.", "Ik durf hier 's avonds niet meer alleen langs."],
  wonen: [
    "Bij ons in het complex precies hetzelfde probleem.",
    "Wij hebben ook al meerdere keren gebeld, zonder resultaat.",
  ],
  zorg: [
    "Ik wil wel een keer per week bij iemand langsgaan als dat helpt.",
    "Goed dat hier aandacht voor is. Veel ouderen zeggen het zelf niet.",
  ],
  jongeren: ["Mijn zoon van 14 zou hier zeker komen.", "Misschien kunnen de jongeren zelf meedenken over een plan?"],
  samenleven: [
    "Ik wil hier graag aan meehelpen.",
    "Ik kan helpen met vertalen naar het Turks en het Arabisch.",
    "Goed dat hier in de buurt aandacht voor komt.",
  ],
};

/**
 * The partnerschapskaart of the demo: who leads (trekker), contributes (bijdrager) or is kept
 * informed (geinformeerd) per theme. Every theme has exactly one trekker.
 */
export const PARTNERSHIP: Record<ThemeCode, Partial<Record<OrgKey, "trekker" | "bijdrager" | "geinformeerd">>> = {
  afval: { gemeente: "trekker", woonwenz: "bijdrager", bewonersondersteuning: "geinformeerd" },
  verlichting: { gemeente: "trekker", politie: "geinformeerd" },
  verkeer: { gemeente: "trekker", politie: "bijdrager" },
  groen: { gemeente: "trekker", woonwenz: "bijdrager", bewonersondersteuning: "geinformeerd" },
  wonen: { woonwenz: "trekker", gemeente: "bijdrager", synthese: "geinformeerd" },
  zorg: { synthese: "trekker", hulpverlening: "bijdrager", bewonersondersteuning: "bijdrager", gemeente: "geinformeerd" },
  samenleven: { bewonersondersteuning: "trekker", synthese: "bijdrager", woonwenz: "geinformeerd" },
  jongeren: { synthese: "trekker", politie: "bijdrager", gemeente: "geinformeerd" },
  overlast: { politie: "trekker", gemeente: "bijdrager", woonwenz: "bijdrager", synthese: "geinformeerd" },
};

/** Entries of the oplossingenbank (solutions library) in the demo. */
export const DEMO_SOLUTIONS: {
  title: string;
  description: string;
  howToRequest: string;
  organisation: OrgKey;
  themes: ThemeCode[];
}[] = [
  {
    title: "Grofvuil op afspraak ophalen",
    description:
      "De gemeente haalt grofvuil gratis op bij de voordeur, op een afgesproken dag. Dumpen is dan niet nodig.",
    howToRequest: "Bewoners maken een afspraak via de gemeente. Partners kunnen dit ook voor een bewoner doen.",
    organisation: "gemeente",
    themes: ["afval"],
  },
  {
    title: "Extra ronde van de veegwagen",
    description: "Op plekken waar vaak zwerfafval ligt, rijdt de veegwagen een extra ronde per week, voor acht weken.",
    howToRequest: "Vraag het aan bij het team Openbare Ruimte van de gemeente, met de straat en de reden.",
    organisation: "gemeente",
    themes: ["afval", "groen"],
  },
  {
    title: "Storing straatverlichting doorzetten",
    description: "Een kapotte lantaarnpaal wordt doorgegeven aan de beheerder van de verlichting. Die repareert binnen 10 werkdagen.",
    howToRequest: "Geef het nummer op de paal door. Heeft de paal geen nummer, geef dan de plek op de kaart.",
    organisation: "gemeente",
    themes: ["verlichting"],
  },
  {
    title: "Vocht- en schimmelaanpak huurwoningen",
    description:
      "Een opzichter komt langs, meet het vocht en maakt een plan: ventilatie, isolatie of herstel. De huurder krijgt uitleg over luchten en stoken.",
    howToRequest: "Huurders melden het bij de corporatie. Partners kunnen een melding doorzetten met toestemming van de huurder.",
    organisation: "woonwenz",
    themes: ["wonen"],
  },
  {
    title: "Buurtbemiddeling",
    description:
      "Getrainde vrijwilligers helpen buren om samen een oplossing te vinden bij burenruzies over geluid, parkeren of de tuin.",
    howToRequest: "Aanmelden kan door de bewoner zelf of door een partner, met de toestemming van de bewoner.",
    organisation: "bewonersondersteuning",
    themes: ["samenleven", "overlast"],
  },
  {
    title: "Jongerenwerk op straat",
    description:
      "Jongerenwerkers gaan op vaste avonden langs plekken waar jongeren samenkomen. Ze praten met de jongeren en zoeken samen naar een eigen plek.",
    howToRequest: "Vraag het aan bij het jongerenwerk, met de plek en de tijden.",
    organisation: "synthese",
    themes: ["jongeren", "overlast"],
  },
  {
    title: "Buurtpreventieteam",
    description: "Bewoners lopen samen met de wijkagent rondes door de buurt en geven onveilige plekken door.",
    howToRequest: "Bewoners melden zich aan bij de wijkagent.",
    organisation: "politie",
    themes: ["overlast", "verlichting"],
  },
];
