"""Finnish and Swedish text of the network's own work for the large data set.

Sentences are put together from phrases of the domain (every phrase already in the
case its place in the sentence needs), so that search and the pages are measured on
real language with a realistic vocabulary, not on lorem ipsum. Everything is drawn
from the ``random.Random`` it is given: the same seed gives the same text.
"""

from __future__ import annotations

import random

# --- Finnish ------------------------------------------------------------------------------------

FI_ACTORS = [
    "Pelastuslaitos",
    "Työryhmä",
    "Hallitus",
    "Verkoston sihteeristö",
    "Ensihoidon palvelualue",
    "Pelastusjohtajien kokous",
    "Valmisteluryhmä",
    "Onnettomuuksien ehkäisyn palvelualue",
    "Tukipalvelujen palvelualue",
    "Varautumisen palvelualue",
    "Pelastustoiminnan palvelualue",
    "Hyvinvointialueen valmistelija",
]
FI_VERBS = [
    "valmistelee",
    "päivittää",
    "arvioi",
    "hyväksyi",
    "esittää",
    "käsitteli",
    "viimeistelee",
    "kommentoi",
    "selvittää",
    "yhtenäistää",
    "kokoaa",
    "tarkentaa",
]
FI_OBJECTS = [
    "yhteisen valvontasuunnitelman",
    "riskianalyysin päivityksen",
    "ensihoidon palvelutasopäätöksen",
    "valmiussuunnitelman",
    "henkilöstösiirtojen periaatteet",
    "ICT-palvelujen siirtosuunnitelman",
    "kalustohankintojen yhteishankinnan",
    "rahoitusmallin laskelmat",
    "lausunnon hallituksen esityksestä",
    "palotarkastusten yhtenäiset ohjeet",
    "pelastustoimen palvelutason arvion",
    "koulutussuunnitelman",
    "toimitilojen vuokrasopimukset",
    "väestönsuojelun suunnitelman",
    "harjoitussuunnitelman",
    "öljyntorjunnan valmiussuunnitelman",
    "sopimuspalokuntien sopimukset",
    "hätäkeskusyhteistyön toimintamallin",
    "tietojärjestelmien yhteensopivuuden selvityksen",
    "häiriötilanteiden johtamismallin",
]
FI_TIMES = [
    "vuoden loppuun mennessä",
    "syyskuun kokoukseen",
    "ennen lausuntokierrosta",
    "kevään aikana",
    "ensi viikolla",
    "yhdessä hyvinvointialueiden kanssa",
    "alueellisen valmistelun tueksi",
    "seuraavaan hallituksen kokoukseen",
    "ministeriön aikataulun mukaisesti",
    "ennen siirtymäkauden alkua",
]
FI_TOPICS = [
    "Henkilöstösiirtojen",
    "Rahoituksen",
    "Ensihoidon",
    "Valvontatoiminnan",
    "Tietohallinnon",
    "Toimitilojen",
    "Varautumisen",
    "Kalustohankintojen",
    "Koulutuksen",
    "Viestinnän",
    "Palvelutason",
    "Sopimuspalokuntien",
]
FI_STATES = [
    "työ etenee aikataulussa",
    "valmistelu on viivästynyt lausuntojen vuoksi",
    "tarvitaan lisää resursseja",
    "ensimmäinen luonnos on valmis kommentoitavaksi",
    "odotetaan ministeriön linjauksia",
    "yhteinen malli on hyväksytty kaikissa pelastuslaitoksissa",
    "riskinä on henkilöstön saatavuus",
    "aikataulu on tiukka mutta realistinen",
]
FI_CLAUSES = [
    "rahoitusmalli ei vielä huomioi pelastustoimen erityispiirteitä",
    "ensihoidon ja pelastustoimen yhteistyö vaatii yhteiset käytännöt",
    "tietojärjestelmien yhteensopivuus on varmistettava ennen siirtoa",
    "pelastuslaitosten palvelutaso ei saa heiketä uudistuksen aikana",
    "henkilöstön asema on turvattava siirtymässä",
    "harvaan asutuilla alueilla toimintavalmiusajat ovat pidempiä",
    "sopimuspalokuntien merkitys korostuu maaseudulla",
    "valvontasuunnitelman riskiperusteisuus parantaa kohdentamista",
    "yhteishankinnat tuovat säästöjä kalustossa",
    "varautumisen yhteistyö hyvinvointialueiden kanssa on aloitettava ajoissa",
    "kuntien vastuulla olevat tehtävät on kartoitettava",
    "lausunnossa korostetaan alueellisia eroja",
]
FI_DECISIONS = [
    "Hyväksyttiin esityksen mukaisesti.",
    "Merkittiin tiedoksi.",
    "Palautettiin valmisteluun.",
    "Hyväksyttiin muutetussa muodossa.",
    "Päätettiin jatkaa valmistelua työryhmässä.",
    "Asia jätettiin pöydälle seuraavaan kokoukseen.",
]
FI_TITLE_HEADS = [
    "Valvontasuunnitelman päivitys",
    "Ensihoidon palvelutasopäätös",
    "Henkilöstösiirtojen periaatteet",
    "Rahoitusmallin vaikutukset pelastustoimeen",
    "Lausunto hallituksen esityksestä",
    "Yhteinen riskianalyysi",
    "Kalustohankintojen yhteishankinta",
    "Valmiussuunnitelman harjoitus",
    "ICT-palvelujen siirto",
    "Palotarkastusten yhtenäistäminen",
    "Toimitilojen vuokrasopimukset",
    "Koulutussuunnitelma",
    "Väestönsuojelun kehittäminen",
    "Sopimuspalokuntien sopimukset",
    "Häiriötilanteiden johtaminen",
    "Öljyntorjunnan valmius",
    "Hätäkeskusyhteistyö",
    "Palvelutason arviointi",
    "Talousarvion seuranta",
    "Viestinnän yhteiset linjaukset",
]
FI_TITLE_TAILS = [
    "",
    "– tilannekatsaus",
    "– luonnos",
    "– päätösesitys",
    "– jatkovalmistelu",
    "– kommentointi",
    "alueilla",
    "siirtymäkaudella",
]
FI_FIRST = [
    "Jari", "Päivi", "Tiina", "Markku", "Heikki", "Minna", "Kari", "Jussi", "Satu",
    "Pekka", "Anne", "Timo", "Hannu", "Marja", "Esa", "Riitta", "Ville", "Arto",
    "Janne", "Kaisa", "Sanna", "Jukka", "Laura", "Mikko", "Sari", "Petri", "Tuula",
    "Juha", "Katja", "Antti", "Eija", "Matti", "Outi", "Harri", "Leena", "Tero",
]  # fmt: skip
FI_LAST = [
    "Honkanen", "Korhonen", "Laaksonen", "Aaltonen", "Rantanen", "Virtanen", "Lehtonen",
    "Koskinen", "Hämäläinen", "Savolainen", "Miettinen", "Turunen", "Nieminen", "Hautala",
    "Kangas", "Karjalainen", "Heikkinen", "Rovanperä", "Mäkinen", "Lahtinen", "Mäkelä",
    "Salonen", "Heikkilä", "Niemi", "Järvinen", "Lehtinen", "Salminen", "Laine",
    "Kinnunen", "Ahonen", "Pitkänen", "Hiltunen", "Leinonen", "Mattila", "Räsänen",
]  # fmt: skip
FI_TITLES = [
    "Palomestari",
    "Palopäällikkö",
    "Riskienhallintapäällikkö",
    "Ensihoitopäällikkö",
    "Valmiussuunnittelija",
    "Palotarkastaja",
    "Kehittämispäällikkö",
    "Hallintopäällikkö",
    "Koulutussuunnittelija",
    "Viestintäsuunnittelija",
]

