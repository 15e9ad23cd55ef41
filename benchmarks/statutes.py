"""Statute text for the benchmarks, generated from a seed: long codes, small bills and single-line pastes.

The text follows the drafting the bundled corpora use: Parts or Chapters, numbered sections or Articles with
headings, subsections and lettered paragraphs, definition lists ("“child” means …;"), offences built from
act, means and purpose, penalty clauses with maxima and aggravating circumstances, victim protection,
smuggling offences, enforcement powers, licensing and institutional provisions. Five numbering traditions
(Commonwealth, Westminster, civil-law Articles, US Code sections and penal-code "Whoever" sections) and
optional hard line wrapping, as in text taken from a printed Act. Every provision is assembled from
alternatives and numbers drawn from the random generator, so a long text keeps a realistic vocabulary
instead of repeating a few bills (repetition would flatter spaCy's tokenizer cache). Wordings that
lexcheck should flag (a child defined as under sixteen, a fine instead of imprisonment, detention of
victims, a smuggling offence without a benefit element, ...) occur at a steady rate, so judging has real
work to do.

The same seed always gives the same text.
"""

from __future__ import annotations

import random
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field

STYLES = ("commonwealth", "westminster", "civil", "us", "penal")


@dataclass
class Para:
    """A subsection or paragraph: its text, the list it leads into, and the words after that list."""

    text: str
    items: list[Para] = field(default_factory=list)
    tail: str = ""


@dataclass
class Section:
    """A section (or Article) before numbering: heading and subsections (one subsection: no number)."""

    heading: str
    paras: list[Para]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _a(word: str) -> str:
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"


def _roman(number: int) -> str:
    numerals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = []
    for value, letters in numerals:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def _letters(index: int, upper: bool = False) -> str:
    """a, b, …, z, aa, ab, … (index from 0)."""
    label = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        label = chr(ord("a") + rest) + label
    return label.upper() if upper else label


_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
          "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]
