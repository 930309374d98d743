/** Privacy (AVG): the privacy page, downloading your data, deleting your account, personal data in text. */
export const privacy = {
  footerLink: "Privacy",
  formHint: "Wat we met je gegevens doen, lees je in de",
  formHintLink: "privacyverklaring",
  page: {
    title: "Privacy: wat we met je gegevens doen",
    intro:
      "Buurt Bestuurt is de plek waar bewoners en partners in Blerick samen werken aan de buurt. Daarvoor bewaren we zo min mogelijk over jou. Hier lees je wat we bewaren, waarom, hoe lang en wie het ziet.",
    updated: "Deze uitleg hoort bij de AVG (de Europese privacywet).",
    contents: "Op deze pagina",
    storedTitle: "Wat bewaren we?",
    stored: {
      account:
        "Je account: je naam, je e-mailadres, je wachtwoord (versleuteld, niemand kan het lezen) en, als je die kiest, je buurt.",
      issues:
        "Je meldingen: titel, beschrijving, plek op de kaart, thema en foto's. Meld je zonder account? Dan bewaren we je e-mailadres voor de bevestigingslink.",
      activity: "Wat je doet: welke meldingen je steunt en volgt, je reacties, en meldingen die je als ongepast meldt.",
      messages: "Berichten aan jou: berichten in je account en de e-mails die we je sturen.",
      alerts: "E-mailattenties: je e-mailadres en waarover je mail wilt krijgen.",
      sessions:
        "Inloggen: wanneer je bent ingelogd en tot wanneer. Je wachtwoord en de inlogcode zelf bewaren we niet leesbaar.",
      partners:
        "Meldingen uit andere systemen (bijvoorbeeld van de gemeente) kunnen naam, e-mailadres en telefoonnummer van de melder bevatten.",
    },
    whyTitle: "Waarom?",
    why: "We gebruiken je gegevens alleen om meldingen te behandelen, je op de hoogte te houden en misbruik te voorkomen. We verkopen niets en we delen niets met adverteerders. Grondslag: het algemeen belang van een leefbare buurt, en je toestemming voor e-mailattenties.",
    whoTitle: "Wie ziet wat?",
    who: {
      everyone:
        "Iedereen: je melding (titel, beschrijving, plek, foto), je reacties, en je voornaam met je buurt. Nooit je e-mailadres. Hoeveel mensen een melding steunen is openbaar, wie dat zijn niet.",
      partners:
        "Partners (bijvoorbeeld gemeente, woningcorporatie of welzijn): je naam bij je melding, zodat ze de melding kunnen behandelen. Bij meldingen uit andere systemen ook e-mailadres en telefoonnummer.",
      steering:
        "De stuurgroep: overzichten en aantallen. Bewoners in de stuurgroep staan alleen met naam op de site als ze daar zelf voor kiezen.",
      admins:
        "Beheerders: je account (naam, e-mailadres, rollen). Zij passen rollen aan en verbergen berichten die niet kunnen.",
    },
    keepTitle: "Hoe lang bewaren we het?",
    keep: {
      account: "Je account blijft bestaan tot je het zelf verwijdert.",
      closed:
        "Is je melding {months} maanden afgesloten (opgelost of gesloten)? Dan halen we je naam en contactgegevens van de melding af. De melding zelf blijft staan voor de buurt.",
      sessions: "Inloggen: 30 dagen, daarna moet je opnieuw inloggen.",
      unconfirmed:
        "Een melding of attentie die je niet bevestigt, wissen we na 7 dagen. Een link om je wachtwoord te herstellen werkt 1 uur.",
    },
    rightsTitle: "Jouw rechten",
    rights: {
      access:
        "Inzien en downloaden: op je accountpagina download je alles wat we over jou bewaren, in één bestand (JSON).",
      delete:
        "Verwijderen: op je accountpagina verwijder je je account. Je meldingen, reacties en steun blijven zonder je naam staan, zodat de buurt ze blijft zien.",
      correct: "Aanpassen of bezwaar maken: stuur ons een e-mail.",
      complaint:
        "Niet tevreden? Je kunt een klacht indienen bij de Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl).",
    },
    accountLink: "Naar je accountpagina",
    cookiesTitle: "Cookies en andere websites",
    cookies: {
      session: "We gebruiken alleen cookies die nodig zijn: bb_session houdt je ingelogd.",
      toast:
        "bb_toast laat één keer een bevestiging zien, zoals 'Je bent ingelogd', en verdwijnt daarna meteen. Dat is een functioneel cookie.",
      none: "Geen cookies van anderen, geen advertenties en geen programma's die meten wat je doet.",
      map: "Alleen de kaart komt van een andere website: de kaartplaatjes komen van {host}. Die website ziet je IP-adres, net als bij elke website die je bezoekt. De beheerder kan een andere kaart instellen.",
    },
    contactTitle: "Contact",
    contact:
      "Vragen over je gegevens? Mail naar privacy@buurtbestuurt.test. We antwoorden binnen 4 weken. (Dit is een demo: het adres is verzonnen.)",
  },
  account: {
    title: "Je gegevens",
    intro: "Download alles wat we over jou bewaren, of verwijder je account.",
    download: "Mijn gegevens downloaden",
    downloadHint: "Eén bestand (JSON) met je account, meldingen, reacties, steun en berichten.",
    delete: "Account verwijderen",
    privacyLink: "Lees wat we met je gegevens doen",
  },
  delete: {
    title: "Account verwijderen",
    intro: "Weet je het zeker? Dit kun je niet ongedaan maken.",
    whatHappens: "Wat er gebeurt",
    gone: "Je naam, e-mailadres, wachtwoord, berichten, attenties en wat je volgt worden gewist.",
    stays:
      "Je meldingen en reacties blijven staan voor de buurt, maar zonder je naam. Je steun blijft meetellen, zonder dat iemand ziet dat het van jou was.",
    roles: "Werk je voor een partner of zit je in de stuurgroep? Dan stop je daar ook mee op Buurt Bestuurt.",
    logout: "Je wordt op al je apparaten uitgelogd.",
    exportFirst: "Wil je eerst een kopie?",
    exportLink: "Download dan eerst je gegevens",
    password: "Je wachtwoord",
    passwordHint: "Zo weten we zeker dat jij het bent.",
    confirm: "Typ VERWIJDEREN",
    confirmHint: "In hoofdletters.",
    confirmWord: "VERWIJDEREN",
    submit: "Mijn account verwijderen",
    cancel: "Terug naar je account",
    done: "Je account is verwijderd. Bedankt voor je hulp aan de buurt.",
  },
  validation: {
    passwordRequired: "Vul je wachtwoord in.",
    wrongPassword: "Dit wachtwoord klopt niet. Probeer het opnieuw.",
    confirmRequired: "Typ VERWIJDEREN om te laten zien dat je het zeker weet.",
    tooMany: "Je hebt het te vaak geprobeerd. Wacht een kwartier en probeer het dan opnieuw.",
  },
  personalData: {
    foundOne: "Er staat {what} in je tekst: {examples}. Haal het weg: iedereen kan dit lezen.",
    foundMany: "Er staan {what} in je tekst: {examples}. Haal ze weg: iedereen kan dit lezen.",
    and: "en",
    one: {
      email: "een e-mailadres",
      phone: "een telefoonnummer",
      address: "een adres (postcode en huisnummer)",
    },
    many: {
      email: "e-mailadressen",
      phone: "telefoonnummers",
      address: "adressen (postcode en huisnummer)",
    },
  },
  settings: {
    reporterRetentionMonths: "Naam van de melder wissen na afsluiten, in maanden",
    reporterRetentionMonthsHint:
      "Zo lang na 'opgelost' of 'gesloten' halen we naam en contactgegevens van de melder van de melding af. De melding blijft staan.",
  },
  export: {
    explanation:
      "Alles wat Buurt Bestuurt over jou bewaart. Wachtwoorden en inlogcodes staan er niet in: die bewaren we alleen onleesbaar.",
  },
};