# --- Swedish ------------------------------------------------------------------------------------

SV_ACTORS = [
    "Räddningsverket",
    "Arbetsgruppen",
    "Styrelsen",
    "Nätverkets sekretariat",
    "Serviceområdet för prehospital akutsjukvård",
    "Räddningsdirektörernas möte",
    "Beredningsgruppen",
]
SV_VERBS = [
    "förbereder",
    "uppdaterar",
    "bedömer",
    "godkände",
    "föreslår",
    "behandlade",
    "slutför",
    "utreder",
]
SV_OBJECTS = [
    "en gemensam tillsynsplan",
    "riskanalysens uppdatering",
    "beslutet om servicenivån",
    "beredskapsplanen",
    "principerna för personalöverföringar",
    "planen för överföring av IKT-tjänster",
    "en gemensam upphandling av materiel",
    "finansieringsmodellens kalkyler",
    "ett utlåtande om regeringens proposition",
    "enhetliga anvisningar för brandsyn",
    "utbildningsplanen",
    "hyresavtalen för lokalerna",
]
SV_TIMES = [
    "före årsskiftet",
    "till septembermötet",
    "före remissrundan",
    "under våren",
    "tillsammans med välfärdsområdena",
    "enligt ministeriets tidtabell",
]
SV_CLAUSES = [
    "finansieringsmodellen beaktar inte räddningsväsendets särdrag",
    "servicenivån får inte försämras under reformen",
    "personalens ställning ska tryggas vid överföringen",
    "avtalsbrandkårerna är viktiga på landsbygden",
    "informationssystemens kompatibilitet måste säkerställas",
    "samarbetet med nödcentralen ska utvecklas",
]
SV_FIRST = ["Erik", "Mikael", "Johan", "Ulla", "Anna-Lena", "Henrik", "Karin", "Mats", "Linda"]
SV_LAST = ["Lindholm", "Nyberg", "Sundqvist", "Backman", "Fors", "Holmström", "Ek", "Björklund"]


