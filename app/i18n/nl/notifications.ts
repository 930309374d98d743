export const notifications = {
  /** Titles of in-app notifications and mail subjects, per kind of update and per recipient. */
  kind: {
    triaged: {
      reporter: "Je melding is beoordeeld",
      follower: "Een melding die je volgt is beoordeeld",
    },
    status_changed: {
      reporter: "Status gewijzigd: {status}",
      follower: "Status gewijzigd: {status}",
    },
    status_changed_unknown: {
      reporter: "De status van je melding is gewijzigd",
      follower: "De status van een melding die je volgt is gewijzigd",
    },
    public_update: {
      reporter: "Nieuw bericht over je melding",
      follower: "Nieuw bericht over een melding die je volgt",
    },
    owner_changed: {
      reporter: "Een andere partner pakt je melding op",
      follower: "Een andere partner pakt een melding op die je volgt",
    },
    merged: {
      reporter: "Je melding is samengevoegd met een andere melding",
      follower: "Een melding die je volgt is samengevoegd met een andere melding",
    },
    decision: {
      reporter: "De stuurgroep heeft een besluit genomen over je melding",
      follower: "De stuurgroep heeft een besluit genomen over een melding die je volgt",
    },
  },
  list: {
    title: "Berichten",
    intro: "Hier zie je wat er is veranderd aan je eigen meldingen en aan meldingen die je volgt.",
    empty: "Je hebt nog geen berichten. Volg een melding om op de hoogte te blijven.",
    unreadCount: "{count} ongelezen",
    unreadCountOne: "1 ongelezen",
    unread: "Nieuw",
    markAllRead: "Alles gelezen",
    allRead: "Alle berichten staan op gelezen.",
    aboutIssue: "Over melding: {title}",
    open: "Bekijk de melding",
    openLabel: "Bekijk de melding: {title}",
    issueGone: "Deze melding is niet meer te zien.",
    received: "Ontvangen op",
    emailOff: "Je krijgt geen e-mail van ons. Berichten zie je alleen hier.",
  },
  follow: {
    button: "Volgen",
    following: "Je volgt deze melding",
    followingState: "Je volgt deze melding. Druk nog eens op Volgen om te stoppen.",
    unfollow: "Niet meer volgen",
    loginToFollow: "Log in om deze melding te volgen",
    hint: "Je krijgt een bericht als er iets verandert.",
    tooMany: "Je volgt erg veel meldingen achter elkaar. Wacht een minuut.",
    unknownAction: "Onbekende actie.",
    followed: "Je volgt deze melding. Je krijgt een bericht als er iets verandert.",
    unfollowed: "Je volgt deze melding niet meer.",
  },
};
