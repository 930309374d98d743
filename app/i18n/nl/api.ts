/** The /api page and the RSS feed links (B1, "je"). */
export const api = {
  feeds: {
    allTitle: "Nieuwe meldingen in Blerick (RSS)",
    buurtTitle: "Nieuwe meldingen in {name} (RSS)",
    themeTitle: "Nieuwe meldingen over {name} (RSS)",
    issueTitle: "Updates over deze melding (RSS)",
  },
  page: {
    title: "Open data en API",
    intro:
      "Alle openbare meldingen van Buurt Bestuurt zijn ook als open data te gebruiken. Je kunt ze volgen met een feedlezer, of ze met een eigen programma ophalen. Je hebt daarvoor geen account nodig.",
    whatTitle: "Wat kun je ophalen?",
    whatText:
      "Je krijgt alleen openbare meldingen en openbare berichten van partners. Verborgen meldingen, gegevens van melders en interne notities zitten er nooit in.",
    feedsTitle: "Volgen met een feedlezer (RSS)",
    feedsText:
      "Met een feedlezer zie je nieuwe meldingen zodra ze er zijn. Elke feed toont de 50 nieuwste berichten. Plak het adres van de feed in je feedlezer.",
    feedAll: "Alle nieuwe meldingen in Blerick",
    feedBuurt: "Nieuwe meldingen in één buurt: vervang de buurtcode (bijvoorbeeld BU09832402)",
    feedTheme: "Nieuwe meldingen over één thema: vervang de themacode (bijvoorbeeld afval)",
    feedIssue: "Updates over één melding: vervang het nummer van de melding",
    feedsOnPages: "Op de kaart en op de pagina van een melding vindt je feedlezer de feed ook zelf.",
    buurtCodes: "De buurtcodes en themacodes staan in de filters op de kaart, en in het adres als je filtert.",
    jsonTitle: "Ophalen met een programma (JSON)",
    jsonText:
      "Deze adressen geven JSON of GeoJSON terug. Hieronder staan voorbeelden met curl. Bij een fout krijg je status 400 en een bericht in het Nederlands dat zegt wat je moet veranderen.",
    exampleIssues:
      "Meldingen en clusters in een deel van de kaart (bbox = west,zuid,oost,noord; zoom 0 tot en met 22):",
    exampleBuurten: "De grenzen van de 32 buurten in Blerick:",
    exampleFeed: "De nieuwste meldingen over afval als RSS:",
    openApiText: "Alle adressen, parameters en antwoorden staan precies beschreven in het",
    openApiLink: "OpenAPI-document (JSON)",
    open311Title: "Open311",
    open311Text:
      "Apps die Open311 GeoReport v2 spreken, kunnen meldingen lezen en (met een sleutel) nieuwe meldingen sturen onder /open311. Begin bij",
    limitsTitle: "Hoe vaak mag je iets ophalen?",
    limitsText:
      "Je mag {limit} verzoeken per minuut doen, voor de API's onder /api en de feeds samen. Dat geldt per internetadres, en per sleutel (api_key) als je die meestuurt. Doe je meer, dan krijg je status 429. De header Retry-After zegt na hoeveel seconden je het weer mag proberen.",
    limitsTip: "Tip: haal een feed hooguit één keer per 5 minuten op. Zo vaak veranderen de meldingen niet.",
    licenceTitle: "Licentie",
    licenceText:
      "Je mag de gegevens gebruiken en delen, ook voor een ander doel, als je de bron noemt: „Buurt Bestuurt, Blerick”. Dat is de licentie CC BY 4.0. De buurtgrenzen komen van CBS en Kadaster (Wijk- en buurtkaart, CC BY 4.0).",
    licenceLink: "Lees de licentie CC BY 4.0",
  },
};
