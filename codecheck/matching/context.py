"""What the words around a hit do to it: negation, strength and who is addressed.

All cues work on lower-case token texts of one sentence, so they cost nothing for the
sentences without a hit. Cue phrases are lists of tokens as the pipelines split them
(French elisions keep their apostrophe: "n'", "l'").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from ..model import Strength

# --------------------------------------------------------------------------- cues

NEGATION = {
    "en": ["not", "n't", "no", "never", "neither", "nor", "none", "nothing", "cannot",
           "ceases to apply", "cease to apply"],
    "nl": ["niet", "geen", "nooit", "noch", "nergens", "hoeft niet", "hoeven niet",
           "houdt op van toepassing", "houden op van toepassing"],
    # French negation needs "ne/n'" with a second part, or a negative determiner
    "fr": ["aucun", "aucune", "nullement", "jamais", "ni", "cesse de s'appliquer",
           "cessent de s'appliquer"],
}
FR_NE = {"ne", "n'", "n’"}
FR_NE_PARTS = {"pas", "plus", "jamais", "aucun", "aucune", "nullement", "point", "guère", "rien"}

# phrases that contain a negation word but do not negate
NOT_NEGATION = {
    "en": [
        "not only", "not just", "not limited to", "no later than", "no less than",
        "not less than", "no more than", "not more than", "whether or not", "if not",
        "no longer than", "none the less",
        # a prohibition states a standard ("does not tolerate forced labour")
        "not tolerate", "not be tolerated", "no tolerance", "not accept",
        # an extension of scope ("our obligations do not stop at the factory gate")
        "not stop at", "not end at",
        # a reporter's protection states a standard too ("no one will be dismissed for a report")
        "no retaliation", "no reprisals", "not be retaliated", "not suffer retaliation",
        "not be dismissed", "not be penalised", "not be penalized", "not be disadvantaged",
    ],
    "nl": ["niet alleen", "niet enkel", "niet uitsluitend", "niet later dan", "uiterlijk",
           "al dan niet", "niet minder dan", "niet beperkt tot", "onder meer",
           "tolereert geen", "tolereren geen", "duldt geen", "dulden geen", "aanvaardt geen",
           "accepteert geen", "niet getolereerd", "niet geduld", "niet aanvaard",
           "houdt niet op bij", "houden niet op bij", "stopt niet bij", "stoppen niet bij",
           "beperkt zich niet tot", "beperken zich niet tot",
           "geen represailles", "geen vergelding", "niet benadeeld", "niet ontslagen"],
    "fr": ["non seulement", "pas seulement", "pas uniquement", "au plus tard",
           "ne ... que", "sans s'y limiter", "notamment",
           "ne tolère", "ne tolèrent", "ne tolérons", "n' accepte", "n' acceptons", "aucune tolérance",
           "ne tolère aucun", "ne tolère aucune", "ne tolérons aucun", "ne tolérons aucune",
           "n' accepte aucun", "n' accepte aucune", "n' acceptons aucune", "n' acceptons aucun",
           "ne s' arrête pas", "ne s' arrêtent pas", "ne se limite pas", "ne se limitent pas",
           "aucune représaille", "aucunes représailles", "aucune mesure de représailles",
           "aucune rétorsion", "aucune mesure de rétorsion"],
}

# a withdrawn or deleted duty ("the obligation to publish ... is deleted"): an auxiliary
# followed by one of these participles cancels the hits of its clause like a negation
WITHDRAWN = {
    "en": ({"is", "are", "be", "been", "was", "were",
            # the perfect: "..., announced for 2025, has been postponed"
            "has", "have", "had"},
           {"deleted", "repealed", "withdrawn", "abolished", "revoked", "abrogated"}),
    "nl": ({"wordt", "worden", "is", "zijn", "werd", "werden"},
           {"geschrapt", "opgeheven", "ingetrokken", "afgeschaft"}),
    "fr": ({"est", "sont", "être", "été", "a", "ont"},
           {"supprimé", "supprimée", "supprimés", "supprimées", "abrogé", "abrogée", "abrogés",
            "abrogées", "retiré", "retirée", "retirés", "retirées"}),
}
# one word that states the duty lapses ("de verplichting vervalt")
WITHDRAWN_WORDS = {"en": set(), "nl": {"vervalt", "vervallen"}, "fr": set()}
# a duty put off is not in force either ("the publication ... is postponed", "wordt
# uitgesteld", "a été reportée")
WITHDRAWN["en"][1].update({"postponed"})
WITHDRAWN["nl"][1].update({"uitgesteld"})
WITHDRAWN["fr"][1].update({"reporté", "reportée", "reportés", "reportées"})

# a decision to put a measure off ("decided to postpone the introduction of a grievance
# channel", "beslist de invoering ... uit te stellen", "a décidé de reporter l'adoption
# d'une politique") negates what its clause names, as a negation does
DEFERRAL = {
    "en": ["postpone", "postpones", "postponing", "postponed", "defer", "defers", "deferring",
           "put on hold", "puts on hold"],
    "nl": ["uit te stellen", "uitstellen", "stelt uit", "uitgesteld", "uit te schuiven",
           "uitschuiven", "on hold"],
    "fr": ["reporter", "reporte", "reportent", "reportons", "différer", "diffère", "diffèrent",
           "ajourner", "ajourne", "ajournent", "surseoir", "sursoit"],
}
for _lang, _phrases in DEFERRAL.items():
    NEGATION[_lang] = NEGATION[_lang] + _phrases

# a sentence that withdraws a provision of a code ("Provision 6.4 (human rights due
# diligence) is deleted", "bepaling 5.7, die de raad vroeg ..., wordt geschrapt", "la
# disposition 4.9, qui invitait le conseil ..., est supprimée") amends the text: its hits
# describe what is withdrawn, in whichever clause (brackets, relative clause) they stand
PROVISION_WORDS = {
    "en": {"provision", "provisions", "principle", "principles", "article", "articles",
           "section", "sections", "clause", "clauses", "recommendation", "recommendations",
           "paragraph", "paragraphs"},
    "nl": {"bepaling", "bepalingen", "principe", "principes", "artikel", "artikelen",
           "afdeling", "aanbeveling", "aanbevelingen", "paragraaf", "clausule", "clausules",
           "beding"},
    "fr": {"disposition", "dispositions", "principe", "principes", "article", "articles",
           "section", "sections", "recommandation", "recommandations", "paragraphe", "alinéa",
           "clause", "clauses"},
}
# a proposal is withdrawn in the same ways ("the proposal to introduce a grievance procedure
# for suppliers' workers was rejected by the general meeting")
PROVISION_WORDS["en"] |= {"proposal", "proposals", "resolution", "resolutions"}
PROVISION_WORDS["nl"] |= {"voorstel", "voorstellen", "resolutie", "resoluties"}
PROVISION_WORDS["fr"] |= {"proposition", "propositions", "résolution", "résolutions"}
# session 23: and so is a draft ("the draft policy ... was dropped", "het ontwerp van
# mensenrechtenbeleid werd verworpen", "le projet de charte ... a été abandonné")
# ("projet" only before the text it drafts: "le projet minier a été suspendu" is a project)
PROVISION_WORDS["en"] |= {"draft"}
PROVISION_WORDS["nl"] |= {"ontwerp"}
DRAFT_OF = {"fr": ("projet", {"de", "d'"}, {"plan", "charte", "politique", "code", "disposition", "dispositions",
                                            "recommandation", "résolution", "règlement", "procédure", "texte",
                                            "article", "principe", "mécanisme", "dispositif"})}
# a Dutch compound that ends in a proposal or provision word names one too
# ("het aandeelhoudersvoorstel ... verworpen")
PROVISION_SUFFIXES = {"nl": ("voorstel", "voorstellen", "bepaling", "bepalingen")}
# a proposal withdrawn by whoever made it, the verb just before it ("the board withdrew its
# proposal", "le conseil a retiré sa proposition", "het bestuur trok het voorstel in")
WITHDRAWS = {
    "en": {"withdrew", "withdraws", "withdrawn", "withdraw", "deleted", "removed", "dropped"},
    "nl": {"trok", "trokken", "introk", "introkken"},
    "fr": {"retiré", "retire", "retirent", "retirer", "supprimé", "supprimée"},
}
WITHDRAWS_REACH = 3  # words between the verb and the proposal word ("withdrew its own proposal")
PASSIVE = {"en": {"is", "are", "was", "were", "be", "been"}, "nl": {"wordt", "worden", "werd", "werden"},
           "fr": {"est", "sont", "être", "été"}}  # "the letter is deleted": something else withdrawn
# what else ends a provision or proposal, but not a duty in general: it is rejected or
# suspended ("the plan ... is suspended until further notice"; a suspended business
# relationship is a measure, so these count only after a provision or proposal word) ...
REJECTED = {
    "en": {"rejected", "suspended", "dropped"},
    "nl": {"verworpen", "afgewezen", "opgeschort"},
    "fr": {"rejeté", "rejetée", "rejetés", "rejetées", "suspendu", "suspendue", "suspendus",
           "suspendues", "abandonné", "abandonnée", "abandonnés", "abandonnées"},
}
# session 23: a proposal defeated in a vote ("the resolution ... was defeated"), a draft
# put off ("le projet ... a été ajourné")
REJECTED["en"] |= {"defeated"}
REJECTED["fr"] |= {"ajourné", "ajournée", "ajournés", "ajournées"}
# ... or a decision not to take it up ("decided not to adopt the recommendation", "besloten
# die aanbeveling niet over te nemen", "a décidé de ne pas retenir la recommandation")
NOT_TAKEN_UP = {
    "en": ["not to adopt", "not to follow", "not to take up", "not to apply",
           # the passive: "the proposal ... was discussed but not adopted" (not the
           # active "a company that has not adopted ... should explain why")
           "was not adopted", "were not adopted", "but not adopted", "was not approved",
           "were not approved", "but not approved", "was not taken up", "were not taken up"],
    "nl": ["niet over te nemen", "niet overnemen", "niet te volgen", "niet op te volgen",
           "niet toe te passen", "werd niet aangenomen", "werden niet aangenomen",
           "werd niet goedgekeurd", "werden niet goedgekeurd", "werd niet weerhouden",
           "is niet aangenomen", "is niet goedgekeurd", "is niet weerhouden"],
    "fr": ["ne pas adopter", "ne pas retenir", "ne pas suivre", "ne pas appliquer",
           "ne pas donner suite", "pas été adoptée", "pas été adopté", "pas été retenue",
           "pas été retenu", "pas été approuvée", "pas été approuvé"],
}
# round 18d: ... a vote that fell short ("did not obtain the required majority", "has therefore
# not been adopted"), and the counterfactual that says so ("Proposal 4.3, which would have
# required ...": a proposal that would have asked something asks nothing now)
NOT_TAKEN_UP["en"] += ["not been adopted", "not been approved", "did not obtain the required majority",
                       "failed to obtain the required majority", "did not receive the required majority",
                       "would have required", "would have obliged", "would have committed"]
NOT_TAKEN_UP["nl"] += ["niet de vereiste meerderheid", "haalde de vereiste meerderheid niet",
                       "behaalde de vereiste meerderheid niet", "zou hebben verplicht", "zou hebben opgelegd"]
NOT_TAKEN_UP["fr"] += ["pas obtenu la majorité requise", "pas recueilli la majorité requise", "aurait imposé",
                       "aurait obligé", "aurait contraint"]
# session 23: ... or taken out of the text or off the agenda ("Draft provision 6.3, which
# ..., has been removed from the final text", "is na de consultatie niet overgenomen", "a
# été retiré de l'ordre du jour")
NOT_TAKEN_UP["en"] += [f"{verb} {where}" for verb in ("removed from", "dropped from", "taken out of", "taken off")
                       for where in ("the text", "the final text", "the draft", "the final version", "the code",
                                     "the revised code", "the agenda")]
NOT_TAKEN_UP["nl"] += ["niet overgenomen", "van de agenda gehaald", "van de agenda afgevoerd", "uit de tekst gehaald",
                       "uit de definitieve tekst gehaald", "uit de code gehaald"]
NOT_TAKEN_UP["fr"] += ["pas été repris", "pas été reprise", "retiré du texte", "retirée du texte",
                       "retiré de l' ordre du jour", "retirée de l' ordre du jour"]

# a commitment to refrain ("committed to not contributing", "verbindt zich ertoe geen ...
# af te nemen", "s'engage à ne pas") or an expectation of others ("verwacht van haar
# leveranciers dat zij geen dwangarbeid ..."): a negation after one of these words in its
# clause negates the act committed to or expected, not the commitment, so it cancels no hit
COMMITMENT = {
    "en": {"commit", "commits", "committed", "undertake", "undertakes", "undertaken", "pledge",
           "pledges", "pledged",
           # an expectation or requirement of others: "expects its suppliers not to use ..."
           "expect", "expects", "require", "requires",
           # a result secured: "ensures that workers are not harmed", "guarantees that the
           # harm will not recur"
           "ensure", "ensures", "ensuring", "guarantee", "guarantees", "guaranteeing"},
    "nl": {"verbindt", "verbinden", "verbonden", "engageert", "engageren",
           "verwacht", "verwachten", "eist", "eisen",
           "waarborgt", "waarborgen", "garandeert", "garanderen"},
    "fr": {"engage", "engagent", "engageons", "engagée", "engagé",
           "attend", "attendons", "attendent", "exige", "exigeons", "exigent",
           "veille", "veillent", "veillons", "garantit", "garantissent", "garantissons", "assure",
           "assurent"},
}

# strongest first; each list holds token sequences
STRENGTH = {
    "en": [
        (Strength.MANDATORY, ["shall", "must", "is required to", "are required to",
                              "is obliged to", "are obliged to", "has to", "have to",
                              "is responsible for", "are responsible for", "will ensure",
                              "is to", "are to", "mandatory"]),
        (Strength.RECOMMENDED, ["should", "ought to", "is recommended", "are recommended",
                                "recommends", "is expected to", "are expected to",
                                "expects"]),
        (Strength.OPTIONAL, ["may", "can", "could", "is encouraged", "are encouraged",
                             "encourages", "is invited", "are invited", "might", "consider",
                             "considers", "where appropriate", "if appropriate",
                             "as appropriate", "optionally"]),
    ],
    "nl": [
        (Strength.MANDATORY, ["moet", "moeten", "is verplicht", "zijn verplicht", "verplicht",
                              "is gehouden", "zijn gehouden", "dient", "dienen"]),
        (Strength.RECOMMENDED, ["zou moeten", "zouden moeten", "zou", "zouden", "wordt aanbevolen",
                                "worden aanbevolen", "beveelt aan", "aanbevolen",
                                "wordt verwacht", "worden verwacht", "verwacht"]),
        (Strength.OPTIONAL, ["kan", "kunnen", "mag", "mogen", "wordt aangemoedigd",
                             "worden aangemoedigd", "moedigt aan", "eventueel", "desgevallend",
                             "indien nodig", "in voorkomend geval", "overwegen", "overweegt"]),
    ],
    "fr": [
        (Strength.MANDATORY, ["doit", "doivent", "est tenu", "est tenue", "sont tenus",
                              "sont tenues", "obligatoire", "obligatoirement", "est obligé",
                              "sont obligés", "il incombe", "incombe"]),
        (Strength.RECOMMENDED, ["devrait", "devraient", "il convient", "convient",
                                "est recommandé", "sont recommandés", "recommande",
                                "est attendu", "sont attendus"]),
        (Strength.OPTIONAL, ["peut", "peuvent", "pourrait", "pourraient", "est encouragé",
                             "est encouragée", "sont encouragés", "sont encouragées",
                             "encourage", "le cas échéant", "éventuellement",
                             "si nécessaire", "envisager", "envisage"]),
    ],
}
# Belgian drafting: "dient" is how the Dutch code writes an obligation in the
# comply-or-explain sense; the issue ranks it next to "zou moeten".
STRENGTH["nl"][0][1].remove("dient")
STRENGTH["nl"][0][1].remove("dienen")
STRENGTH["nl"][1][1].extend(["dient", "dienen"])

ADDRESSEE = {
    "en": [
        ("board", ["board", "board of directors", "supervisory board", "directors",
                   "committee", "audit committee", "nomination committee",
                   "remuneration committee", "sustainability committee", "chair", "chairman",
                   "chairperson", "non-executive directors", "independent directors"]),
        ("management", ["management", "executive management", "executive committee",
                        "management committee", "executives", "ceo", "chief executive",
                        "senior management", "executive board", "managers"]),
        ("company", ["company", "companies", "undertaking", "undertakings", "organisation",
                     "organization", "enterprise", "enterprises", "group", "issuer"]),
    ],
    "nl": [
        ("board", ["raad van bestuur", "raad", "bestuursorgaan", "bestuurders", "raad van toezicht",
                   "comité", "auditcomité", "benoemingscomité", "remuneratiecomité",
                   "bezoldigingscomité", "voorzitter", "toezichtsorgaan", "bestuur",
                   "niet-uitvoerende bestuurders", "onafhankelijke bestuurders"]),
        ("management", ["management", "directie", "directiecomité", "uitvoerend management",
                        "ceo", "leidinggevenden", "leiding", "directieraad", "bedrijfsleiding"]),
        ("company", ["vennootschap", "vennootschappen", "onderneming", "ondernemingen",
                     "bedrijf", "bedrijven", "organisatie", "groep", "emittent"]),
    ],
    "fr": [
        ("board", ["conseil d'administration", "conseil", "administrateurs", "comité",
                   "comité d'audit", "comité de nomination", "comité de rémunération",
                   "président", "organe d'administration", "conseil de surveillance",
                   "organe de surveillance"]),
        ("management", ["management", "direction", "management exécutif", "comité de direction",
                        "direction générale", "dirigeants", "ceo", "directeur général",
                        "conseil de direction"]),
        ("company", ["société", "sociétés", "entreprise", "entreprises", "organisation",
                     "groupe", "émetteur"]),
    ],
}

# a clause opening with one of these states a condition: a negation inside it ("where the
# company cannot address all impacts at once, it shall prioritise them") negates the
# condition, not the hit
CONDITIONAL = {
    "en": {"where", "if", "when", "whenever", "insofar", "unless"},  # + CLAUSE_OPENERS
    "nl": {"indien", "wanneer", "als", "zo", "ingeval", "voorzover"},
    "fr": {"si", "lorsque", "lorsqu'", "lorsqu’", "quand", "s'", "s’"},
}

# tokens that end a clause (negation does not cross them)
CLAUSE_BREAKS = {",", ";", ":", "(", ")", "—", "–", "•", "·"}
CLAUSE_WORDS = {
    "en": {"but", "whereas", "while", "although", "however"},
    "nl": {"maar", "terwijl", "hoewel", "echter", "doch"},
    "fr": {"mais", "tandis", "bien", "sauf", "toutefois", "cependant", "quoique"},
}
# conditional conjunctions open a new clause (and belong to it): "... suspend the
# relationship where impacts cannot be prevented" negates the condition, not the hit
CLAUSE_OPENERS = {
    "en": {"where", "if", "unless", "whenever"},
    "nl": {"indien", "wanneer", "tenzij", "ingeval"},
    "fr": {"si", "lorsque", "lorsqu'", "quand"},
}
# a relative clause describes who or what is meant ("a supplier who does not remedy
# severe abuses", "un fournisseur qui ne remédie pas"): it is a clause of its own, and a
# negation inside it describes the referent, so it cancels no hit
RELATIVE = {
    "en": {"who", "whom", "whose", "which"},
    "nl": {"die", "welke"},
    "fr": {"qui", "dont", "lesquels", "lesquelles", "laquelle", "lequel"},
}
# a time limit is a condition too: "suspends its orders until ..." / "tant que les mesures
# n'ont pas été mises en œuvre" negates the condition, not the suspension
UNTIL = {
    "en": {"until"},
    "nl": {"zolang", "totdat"},
    "fr": {"tant", "jusqu'", "jusqu’"},
}
for _lang in RELATIVE:
    _words = RELATIVE[_lang] | UNTIL[_lang]
    CLAUSE_OPENERS[_lang] = CLAUSE_OPENERS[_lang] | _words
    CONDITIONAL[_lang] = CONDITIONAL[_lang] | _words


def _tok(phrase: str) -> tuple[str, ...]:
    """Split a cue phrase like the tokenizer does (elisions stay on the left word)."""
    out: list[str] = []
    for word in phrase.split():
        if "'" in word and not word.endswith("'") and word not in ("n't", "n’t"):  # English "n't" is one token
            head, _, tail = word.partition("'")
            out.extend([head + "'", tail])
        elif word.startswith("niet-") or word.startswith("non-"):
            head, _, tail = word.partition("-")
            out.extend([head, "-", tail])
        else:
            out.append(word)
    return tuple(out)


def _by_first(pairs):
    """`{first word: [(phrase, value), ...]}`, longest phrase first."""
    out: dict[str, list] = {}
    for phrase, value in pairs:
        out.setdefault(phrase[0], []).append((phrase, value))
    for v in out.values():
        v.sort(key=lambda pv: -len(pv[0]))
    return out


@lru_cache(maxsize=None)
def _index(lang: str):
    neg = [_tok(p) for p in NEGATION.get(lang, [])]
    notneg = [_tok(p) for p in NOT_NEGATION.get(lang, []) if "..." not in p]
    strength = [(s, [_tok(p) for p in phrases]) for s, phrases in STRENGTH.get(lang, [])]
    addressee = [(a, [_tok(p) for p in phrases]) for a, phrases in ADDRESSEE.get(lang, [])]
    return neg, notneg, strength, addressee


@lru_cache(maxsize=None)
def _tables(lang: str):
    neg, notneg, strength, addressee = _index(lang)
    return (
        _by_first([(p, True) for p in neg]),
        _by_first([(p, True) for p in notneg]),
        _by_first([(p, level) for level, ps in strength for p in ps]),
        _by_first([(p, who) for who, ps in addressee for p in ps]),
    )


def cue_words(lang: str) -> set[str]:
    """Every word of every cue (their lemmas are written onto the vocabulary too)."""
    neg, notneg, strength, addressee = _index(lang)
    words = {w for p in neg + notneg for w in p}
    words |= {w for _, ps in strength for p in ps for w in p}
    words |= {w for _, ps in addressee for p in ps for w in p}
    return words


def _scan(words: Sequence[str], table: dict, start: int = 0, end: int | None = None):
    """(position, length, value) of each cue in words[start:end], longest at a position."""
    end = len(words) if end is None else end
    out = []
    for i in range(start, end):
        options = table.get(words[i])
        if not options:
            continue
        for phrase, value in options:
            n = len(phrase)
            if i + n <= end and (n == 1 or tuple(words[i : i + n]) == phrase):
                out.append((i, n, value))
                break
    return out


# "and therefore" / "en daarom" / "et donc" opens a main clause of its own: it ends a
# condition or a relative clause before it ("... postpone the plan until the review and
# therefore sets no target": the "no" negates the target, not a condition)
CONSEQUENCE = {
    "en": ("and", {"therefore", "thus", "consequently", "hence"}),
    "nl": ("en", {"daarom", "bijgevolg", "dus"}),
    "fr": ("et", {"donc", "partant"}),
}


# session 23: a time limit ends where "and" brings back the main clause's subject with a
# finite verb of its own ("has decided to postpone the plan until 2028 and has set no
# target": the "no" is the board's, not part of the time limit)
FINITE_AFTER_AND = {
    "en": {"has", "have", "had", "will", "does", "did"},
    "nl": {"heeft", "hebben", "had", "hadden", "zal", "zullen"},
    "fr": {"a", "ont", "n'", "ne", "sera", "seront"},
}


def clauses(words: Sequence[str], lang: str) -> list[tuple[int, int]]:
    """Clause spans (token offsets) of one sentence."""
    breaks = CLAUSE_WORDS.get(lang, set())
    openers = CLAUSE_OPENERS.get(lang, set())
    conj, consequence = CONSEQUENCE.get(lang, ("", set()))
    until = UNTIL.get(lang, set())
    finite = FINITE_AFTER_AND.get(lang, set())
    out = []
    start = 0
    for i, w in enumerate(words):
        if w in CLAUSE_BREAKS or w in breaks:
            if i > start:
                out.append((start, i))
            start = i + 1
        elif w in openers and i > start:
            out.append((start, i))
            start = i
        elif w in consequence and i - 1 > start and words[i - 1] == conj:
            out.append((start, i - 1))
            start = i - 1
        elif w in finite and i - 1 > start and words[i - 1] == conj and words[start] in until:
            out.append((start, i - 1))
            start = i - 1
    if start < len(words):
        out.append((start, len(words)))
    return out or [(0, len(words))]


def clause_of(spans: list[tuple[int, int]], i: int) -> tuple[int, int]:
    for s, e in spans:
        if s <= i < e:
            return s, e
    return spans[-1] if spans else (0, 0)


def negated(
    words: Sequence[str], lang: str, start: int, end: int, hyphen_after=None
) -> bool:
    """True when words[start:end] (one clause) holds a negation cue.

    `hyphen_after(i)` says whether word i is written with a hyphen after it in the
    original text ("non-financial", "niet-uitvoerend"): those are prefixes, not negations.
    A clause opening with a conditional ("where", "wanneer", "lorsque") is not negated.
    """
    neg, notneg, _, _ = _tables(lang)
    if _withdrawn(words, lang, start, end):
        return True
    if start < end and words[start] in CONDITIONAL.get(lang, ()):
        return False
    masked: set[int] = set()
    for i, n, _ in _scan(words, notneg, start, end):
        masked.update(range(i, i + n))
    commit = COMMITMENT.get(lang, ())
    committed = next((i for i in range(start, end) if words[i] in commit), end)
    for i, n, _ in _scan(words, neg, start, end):
        if (i + 1 < len(words) and words[i + 1] == "-") or (hyphen_after and hyphen_after(i)):
            continue
        if i > committed:  # "committed to not ...": the act refrained from, not a negation
            continue
        if not masked.intersection(range(i, i + n)):
            return True
    if lang == "fr":
        for i in range(start, end):
            w = words[i]
            if i > committed:
                break
            if w in FR_NE and i not in masked:
                # "ne ... pas" and friends; "ne ... que" (only) is not a negation
                for j in range(i + 1, min(end, i + 5)):
                    if words[j] in FR_NE_PARTS:
                        return True
            elif w == "pas" and i not in masked and i > start and words[i - 1] not in FR_NE:
                # "pas" without "ne" (after an elided verb) still negates
                if not (i + 1 < end and words[i + 1] in ("seulement", "uniquement")):
                    return True
    return False


# session 23: the auxiliaries of a Dutch perfect, for a proposal's rejection by whoever voted
# ("de algemene vergadering heeft het voorstel ... verworpen"), and the words that join a
# second participle to a passive ("was considered by the committee but rejected")
PERFECT = {"nl": {"heeft", "hebben", "had", "hadden"}}
JOINED = {"en": {"but", "and"}, "nl": {"maar", "en"}, "fr": {"mais", "et"}}


def _withdrawn(words: Sequence[str], lang: str, start: int, end: int, provision: bool = False) -> bool:
    """Does the clause say its duty is deleted or withdrawn ("is deleted", "wordt
    geschrapt", "est supprimée", "vervalt")? With `provision`, the span follows a provision
    or proposal word: it is also withdrawn when rejected or suspended ("REJECTED"), and
    "withdrawn from" ("... has been withdrawn from the revised code") is a withdrawal."""
    aux, participles = WITHDRAWN.get(lang, ((), ()))
    if provision:
        participles = participles | REJECTED.get(lang, set())
        if lang in VERB_LAST:  # a meeting's act: "heeft het voorstel ... verworpen"
            aux = aux | PERFECT.get(lang, set())
    lapses = WITHDRAWN_WORDS.get(lang, ())
    for i in range(start, end):
        w = words[i]
        if w in lapses:
            return True
        # (a Dutch participle may follow the provision word at once: "is die bepaling geschrapt")
        if w in participles and (i > start or (provision and lang in VERB_LAST)) and (provision or not (
                w in REMOVED and i + 1 < end and words[i + 1] in REMOVED[w])):
            # the auxiliary just before it; in Dutch, which puts the participle last, anywhere
            # before it in the span ("wordt in de definitieve versie geschrapt"), or after a
            # provision word anywhere before it in the sentence ("is bepaling 1.6, die ...,
            # geschrapt")
            if words[i - 1] in aux or (lang in VERB_LAST and any(
                    words[j] in aux for j in range(0 if provision else start, i))):
                return True
            # a second participle of the same passive ("was considered ... but rejected")
            if provision and words[i - 1] in JOINED.get(lang, ()) and any(
                    words[j] in aux for j in range(start, i - 1)):
                return True
    return False



VERB_LAST = frozenset({"nl"})  # languages whose subordinate and passive verbs come last
# "children found working are withdrawn from work", "retirés du travail": people removed
# from a place, not a duty withdrawn
# (but "provision 6.3 has been deleted from the final text" is a deletion)
REMOVED = {"withdrawn": {"from"}, **{w: {"de", "du", "des", "d'"} for w in ("retiré", "retirée", "retirés", "retirées")}}


# an amendment that deletes a provision in the active voice ("amendment 41 deletes
# paragraph 7, which required ...", "schrapt bepaling 5.4", "supprime l'alinéa 7")
DELETES = {
    "en": {"deletes", "delete", "repeals", "repeal",  # not "strikes" or "removes": labour strikes, removing abuses
           # a meeting's vote: "the general meeting rejected the shareholder resolution ..."
           "rejected", "rejects"},
    "nl": {"schrapt", "schrappen", "schrapte", "verwierp", "verwierpen", "verwerpt"},
    "fr": {"supprime", "suppriment", "abroge", "abrogent", "rejeté", "rejette", "rejettent",
           # an amendment's instruction: "Supprimer l'article 5"
           "supprimer", "abroger"},
}


# a sentence that withdraws the provision it stands in: "This provision is deleted",
# "Cette proposition a été retirée", "Deze bepaling vervalt" (a demonstrative, then a
# provision word) withdraws every sentence of the provision
DEMONSTRATIVES = {  # not the articles: "The proposal to extend it was rejected" is about another text
    "en": {"this", "these", "that"},
    "nl": {"deze", "dit", "die", "dat"},
    "fr": {"cette", "ce", "ces", "cet"},
}


def withdraws_itself(words: Sequence[str], lang: str) -> bool:
    """Does the sentence open with "this provision" (or proposal ...) and withdraw it?"""
    return (len(words) > 2 and words[0] in DEMONSTRATIVES.get(lang, ())
            and words[1] in PROVISION_WORDS.get(lang, ()) and provision_withdrawn(words, lang))


def _withdrawn_by_author(words: Sequence[str], lang: str, first: int) -> bool:
    """Is the provision word at `first` the object of a withdrawing verb just before it, in
    the same clause and in the active voice ("the board withdrew its proposal", "deleted
    that clause"; not "the annual letter is deleted; provision 4 ...")?"""
    withdraws = WITHDRAWS.get(lang, ())
    passive = PASSIVE.get(lang, ())
    for j in range(max(0, first - WITHDRAWS_REACH), first):
        if words[j] in withdraws and not (j > 0 and words[j - 1] in passive) and not any(
                w in CLAUSE_BREAKS for w in words[j + 1:first]):
            return True
    return False


def _draft_of(words: Sequence[str], i: int, lang: str) -> bool:
    """Is word i a draft of a text ("le projet de charte", not "le projet minier")?"""
    draft = DRAFT_OF.get(lang)
    return bool(draft) and words[i] == draft[0] and i + 2 < len(words) \
        and words[i + 1] in draft[1] and words[i + 2] in draft[2]


def _provision_word_at(words: Sequence[str], i: int, lang: str) -> bool:
    """Does word i name a provision or proposal: a provision word, a Dutch compound ending
    in one ("aandeelhoudersvoorstel"), or a draft of a text ("projet de charte")?"""
    suffixes = PROVISION_SUFFIXES.get(lang)
    w = words[i]
    return w in PROVISION_WORDS.get(lang, ()) or bool(suffixes and w.endswith(suffixes)) or _draft_of(words, i, lang)


def provision_withdrawn(words: Sequence[str], lang: str) -> bool:
    """Does the sentence withdraw a provision of the code: a provision word ("provision",
    "bepaling", "disposition" ...) followed, anywhere later in the sentence, by a clause
    that deletes or lapses it ("is deleted", "vervalt", "est supprimée"), or preceded by an
    active verb that deletes it ("amendment 41 deletes paragraph 7")?"""
    first = next((i for i in range(len(words)) if _provision_word_at(words, i, lang)), None)
    if first is None:
        return False
    deletes = DELETES.get(lang, ())
    if any(w in deletes for w in words[:first]):
        return True
    if _withdrawn_by_author(words, lang, first):
        return True
    if _scan(words[:first], _phrases_of(VOTED_DOWN, lang)):
        return True
    if _scan(words, _phrases_of(NOT_TAKEN_UP, lang), first + 1):
        return True
    return _withdrawn(words, lang, first + 1, len(words), provision=True)


# a decline that points back at what the sentence proposed ("The board considered linking
# the bonus to emission targets but decided not to do so"): the whole sentence asks nothing
DECLINED = {
    "en": ["decided not to do so", "decided against it", "chose not to do so",
           "decided not to proceed", "decided not to pursue"],
    "nl": ["besloot dat niet te doen", "besloten dat niet te doen", "heeft daarvan afgezien",
           "zag daarvan af", "zagen daarvan af", "ziet daarvan af"],
    "fr": ["a décidé de ne pas le faire", "ont décidé de ne pas le faire", "y a renoncé",
           "y ont renoncé", "a décidé de ne pas y donner suite"],
}


# round 20a: a decline with its own object pronoun, or after a contrast ("weighed a policy
# but decided not to adopt one", "... but decided not to introduce it"), and a decision to
# put the decision off ("besloot de beslissing uit te stellen", "a reporté sa décision")
DECLINED["en"] += [f"decided not to {verb} {pronoun}" for verb in ("adopt", "introduce", "include", "set", "pursue")
                   for pronoun in ("one", "it", "them")]
DECLINED["en"] += [f"but decided not to {verb}" for verb in ("adopt", "introduce", "include", "set", "add")]
DECLINED["en"] += ["postponed the decision", "postpone the decision", "postponed the matter",
                   "deferred the decision", "defer the decision"]
DECLINED["nl"] += [f"{verb} {det} beslissing uit te stellen" for verb in ("besloot", "besloten", "besliste", "beslisten")
                   for det in ("de", "die", "deze", "zijn", "haar", "hun")]
DECLINED["nl"] += ["stelde de beslissing uit", "stelden de beslissing uit", "heeft de beslissing uitgesteld",
                   "besloot dit niet te doen", "besliste dat niet te doen", "besliste dit niet te doen"]
DECLINED["fr"] += ["a reporté sa décision", "ont reporté leur décision", "a décidé de reporter sa décision",
                   "ont décidé de reporter leur décision", "a différé sa décision", "a décidé de ne pas l' adopter",
                   "ont décidé de ne pas l' adopter"]
# round 25: the same with the decision named otherwise ("considered setting a target but
# decided to postpone the matter / that decision / its adoption", "besloot de zaak uit te
# stellen", "a reporté la question")
DECLINED["en"] += [f"{verb} {what}" for verb in ("postpone", "postponed", "defer", "deferred")
                   for what in ("the matter", "that decision", "this decision", "any decision", "its adoption",
                                "their adoption")]
DECLINED["nl"] += [f"{what} uit te stellen" for what in ("de zaak", "die beslissing", "deze beslissing",
                                                       "elke beslissing", "de goedkeuring ervan")]
DECLINED["fr"] += [f"{verb} {what}" for verb in ("reporter", "a reporté", "ont reporté", "différer")
                   for what in ("la question", "cette décision", "toute décision", "son adoption", "leur adoption")]


@lru_cache(maxsize=None)
def _phrase_table(phrases: tuple[str, ...]) -> dict:
    """A scan table (`_scan`) for cue phrases such as a language's DECLINED list."""
    return _by_first([(_tok(p), True) for p in phrases])


def _phrases_of(table: dict, lang: str) -> dict:
    return _phrase_table(tuple(table.get(lang, ())))


# session 23: a sentence that withdraws the proposal the sentence before it named, by
# pointing back at it ("... a shareholder proposal to link pay to human-rights goals. The
# proposal was rejected by 78% of the votes."; "Na de consultatie is die bepaling geschrapt";
# "Elle a été rejetée à 71 % des voix"): a determiner before the same provision word, or a
# subject pronoun that opens the sentence
POINTING = {
    "en": {"the", "that", "this", "these", "those"},
    "nl": {"de", "het", "die", "dat", "deze", "dit"},
    "fr": {"la", "le", "les", "l'", "cette", "ce", "cet", "ces"},
}
# (not Dutch "het" or "dit", which are also articles: "Het bestuur heeft ... geschrapt")
SUBJECT_PRONOUNS = {
    "en": {"it", "they"},
    "nl": {"hij", "zij"},
    "fr": {"elle", "il", "elles", "ils", "celle-ci", "celui-ci"},
}
# what follows a provision word that is named anew, not pointed back at ("the provision on
# board pay", "de bepaling over", "la disposition relative à", "Provision 4.3")
NAMING_ANEW = {
    "en": {"on", "about", "concerning", "regarding", "of", "for", "to"},
    "nl": {"over", "inzake", "betreffende", "van", "om", "voor"},
    "fr": {"sur", "relative", "relatif", "concernant", "de", "d'", "du", "des", "pour", "visant"},
}


def withdraws_the_one_before(words: Sequence[str], before: Sequence[str], lang: str) -> bool:
    """Does this sentence withdraw the provision or proposal that the sentence `before`
    names, pointing back at it: "the / that proposal" (the same provision word as before)
    withdrawn, or a subject pronoun ("It was defeated", "Elle a été rejetée") when the
    sentence before names one?"""
    if not any(_provision_word_at(before, i, lang) for i in range(len(before))):
        return False
    first = next((i for i in range(len(words)) if _provision_word_at(words, i, lang)), None)
    if first is None:  # "It was rejected": the pronoun is the proposal
        return bool(words) and words[0] in SUBJECT_PRONOUNS.get(lang, ()) and _withdrawn(
            words, lang, 1, len(words), provision=True)
    if first == 0 or words[first - 1] not in POINTING.get(lang, ()) or words[first] not in before:
        return False
    # "the provision on board pay was deleted", "Provision 4.3": another one, named anew
    after = words[first + 1] if first + 1 < len(words) else ""
    if after in NAMING_ANEW.get(lang, ()) or after[:1].isdigit():
        return False
    return provision_withdrawn(words, lang)



def declined(words: Sequence[str], lang: str) -> bool:
    """Does the sentence decline what it names ("... but decided not to do so")? A sentence
    that declines and names nothing itself ("It decided not to do so for now") declines the
    sentence before it (`matcher._declined_by_next`)."""
    return bool(_scan(words, _phrases_of(DECLINED, lang)))


# a vote that defeats what it then names ("shareholders voted down resolution 14, which
# would have required ...", "stemden tegen het voorstel", "ont voté contre la résolution")
VOTED_DOWN = {
    "en": ["voted down", "voted against", "vote down", "vote against"],
    "nl": ["stemde tegen", "stemden tegen", "wees af", "wezen af"],
    "fr": ["voté contre", "votent contre", "a repoussé", "ont repoussé"],
}



def subject_withdrawn(words: Sequence[str], lang: str, spans: list[tuple[int, int]]) -> bool:
    """Does a clause that opens with its auxiliary withdraw the subject named in the clauses
    before it ("The entry into force of the policy, first planned for 2026, is postponed
    indefinitely", "..., est reportée sine die")?"""
    aux = WITHDRAWN.get(lang, ((), ()))[0]
    return any(s > 0 and words[s] in aux and _withdrawn(words, lang, s, e) for s, e in spans)


def strength(words: Sequence[str], lang: str, start: int, end: int) -> Strength | None:
    """The level of the first modal cue in words[start:end], or None when there is none."""
    found = _scan(words, _tables(lang)[2], start, end)
    return found[0][2] if found else None


def addressee(words: Sequence[str], lang: str) -> str | None:
    """Who the sentence addresses: the earliest board, management or company cue."""
    found = _scan(words, _tables(lang)[3])
    return found[0][2] if found else None


class Sentence:
    """One sentence's words with its clauses, negations, modal cues and addressee, each
    computed once and only when asked for."""

    def __init__(self, words: Sequence[str], lang: str, hyphen_after=None):
        self.words = words
        self.lang = lang
        self.hyphen_after = hyphen_after
        self._clauses: list[tuple[int, int]] | None = None
        self._clause_at: list[tuple[int, int]] | None = None
        self._negated: dict[tuple[int, int], bool] = {}
        self._may_negate: bool | None = None
        self._cues: list | None = None
        self._addressee: tuple[str | None] | None = None
        self._provision_withdrawn: bool | None = None

    @property
    def clauses(self) -> list[tuple[int, int]]:
        if self._clauses is None:
            self._clauses = clauses(self.words, self.lang)
        return self._clauses

    def clause_of(self, i: int) -> tuple[int, int]:
        if self._clause_at is None:
            spans = self.clauses
            at = [spans[-1]] * len(self.words)
            for span in spans:
                for j in range(span[0], span[1]):
                    at[j] = span
            self._clause_at = at
        return self._clause_at[i] if 0 <= i < len(self._clause_at) else clause_of(self.clauses, i)

    def set_may_negate(self, value: bool) -> None:
        """Tell the sentence whether it holds any negation word at all (a cheap pre-check)."""
        self._may_negate = value

    def negated_at(self, i: int) -> bool:
        if self._may_negate is None:
            self._may_negate = not negation_words(self.lang).isdisjoint(self.words)
        if not self._may_negate:
            return False
        if self._provision_withdrawn is None:
            self._provision_withdrawn = provision_withdrawn(self.words, self.lang) or \
                subject_withdrawn(self.words, self.lang, self.clauses) or declined(self.words, self.lang)
        if self._provision_withdrawn:
            return True
        clause = self.clause_of(i)
        value = self._negated.get(clause)
        if value is None:
            value = negated(self.words, self.lang, clause[0], clause[1], self.hyphen_after)
            self._negated[clause] = value
        return value

    def strength_at(self, i: int) -> Strength | None:
        """The first modal cue of the clause holding word i, else of the sentence."""
        if self._cues is None:
            self._cues = _scan(self.words, _tables(self.lang)[2])
        if not self._cues:
            return None
        s, e = self.clause_of(i)
        for pos, _, level in self._cues:
            if s <= pos < e:
                return level
        return self._cues[0][2]

    @property
    def addressee(self) -> str | None:
        if self._addressee is None:
            self._addressee = (addressee(self.words, self.lang),)
        return self._addressee[0]


@lru_cache(maxsize=None)
def negation_words(lang: str) -> frozenset[str]:
    """Words without which a sentence cannot be negated: of each cue its longest word
    (every word of a cue must be there for it to match, and the longest is the rarest:
    "stellen" of "uit te stellen", not "uit")."""
    neg, _, _, _ = _index(lang)
    words = {max(p, key=len) for p in neg}
    if lang == "fr":
        words |= FR_NE | {"pas"}
    words |= WITHDRAWN.get(lang, ((), ()))[1] | WITHDRAWN_WORDS.get(lang, set()) | DELETES.get(lang, set())
    words |= REJECTED.get(lang, set()) | {max(_tok(p), key=len) for p in NOT_TAKEN_UP.get(lang, [])}
    words |= WITHDRAWS.get(lang, set())
    words |= {max(_tok(p), key=len) for p in DECLINED.get(lang, []) + VOTED_DOWN.get(lang, [])}
    return frozenset(words)


# --------------------------------------------------------------------------- institutions

# public bodies whose names hold a word that a term reads as the company's board: the
# Council of the European Union in the citation of every EU act ("het Europees Parlement en
# de Raad", "du Parlement européen et du Conseil"), the Council of Europe, a Council of State
# and Belgian advisory councils. A hit inside such a name is no hit (round 24, found by
# reading the CSRD's articles in English against Dutch: `tools/parallel.py`).
INSTITUTIONS = {
    "en": [r"European Parliament and (?:of )?the Council", r"Council of the European Union",
           r"European Council", r"Council of Europe", r"Council of State"],
    "nl": [r"Europees Parlement en (?:van )?de Raad", r"Raad van de Europese Unie", r"Europese Raad",
           r"Raad van Europa", r"Raad van State", r"Hoge Raad", r"Centrale Raad voor het Bedrijfsleven"],
    "fr": [r"Parlement européen et du Conseil", r"Conseil de l['’]Union européenne", r"Conseil européen",
           r"Conseil de l['’]Europe", r"Conseil d['’][EÉ]tat", r"Conseil central de l['’][ée]conomie",
           r"Conseil national du travail", r"Conseil supérieur"],
}
# names are written as official texts write them, capitalised: each holds its language's
# key word, so a text without it costs one substring test
_INSTITUTION_KEY = {"en": "Council", "nl": "Raad", "fr": "Conseil"}
_INSTITUTION_PATTERNS = {lang: re.compile(r"\b(?:" + "|".join(names) + r")\b")
                         for lang, names in INSTITUTIONS.items()}


def institution_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """The character spans of the names of public institutions in `text` (`INSTITUTIONS`)."""
    key = _INSTITUTION_KEY.get(lang)
    if key is None:
        return []
    spans: list[tuple[int, int]] = []
    at = text.find(key)
    while at >= 0:  # read only around each key word: no name is longer than 45 characters
        start = max(0, at - 45, spans[-1][1] if spans else 0)
        for m in _INSTITUTION_PATTERNS[lang].finditer(text, start, at + len(key) + 45):
            if m.start() <= at < m.end() and (not spans or m.start() >= spans[-1][1]):
                spans.append(m.span())
        at = text.find(key, at + len(key))
    return spans
