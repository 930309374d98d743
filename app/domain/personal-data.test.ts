import { describe, expect, test } from "vitest";
import { z } from "zod";
import { findPersonalData, personalDataMessage, withoutPersonalData } from "./personal-data";

const kinds = (text: string) => findPersonalData(text).map((match) => match.kind);
const texts = (text: string) => findPersonalData(text).map((match) => match.text);

describe("email addresses", () => {
  test.each([
    "Mail me op anouk.kessenbroek@example.test als je meer weet.",
    "contact: Bram_Maasveldt+buurt@mail.voorbeeld.nl",
    "mijn mail is noor (at) voorbeeld.nl",
    "mijn mail is noor[at]voorbeeld.nl",
    "E-MAIL: INFO@BUURT.NL",
  ])("%s", (text) => {
    expect(kinds(text)).toEqual(["email"]);
  });

  test("the whole address is named", () => {
    expect(texts("Stuur naar lotte.ter.venlaer@voorbeeld.nl, graag.")).toEqual(["lotte.ter.venlaer@voorbeeld.nl"]);
  });

  test.each(["Volg @gemeentevenlo", "Het kost 5 @ stuk", "bij de Jumbo @ Blerick"])("not an address: %s", (text) => {
    expect(kinds(text)).toEqual([]);
  });
});

describe("phone numbers", () => {
  test.each([
    ["Bel me: 06-12345678", "06-12345678"],
    ["Bel 0612345678 na zes uur", "0612345678"],
    ["06 12345678", "06 12345678"],
    ["06 1234 5678", "06 1234 5678"],
    ["06-12 34 56 78.", "06-12 34 56 78"],
    ["+31 6 12345678", "+31 6 12345678"],
    ["+31612345678", "+31612345678"],
    ["+31 (0)6 12345678", "+31 (0)6 12345678"],
    ["0031 6 1234 5678", "0031 6 1234 5678"],
    ["Vaste lijn 077 123 4567", "077 123 4567"],
    ["077-1234567", "077-1234567"],
    ["0771234567", "0771234567"],
    ["(077) 123 45 67", "(077) 123 45 67"],
    ["020-1234567", "020-1234567"],
    ["Bel 0475 123456 (Roermond)", "0475 123456"],
    ["+31 77 123 4567", "+31 77 123 4567"],
    ["+31 (0)77-1234567", "+31 (0)77-1234567"],
    ["tel:0612345678", "0612345678"],
    ["Tel.: 06.12.34.56.78", "06.12.34.56.78"],
  ])("%s", (text, expected) => {
    expect(findPersonalData(text)).toEqual([expect.objectContaining({ kind: "phone", text: expected })]);
  });

  test("two numbers in one text", () => {
    expect(texts("Bel 06-12345678 of 077 123 4567.")).toEqual(["06-12345678", "077 123 4567"]);
  });

  test.each([
    "Dit speelt al sinds 2019, en in 2023 en 2024 werd het erger.",
    "De reparatie kost € 1.250,00 of 0,50 per tegel.",
    "Zie ook melding 12345 en melding #0123456789.",
    "Om 14:30 en om 07.30 uur staat de straat vol.",
    "Op 01-02-2024 14:30 en op 06-03-2024 14.30 was het weer raak.",
    "Op 01-02-2024 14 uur stond er water.",
    "Van 12/03/2024 tot 15/04/2024.",
    "Buurtcode BU09832402 hoort bij Vossener-Noord.",
    "IBAN NL91ABNA0417164300 van de buurtvereniging.",
    "Politie niet-spoed: 0900-8844, gemeente: 14 077.",
    "Er staan 0 bankjes en 12 lantaarnpalen.",
    "Een getal als 061234567 is te kort.",
    "En 061234567890 is te lang.",
    "Coördinaten 51.3702, 6.1505",
    "Versie 0.12.345.6789 van de app",
    "Kenteken 06-XYZ-1 stond er al dagen.",
  ])("no phone number: %s", (text) => {
    expect(kinds(text)).toEqual([]);
  });
});

describe("postcode with house number", () => {
  test.each([
    ["Ik woon op 5912 AB 12", "5912 AB 12"],
    ["5912AB 12a", "5912AB 12a"],
    ["5912ab 12", "5912ab 12"],
    ["5912 ab 12", "5912 ab 12"],
    ["postcode 5912 AB, nr. 12", "5912 AB, nr. 12"],
    ["5912 AB 12-3", "5912 AB 12-3"],
    ["Kerkstraat 12, 5912 AB Blerick", "12, 5912 AB"],
    ["Kerkstraat 12a 5912AB Venlo", "12a 5912AB"],
  ])("%s", (text, expected) => {
    expect(findPersonalData(text)).toEqual([expect.objectContaining({ kind: "address", text: expected })]);
  });

  test.each([
    "De postcode 5912 AB hoort bij Blerick.",
    "Op de hoek van de Kerkstraat 12 staat een bankje.",
    "In 2024 op 12 maart was het druk.",
    "Tussen 1990 en 2000 stonden hier 3 bomen.",
    "Er reden 1500 km 3 bussen.",
    "Het kost 2500 en 12 euro.",
    "Dat was in 2023 om 12:30.",
  ])("no address: %s", (text) => {
    expect(kinds(text)).toEqual([]);
  });
});

test("everything in one text, in reading order", () => {
  expect(kinds("Bel 06-12345678, mail a@voorbeeld.nl of kom langs op 5912 AB 12.")).toEqual([
    "phone",
    "email",
    "address",
  ]);
});

test("digits inside an email address are no phone number", () => {
  expect(kinds("piet0612345678@voorbeeld.nl")).toEqual(["email"]);
});

describe("personalDataMessage", () => {
  test("nothing found", () => {
    expect(personalDataMessage([])).toBeNull();
  });

  test("one finding names it and says why", () => {
    expect(personalDataMessage(findPersonalData("Bel 06-12345678"))).toBe(
      "Er staat een telefoonnummer in je tekst: 06-12345678. Haal het weg: iedereen kan dit lezen.",
    );
  });

  test("several findings", () => {
    expect(personalDataMessage(findPersonalData("06-12345678 of 077-1234567, of a@voorbeeld.nl"))).toBe(
      "Er staan een e-mailadres en telefoonnummers in je tekst: 06-12345678, 077-1234567, a@voorbeeld.nl. Haal ze weg: iedereen kan dit lezen.",
    );
    expect(personalDataMessage(findPersonalData("Mail a@voorbeeld.nl, woon 5912 AB 1"))).toBe(
      "Er staan een e-mailadres en een adres (postcode en huisnummer) in je tekst: a@voorbeeld.nl, 5912 AB 1. Haal ze weg: iedereen kan dit lezen.",
    );
  });
});

describe("withoutPersonalData", () => {
  const schema = z.object({ body: withoutPersonalData(z.string().trim().min(1)) });

  test("ordinary text passes", () => {
    expect(schema.safeParse({ body: "  Losse tegel bij huisnummer 12, al sinds 2023.  " })).toEqual({
      success: true,
      data: { body: "Losse tegel bij huisnummer 12, al sinds 2023." },
    });
  });

  test("personal data fails on the field with the Dutch message", () => {
    const result = schema.safeParse({ body: "Bel 06-12345678" });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ["body"],
        message: "Er staat een telefoonnummer in je tekst: 06-12345678. Haal het weg: iedereen kan dit lezen.",
      }),
    ]);
  });
});