_TENS = {20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy", 80: "eighty", 90: "ninety"}


def _in_words(number: int) -> str:
    if number <= 20:
        return _WORDS[number - 1]
    tens, units = divmod(number, 10)
    return _TENS[tens * 10] + (f"-{_WORDS[units - 1]}" if units else "")


STATES = ["Ostravia", "Kelmar", "Valdoria", "Sarnia", "Brenmark", "Tessaly", "Quorin", "Adrana", "Morvala",
          "Lusitra", "Pelland", "Corvessa"]
AUTHORITIES = ["the Minister", "the Director of Public Prosecutions", "the Commissioner of Police",
               "the National Coordinator", "the Director-General of Immigration", "the Labour Commissioner",
               "the Registrar", "the Permanent Secretary", "the Director of Social Welfare", "the Authority"]
BODIES = ["National Anti-Trafficking Council", "Inter-Agency Committee on Trafficking in Persons",
          "Task Force against Migrant Smuggling", "Victims Support Board", "Office of the Special Rapporteur",
          "Board of Recruitment Agencies", "National Referral Committee", "Border Coordination Unit"]
COURTS = ["the High Court", "a court of competent jurisdiction", "the Magistrate's Court", "the Tribunal",
          "the District Court", "the Court of Appeal"]
UNITS = ["dollars", "penalty units", "currency points", "marks", "crowns"]
PLACES = ["a shelter", "a place of safety", "a rehabilitation centre", "a registered home",
          "an approved facility", "a safe house"]
ADJECTIVES = ["authorised", "registered", "licensed", "designated", "approved", "prescribed", "competent",
              "responsible", "accredited", "specified", "recognised", "appointed", "certified", "qualified",
              "relevant", "protected", "temporary", "permanent", "foreign", "public", "private", "national",
              "local", "regional", "vulnerable", "assisted", "referred", "identified", "presumed", "returning"]
NOUNS = ["officer", "agency", "shelter", "inspector", "provider", "facility", "employer", "carrier", "vessel",
         "aircraft", "premises", "document", "register", "licence", "permit", "worker", "migrant", "witness",
         "guardian", "interpreter", "counsellor", "service", "programme", "centre", "authority", "body",
         "organisation", "association", "contractor", "recruiter", "intermediary", "sponsor", "household",
         "establishment", "operator", "port", "checkpoint", "conveyance", "record", "certificate", "fund",
         "plan", "scheme", "order", "notice", "application", "decision", "assessment", "statement"]
OBJECTS = ["the keeping of records", "the inspection of premises", "the issue of licences", "the payment of fees",
           "the form of applications", "the standards of care in shelters", "the training of officers",
           "the collection of data", "the referral of victims", "the conduct of age assessments",
           "the exchange of information with foreign authorities", "the registration of employers",
           "the appointment of guardians", "the procedure for appeals", "the management of the Fund",
           "the publication of annual reports", "the accreditation of service providers",
           "the supervision of recruitment agencies", "the procedure for the return of victims",
           "the protection of personal data"]


class Style:
    """How one drafting tradition numbers and lays out Parts, sections, subsections and lists."""

    def __init__(self, name: str, rng: random.Random):
        self.name = name
        self.rng = rng
        self.dash = rng.random() < 0.5 and name == "commonwealth"  # "3.—(1) A person …" instead of a heading line
        self.quote = rng.choice(["“”", '""']) if name != "us" else '""'
        self.part_word = {"civil": "Chapter", "penal": "Chapter", "us": "subchapter"}.get(name, "Part")
        self.first_section = 101 if name == "us" else rng.choice([1, 1, 1, 201, 370]) if name == "penal" else 1

    def term(self, word: str) -> str:
        return f"{self.quote[0]}{word}{self.quote[-1]}"

    def ref(self, number: int) -> str:
        if self.name == "civil":
            return f"Article {number}"
        return f"section {number}"

    def part(self, number: int, title: str) -> list[str]:
        if self.name == "commonwealth":
            return [f"PART {_roman(number)} — {title.upper()}"]
        if self.name == "westminster":
            return [f"PART {number}", title.upper()]
        if self.name == "civil":
            return [f"CHAPTER {_roman(number)}", title.upper()]
        if self.name == "us":
            return [f"SUBCHAPTER {_roman(number)}—{title.upper()}"]
        return [f"CHAPTER {_roman(number)}", f"OF {title.upper()}"]

    def labels(self, depth: int, index: int) -> str:
        if self.name == "us":
            return [f"({_letters(index)})", f"({index + 1})", f"({_letters(index, True)})", f"({_roman(index + 1).lower()})"][depth]
        if self.name == "civil" and depth == 1:
            return f"{index + 1})"
        return [f"({index + 1})", f"({_letters(index)})", f"({_roman(index + 1).lower()})", f"({_letters(index, True)})"][
            min(depth, 3)
        ]

    def section(self, number: int, section: Section) -> list[str]:
        paras = section.paras
        numbered = len(paras) > 1
        body = [self._para(p, 0, i if numbered else None) for i, p in enumerate(paras)]
        flat = [line for chunk in body for line in chunk]
        if self.name == "commonwealth":
            if self.dash and numbered:
                return [f"{number}.—{flat[0]}", *flat[1:]]
            return [f"{number}. {section.heading}.", *flat]
        if self.name == "westminster":
            return [f"{number} {section.heading}", *flat]
        if self.name == "civil":
            return [section.heading, f"Article {number}", *flat]
        if self.name == "us":
            return [f"§ {number}. {section.heading}", *flat]
        return [f"{number}. {section.heading}.—{flat[0]}", *flat[1:]]

    def _para(self, para: Para, depth: int, index: int | None) -> list[str]:
        label = self.labels(depth, index) + " " if index is not None else ""
        lines = [label + para.text]
        for i, item in enumerate(para.items):
            lines.extend(self._para(item, depth + 1, i))
        if para.tail:
            lines.append(para.tail)
        return lines


class Drafter:
    """Writes provisions for one bill: the drawing of words and numbers, and what the bill has defined."""

    def __init__(self, rng: random.Random, style: Style, state: str, act_name: str):
        self.rng = rng
        self.style = style
        self.state = state
        self.act_name = act_name
        self.number = style.first_section
        self.offences: list[int] = []
        self.unit = rng.choice(UNITS)
        self.subject = "Whoever" if style.name == "penal" else rng.choice(["A person who", "Any person who"])

    # --- words -----------------------------------------------------------------------------------------

    def pick(self, options: list[str]) -> str:
        return self.rng.choice(options)

    def some(self, options: list[str], low: int, high: int) -> list[str]:
        chosen = self.rng.sample(options, self.rng.randint(low, min(high, len(options))))
        return sorted(chosen, key=options.index)

    def years(self, low: int = 2, high: int = 25) -> str:
        """A term in years: "seven years", "15 years", "one year"."""
        value = self.rng.randint(low, high)
        number = _in_words(value) if self.rng.random() < 0.6 else str(value)
        return f"{number} year" if value == 1 else f"{number} years"

    def money(self) -> str:
        amount = self.rng.choice([1, 2, 5, 10, 20, 25, 50, 100, 200, 500]) * self.rng.choice([100, 1000])
        return f"{amount:,} {self.unit}"

    def ref_offence(self) -> str:
        return self.style.ref(self.rng.choice(self.offences)) if self.offences else "this Act"

    def where(self) -> str:
        return self.pick(["this Act", "this Part", "this Act", "any written law"])

    # --- provisions --------------------------------------------------------------------------------------

    def definitions(self, scope: str, core: bool) -> Section:
        q = self.style.term
        entries: list[Para] = []
        if core:
            age = "eighteen" if self.rng.random() < 0.9 else self.pick(["sixteen", "fifteen"])
            victim = "any natural person" if self.rng.random() < 0.9 else "a woman or child"
            entries += [
                Para(f"{q('child')} means a person under the age of {age} years;"),
                Para(f"{q('exploitation')} includes—", [
                    Para(item) for item in self.some([
                        "the exploitation of the prostitution of others or other forms of sexual exploitation;",
                        "forced labour or services, including debt bondage;",
                        "slavery or practices similar to slavery;",
                        "servitude, including domestic servitude;",
                        "the removal of organs;",
                        "forced marriage;",
                        "the use of a person in armed conflict;",
                        "forced begging or the exploitation of criminal activities;"], 3, 8)]),
                Para(f"{q('victim')} means {victim} who has been subjected to trafficking in persons;"),
                Para(f"{q('Minister')} means the Minister responsible for "
                     f"{self.pick(['home affairs', 'justice', 'immigration', 'labour', 'social welfare'])};"),
            ]
        for _ in range(self.rng.randint(2, 8)):
            term = f"{self.pick(ADJECTIVES)} {self.pick(NOUNS)}"
            meaning = self.pick([
                f"{_a(self.pick(NOUNS))} {self.pick(['kept', 'maintained', 'approved', 'designated'])} by {self.pick(AUTHORITIES)} under {self.style.ref(self.rng.randint(1, self.number + 5))}",
                f"any {self.pick(NOUNS)} or {self.pick(NOUNS)} used for {self.pick(OBJECTS)}",
                f"a person {self.pick(['appointed', 'designated', 'employed', 'engaged'])} by {self.pick(AUTHORITIES)} for {self.pick(OBJECTS)}",
                f"the {self.pick(NOUNS)} kept under {self.style.ref(self.rng.randint(1, self.number + 5))}",
            ])
            entries.append(Para(f"{q(term)} {self.pick(['means', 'means', 'includes'])} {meaning};"))
        entries.sort(key=lambda p: p.text.lstrip("“\"").lower())
        entries[-1].text = entries[-1].text.rstrip(";") + "."
        if self.style.name == "us":
            return Section("Definitions", [Para(f"For purposes of this {scope}—",
                                                [Para(f"The term {entry.text}", entry.items) for entry in entries])])
        return Section("Interpretation", [self._lead(f"In this {scope}, unless the context otherwise requires—", entries)])

    def _lead(self, text: str, entries: list[Para]) -> Para:
        """A list of definitions printed without labels (one per line), as most bills do."""
        return Para(text + "\n" + "\n".join(entry.text if not entry.items else entry.text + "\n" + "\n".join(
            f"({_letters(i)}) {item.text}" for i, item in enumerate(entry.items)) for entry in entries))

    def trafficking(self) -> Section:
        means = self.some([
            "the threat or use of force or other forms of coercion;",
            "abduction;",
            "fraud or deception;",
            "the abuse of power or of a position of vulnerability;",
            "the giving or receiving of payments or benefits to achieve the consent of a person having control over another person;",
            "the withholding of identity or travel documents;",
            "debt bondage;"], 2, 7)
        means[-1] = means[-1].rstrip(";") + ","
        if len(means) > 1:
            means[-2] = means[-2].rstrip(";") + "; or"
        acts = self.pick(["recruits, transports, transfers, harbours or receives",
                          "recruits, transports, transfers, harbours, provides or receives",
                          "recruits, transports, harbours or receives"])
        paras = [Para(f"{self.subject} {acts} another person by means of—", [Para(m) for m in means],
                      "for the purpose of exploitation, commits the offence of trafficking in persons.")]
        if self.rng.random() < 0.8:
            paras.append(Para("Where the person recruited, transported, transferred, harboured or received is a child, "
                              "the offence is committed whether or not any of the means set out in subsection (1) was used."
                              if self.rng.random() < 0.85 else
                              "Where the victim is a child, the offence is committed only if one of the means set out "
                              "in subsection (1) was used."))
        if self.rng.random() < 0.75:
            paras.append(Para("The consent of a victim to the intended exploitation is irrelevant where any of the "
                              "means set out in subsection (1) has been used."
                              if self.rng.random() < 0.85 else
                              "It shall be a defence to a charge under this section that the victim consented to the "
                              "acts alleged."))
        self.offences.append(self.number)
        return Section(self.pick(["Trafficking in persons", "Offence of trafficking in persons", "Human trafficking"]), paras)

    def smuggling(self) -> Section:
        benefit = self.rng.random() < 0.75
        verb = self.pick(["procures", "facilitates", "arranges", "organises or directs"])
        text = (f"{self.subject}{', in order to obtain, directly or indirectly, a financial or other material benefit,' if benefit else ''} "
                f"{verb} the unlawful entry into, or the unlawful transit through, {self.state} of a person who is not a "
                f"citizen or permanent resident of {self.state} commits the offence of smuggling of migrants.")
        paras = [Para(text)]
        if self.rng.random() < 0.5:
            paras.append(Para("Subsection (1) does not apply to a person who acts without the intention of obtaining a "
                              "financial or other material benefit, including a person who provides humanitarian "
                              f"assistance or a member of the family of the migrant{self.pick(['.', ', or a non-governmental organisation acting in good faith.'])}"))
        if self.rng.random() < 0.5:
            paras.append(Para(f"A migrant shall not become liable to prosecution under {self.where()} for the fact of "
                              "having been the object of conduct set out in subsection (1)."
                              if self.rng.random() < 0.8 else
                              f"A person who enters {self.state} in contravention of {self.where()} with the assistance "
                              f"of another person commits an offence and is liable on conviction to imprisonment for a term "
                              f"not exceeding {self.years(1, 5)}."))
        self.offences.append(self.number)
        return Section(self.pick(["Smuggling of migrants", "Offence of smuggling of migrants", "Migrant smuggling"]), paras)

    def penalty(self) -> Section:
        ref = self.ref_offence()
        roll = self.rng.random()
        if roll < 0.55:
            first = (f"A person who commits an offence under {ref} is liable on conviction "
                     f"{self.pick(['on indictment ', '', ''])}to imprisonment for a term not exceeding {self.years(8, 25)}"
                     f"{self.pick(['.', f' and to a fine not exceeding {self.money()}.', f', or to a fine not exceeding {self.money()}, or to both.'])}")
        elif roll < 0.8:
            first = (f"A person convicted of an offence under {ref} shall be punished with imprisonment for a term of "
                     f"not less than {self.years(2, 7)} but not more than {self.years(10, 25)}, and shall also "
                     f"be liable to a fine.")
        elif roll < 0.92:
            first = f"A person who commits an offence under {ref} is liable on conviction to a fine not exceeding {self.money()}."
        else:
            first = (f"A person who commits an offence under {ref} shall be liable to imprisonment for life"
                     f"{self.pick(['.', ', and to whipping of not more than six strokes.', ' or to be sentenced to death.'])}")
        circumstances = self.some([
            "the offence was committed against a child;",
            "the offender is a public official acting in the performance of official duties;",
            "the offence was committed by an organised criminal group;",
            "the offence endangered the life or safety of the victim;",
            "the offence resulted in the death of, or serious injury to, the victim;",
            "the victim was particularly vulnerable by reason of pregnancy, disability or age;",
            "the offender has a previous conviction for an offence under this Act;",
            "the offence involved the use of drugs, medication or weapons;"], 2, 6)
        circumstances[-1] = circumstances[-1].rstrip(";") + "."
        if len(circumstances) > 1:
            circumstances[-2] = circumstances[-2].rstrip(";") + "; or"
        paras = [Para(first)]
        if self.rng.random() < 0.7:
            paras.append(Para(f"The maximum term of imprisonment under subsection (1) shall be {self.years(15, 30)} where—",
                              [Para(c) for c in circumstances]))
        return Section(self.pick(["Penalties", "Penalty", "Punishment for offences", "Aggravated offences"]), paras)

    def non_punishment(self) -> Section:
        scope = self.pick(["any offence", "any offence", "an offence under the immigration laws",
                           "offences relating to prostitution or immigration"])
        duty = self.pick(["shall not be criminally liable", "shall not be prosecuted or punished",
                          "may, at the discretion of the prosecutor, not be prosecuted"])
        return Section(self.pick(["Non-punishment of victims", "Victims not liable", "Immunity of victims"]), [
            Para(f"A victim of trafficking in persons {duty} for {scope} committed as a direct consequence of having "
                 "been trafficked."),
            *([Para("Subsection (1) applies whether or not the victim was compelled to commit the offence.")]
              if self.rng.random() < 0.5 else []),
        ])

    def assistance(self) -> Section:
        who = self.pick(["every victim", "every victim and presumed victim",
                         "a victim who cooperates with the investigation and prosecution"])
        items = self.some([
            "appropriate and secure accommodation;",
            "medical and psychological assistance;",
            "material assistance and access to emergency medical treatment;",
            "counselling and information, in a language that the victim understands, on the victim's legal rights;",
            "legal assistance and representation free of charge;",
            "translation and interpretation services;",
            "access to education and training, including for children;",
            "assistance in finding employment;"], 3, 8)
        items[-1] = items[-1].rstrip(";") + "."
        if len(items) > 1:
            items[-2] = items[-2].rstrip(";") + "; and"
        paras = [Para(f"{_cap(self.pick(AUTHORITIES))} shall provide {who} with—", [Para(i) for i in items])]
        if self.rng.random() < 0.6:
            paras.append(Para("Assistance shall be provided on a consensual and informed basis, taking account of the age, "
                              "gender and special needs of the victim."))
        if self.rng.random() < 0.4:
            paras.append(Para(f"A victim may be {self.pick(['placed', 'accommodated', 'detained'])} in "
                              f"{self.pick([*PLACES, 'an immigration detention centre'])} "
                              f"{self.pick(['with the victim’s consent', 'for the purposes of the investigation', 'until the conclusion of the proceedings'])}."))
        return Section(self.pick(["Assistance to victims", "Protection and assistance", "Shelters and assistance"]), paras)

    def residence(self) -> Section:
        days = self.rng.choice([30, 45, 60, 90])
        first = (f"A victim who is not a citizen of {self.state} shall be granted a recovery and reflection period of "
                 f"not less than {days} days, during which no order for the victim's removal shall be enforced."
                 if self.rng.random() < 0.7 else
                 f"A victim who is not a citizen of {self.state} may be issued with a temporary residence permit where the "
                 "victim agrees to cooperate with the competent authorities.")
        paras = [Para(first)]
        if self.rng.random() < 0.6:
            paras.append(Para(f"The return of a victim to the victim's country of origin shall "
                              f"{self.pick(['preferably be voluntary and shall', ''])} be carried out with due regard for "
                              "the safety of the victim and the status of any legal proceedings."
                              .replace("shall  be", "shall be")))
        if self.rng.random() < 0.25:
            paras.append(Para(f"A victim who is unlawfully present in {self.state} shall be deported to the victim's "
                              "country of origin as soon as practicable."))
        return Section(self.pick(["Residence and return", "Temporary residence", "Repatriation of victims"]), paras)

    def compensation(self) -> Section:
        heads = self.some(["costs of medical and psychological treatment;", "loss of earnings;",
                           "costs of transport and temporary housing;", "emotional distress, pain and suffering;",
                           "legal fees and other costs;"], 2, 5)
        heads[-1] = heads[-1].rstrip(";") + "."
        return Section(self.pick(["Compensation", "Restitution to victims", "Compensation orders"]), [
            Para(f"The court {self.pick(['shall', 'may'])}, on convicting a person of an offence under {self.ref_offence()}, "
                 "order that person to pay compensation to the victim for—", [Para(h) for h in heads]),
            Para("An order under subsection (1) may be enforced as if it were a judgment in civil proceedings."),
        ])

    def confidentiality(self) -> Section:
        return Section(self.pick(["Confidentiality", "Protection of identity", "Privacy of proceedings"]), [
            Para("No person shall publish or broadcast any information that may lead to the identification of a "
                 "victim or a witness in proceedings for an offence under this Act."),
            Para(f"A person who contravenes subsection (1) commits an offence and is liable on conviction to a fine not "
                 f"exceeding {self.money()} or to imprisonment for a term not exceeding {self.years(1, 3)}."),
        ])

    def powers(self) -> Section:
        officer = self.pick(["An authorised officer", "A police officer", "An immigration officer", "A labour inspector"])
        actions = self.some(["enter and search any premises;", "stop, board and search any vehicle, vessel or aircraft;",
                             "seize any document or thing that may be evidence of an offence;",
                             "require any person to produce identity or travel documents;",
                             "arrest without warrant any person reasonably suspected of having committed an offence;"], 2, 5)
        actions[-1] = actions[-1].rstrip(";") + ","
        return Section(self.pick(["Powers of authorised officers", "Search and seizure", "Powers of entry"]), [
            Para(f"{officer} may, {self.pick(['without warrant', 'on the authority of a warrant issued by a magistrate'])}—",
                 [Para(a) for a in actions],
                 f"where the officer has reasonable grounds to believe that an offence under {self.where()} is being "
                 "or has been committed."),
            Para(f"A person who obstructs an officer in the exercise of a power under this section commits an offence and "
                 f"is liable on conviction to a fine not exceeding {self.money()}."),
        ])

    def detention(self) -> Section:
        period = self.rng.choice([14, 28, 30, 60, 90, 180])
        return Section(self.pick(["Detention pending removal", "Detention of migrants", "Custody of unlawful entrants"]), [
            Para(f"An immigration officer may detain a person who is reasonably suspected of being unlawfully present in "
                 f"{self.state} for a period not exceeding {period} days pending the person's removal."),
            *([Para("A detained person shall be informed without delay of the person's right to communicate with the "
                    "consular authorities of the person's State of nationality.")] if self.rng.random() < 0.5 else []),
            *([Para("No child shall be detained under this section.")] if self.rng.random() < 0.5 else []),
        ])

    def licensing(self) -> Section:
        business = self.pick(["a private employment agency", "a recruitment agency", "an overseas employment agency",
                              "a labour hire business"])
        grounds = self.some(["the holder has contravened a condition of the licence;",
                             "the holder has been convicted of an offence under this Act;",
                             "the licence was obtained by fraud or misrepresentation;",
                             "the holder has charged recruitment fees to workers;",
                             "the holder has ceased to carry on business;"], 2, 5)
        grounds[-1] = grounds[-1].rstrip(";") + "."
        return Section(self.pick(["Licensing of agencies", "Licence required", "Suspension and revocation of licences"]), [
            Para(f"No person shall carry on the business of {business} except under a licence issued under this Part."),
            Para(f"An application for a licence shall be made to {self.pick(AUTHORITIES)} in the prescribed form and shall "
                 "be accompanied by the prescribed fee."),
            Para(f"{_cap(self.pick(AUTHORITIES))} may suspend or revoke a licence where—", [Para(g) for g in grounds]),
        ])

    def appeal(self) -> Section:
        return Section(self.pick(["Appeals", "Right of appeal", "Review of decisions"]), [
            Para(f"A person aggrieved by a decision of {self.pick(AUTHORITIES)} under {self.style.ref(max(1, self.number - self.rng.randint(1, 6)))} "
                 f"may, within {self.rng.choice([14, 21, 28, 30, 60])} days after being notified of the decision, appeal to "
                 f"{self.pick(COURTS)}."),
            Para(f"On an appeal under subsection (1), {self.pick(COURTS)} may confirm, vary or set aside the decision."),
        ])

    def body(self) -> Section:
        name = self.pick(BODIES)
        members = self.some(["the Permanent Secretary of the Ministry responsible for home affairs, who shall be the chairperson;",
                             "a representative of the police;", "a representative of the immigration department;",
                             "a representative of the Ministry responsible for labour;",
                             "a representative of the Ministry responsible for social welfare;",
                             "two representatives of civil society organisations working with victims;",
                             "a representative of the Attorney-General's office;"], 3, 7)
        members[-1] = members[-1].rstrip(";") + "."
        functions = self.some(["coordinate the implementation of this Act;", "develop a national plan of action;",
                               "monitor and report on the protection of victims;", "promote research and public awareness;",
                               "advise the Minister on policy and legislation;", f"oversee {self.pick(OBJECTS)};"], 2, 6)
        functions[-1] = functions[-1].rstrip(";") + "."
        return Section(f"Establishment of the {name}", [
            Para(f"There is established a {name}, which shall consist of—", [Para(m) for m in members]),
            Para("The functions of the Council are to—".replace("Council", name.split()[-1]), [Para(f) for f in functions]),
        ])

    def regulations(self) -> Section:
        items = self.some(OBJECTS, 3, 7)
        items = [f"{item};" for item in items]
        items[-1] = items[-1].rstrip(";") + "; and"
        items.append("any matter that is required or permitted to be prescribed under this Act.")
        return Section("Regulations", [Para("The Minister may make regulations prescribing—", [Para(i) for i in items])])

    def jurisdiction(self) -> Section:
        places = self.some([f"within {self.state};", f"on board a vessel or aircraft registered in {self.state};",
                            f"outside {self.state} by a citizen or permanent resident of {self.state};",
                            f"outside {self.state} against a citizen of {self.state};"], 2, 4)
        places[-1] = places[-1].rstrip(";") + "."
        return Section("Jurisdiction", [Para(f"{_cap(self.pick(COURTS))} has jurisdiction to try an offence under "
                                             "this Act where the offence is committed—", [Para(p) for p in places])])

    def corporate(self) -> Section:
        return Section("Offences by bodies corporate", [
            Para("Where an offence under this Act is committed by a body corporate and is proved to have been committed "
                 "with the consent or connivance of, or to be attributable to any neglect on the part of, any director, "
                 "manager, secretary or other similar officer, that officer as well as the body corporate commits the "
                 "offence and is liable to be proceeded against and punished accordingly."),
        ])

    def forfeiture(self) -> Section:
        return Section(self.pick(["Forfeiture", "Forfeiture of property", "Confiscation of proceeds"]), [
            Para(f"Any property used in, or derived from, the commission of an offence under {self.ref_offence()} is liable "
                 "to forfeiture on the conviction of the offender."),
            Para(f"Property forfeited under subsection (1) shall be paid into the {self.pick(['Victims Fund', 'Consolidated Fund', 'Anti-Trafficking Fund'])}."),
        ])

    def savings(self) -> Section:
        return Section(self.pick(["Saving of international obligations", "Savings", "Relationship with other laws"]), [
            Para(f"Nothing in this Act affects the rights, obligations and responsibilities of {self.state} and individuals "
                 "under international law, including international humanitarian law and international human rights law "
                 "and, in particular, the Convention relating to the Status of Refugees and the principle of non-refoulement."),
        ])

    def records(self) -> Section:
        thing = f"{self.pick(ADJECTIVES)} {self.pick(NOUNS)}"
        return Section(f"Register of {thing}s", [
            Para(f"{_cap(self.pick(AUTHORITIES))} shall keep a register of every {thing} in which shall be entered "
                 f"such particulars as may be prescribed."),
            Para(f"The register shall be open to inspection by {self.pick(['the public', 'any authorised officer', 'the Council'])} "
                 f"at all reasonable times{self.pick(['.', ' on payment of the prescribed fee.'])}"),
            *([Para(f"A person who makes a false entry in the register commits an offence and is liable on conviction to "
                    f"a fine not exceeding {self.money()}.")] if self.rng.random() < 0.5 else []),
        ])

    def title(self) -> Section:
        return Section(self.pick(["Short title and commencement", "Short title", "Citation and commencement"]), [
            Para(f"This Act may be cited as the {self.act_name}."),
            Para("This Act comes into operation on such date as the Minister may appoint by notice in the Gazette."),
        ])


# Parts of a long code: (title, provisions); each Part may open with its own definitions.
PART_THEMES: list[tuple[str, list[str]]] = [
    ("Offences", ["trafficking", "smuggling", "penalty", "penalty", "corporate", "jurisdiction"]),
    ("Protection of victims", ["non_punishment", "assistance", "residence", "confidentiality", "compensation"]),
    ("Enforcement", ["powers", "detention", "forfeiture", "records", "appeal"]),
    ("Recruitment agencies", ["licensing", "licensing", "records", "appeal", "penalty"]),
    ("Institutional arrangements", ["body", "records", "regulations"]),
    ("Migration and return", ["smuggling", "residence", "detention", "savings", "appeal"]),
    ("Miscellaneous", ["regulations", "savings", "corporate", "confidentiality"]),
]


def _render(lines: list[str], wrap: int | None) -> str:
    if wrap is None:
        return "\n".join(lines)
    out: list[str] = []
    for line in lines:
        for piece in line.split("\n"):
            out.extend(textwrap.wrap(piece, wrap, break_on_hyphens=False, break_long_words=False) or [""])
    return "\n".join(out)


def statute(seed: str, size: int, style_name: str = "commonwealth", wrap: int | None = None) -> str:
    """One Act of about ``size`` characters (a little more: it ends with a whole section)."""
    rng = random.Random(f"statute:{seed}")
    style = Style(style_name, rng)
    state = rng.choice(STATES)
    subject = rng.choice(["Combating of Trafficking in Persons", "Anti-Trafficking and Migration", "Counter-Trafficking",
                          "Prevention of Trafficking in Persons and Smuggling of Migrants"])
    drafter = Drafter(rng, style, state, f"{subject} {rng.choice(['Act', 'Code', 'Law'])}, {rng.randint(2019, 2026)}")
    blocks: list[str] = [
        f"REPUBLIC OF {state.upper()}",
        drafter.act_name.upper(),
        "An Act to provide for the prevention and punishment of trafficking in persons and the smuggling of migrants, "
        "for the protection of victims, and for matters connected therewith.",
        f"ENACTED by the Parliament of {state} as follows—",
    ]
    total = sum(len(b) + 2 for b in blocks)
    part = 1
    sections: list[Callable[[], Section]] = [drafter.title, lambda: drafter.definitions("chapter" if style_name == "us" else "Act", core=True)]
    title = "Preliminary"
    while True:
        chunk = [_render(style.part(part, title), wrap)]
        for make in sections:
            # Numbered as it is written, so that offences are cited by the numbers they carry.
            chunk.append(_render(style.section(drafter.number, make()), wrap))
            drafter.number += 1
        text = "\n\n".join(chunk)
        blocks.append(text)
        total += len(text) + 2
        if total >= size:
            break
        part += 1
        title, kinds = rng.choice(PART_THEMES)
        sections = [lambda: drafter.definitions(style.part_word, core=False)] if rng.random() < 0.4 else []
        sections += [getattr(drafter, kind) for kind in kinds if rng.random() < 0.85]
    return "\n\n".join(blocks) + "\n"


def small_bill(seed: str) -> str:
    """A bill of one to twenty pages, in a drafting style and line layout drawn from the seed."""
    rng = random.Random(f"bill:{seed}")
    size = int(min(40_000, max(1_500, rng.lognormvariate(8.6, 0.7))))
    style = rng.choice(STYLES)
    wrap = rng.choice([None, None, None, 72, 80, 96])
    return statute(f"{seed}:{style}", size, style, wrap)


def single_line(text: str) -> str:
    """A bill pasted from a PDF: every run of white space one space, no line breaks at all."""
    return re.sub(r"\s+", " ", text).strip() + "\n"