class Text:
    """Draws realistic sentences, paragraphs and titles from one random generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def fi_sentence(self) -> str:
        choice = self.rng.choice
        form = self.rng.randrange(4)
        if form == 0:
            return (
                f"{choice(FI_ACTORS)} {choice(FI_VERBS)} {choice(FI_OBJECTS)} {choice(FI_TIMES)}."
            )
        if form == 1:
            return f"{choice(FI_TOPICS)} osalta {choice(FI_STATES)}."
        if form == 2:
            return f"Keskustelussa todettiin, että {choice(FI_CLAUSES)}."
        return f"{choice(FI_ACTORS)} muistuttaa, että {choice(FI_CLAUSES)}."

    def fi(self, sentences: int = 3) -> str:
        return " ".join(self.fi_sentence() for _ in range(sentences))

    def fi_paragraphs(self, paragraphs: int = 2, sentences: int = 3) -> str:
        return "\n\n".join(self.fi(sentences) for _ in range(paragraphs))

    def fi_title(self) -> str:
        head = self.rng.choice(FI_TITLE_HEADS)
        tail = self.rng.choice(FI_TITLE_TAILS)
        return f"{head} {tail}".strip()

    def fi_decision(self) -> str:
        return self.rng.choice(FI_DECISIONS)

    def sv_sentence(self) -> str:
        choice = self.rng.choice
        if self.rng.random() < 0.5:
            return (
                f"{choice(SV_ACTORS)} {choice(SV_VERBS)} {choice(SV_OBJECTS)} {choice(SV_TIMES)}."
            )
        return f"Under diskussionen konstaterades att {choice(SV_CLAUSES)}."

    def sv(self, sentences: int = 3) -> str:
        return " ".join(self.sv_sentence() for _ in range(sentences))

    def person_name(self, swedish: bool = False) -> tuple[str, str]:
        if swedish:
            return self.rng.choice(SV_FIRST), self.rng.choice(SV_LAST)
        return self.rng.choice(FI_FIRST), self.rng.choice(FI_LAST)

    def job_title(self) -> str:
        return self.rng.choice(FI_TITLES)
