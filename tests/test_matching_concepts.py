"""Concept sets (`codecheck/matching/concepts/<lang>.yaml`): a term's "@harm" alternative
stands for every phrase of the set, in each language, with no phrase combinations added."""

from __future__ import annotations

import pytest

pytest.importorskip("spacy")

from codecheck.catalogue.validate import term_problem
from codecheck.matching import concepts
from codecheck.matching.concepts import concept_names, concept_sets
from codecheck.matching.terms import expand_term

from test_matching_mechanisms import catalogue, code, evidence, req
from test_matching_synonyms import data_file_error

ACTION = {"en": "monitor", "nl": "monitoren", "fr": "surveiller"}
TEXT = {"en": "The group will monitor {} at its sites.",
        "nl": "De groep zal {} op haar sites monitoren.",
        "fr": "Le groupe va surveiller {} sur ses sites."}


@pytest.mark.parametrize("lang,name", [(lang, name) for lang in ("en", "nl", "fr")
                                       for name in sorted(concept_sets(lang))])
def test_every_phrase_of_a_set_counts_for_the_set(lang, name):
    assert set(concept_sets(lang)) == set(concept_sets("en"))  # every language has every set
    cat = catalogue(req("MON", {lang: [f"{ACTION[lang]} + human rights | {name}"]}))
    phrases = concept_sets(lang)[name]
    missed = [p for p in phrases if not evidence(cat, code(lang, TEXT[lang].format(p)), "MON")]
    assert not missed


@pytest.mark.parametrize("lang", ["en", "nl", "fr"])
def test_the_harm_set_needs_its_partner_side(lang):
    cat = catalogue(req("MON", {lang: [f"{ACTION[lang]} + human rights | @harm"]}))
    phrases = concept_sets(lang)["@harm"]
    # the set's name is no phrase of its own, and the other side is still needed
    assert not evidence(cat, code(lang, TEXT[lang].format("harm")), "MON")
    assert not evidence(cat, code(lang, TEXT[lang].replace(ACTION[lang], "x").format(phrases[0])), "MON")


def test_an_exclusion_can_name_a_set():
    """An exclusion written as a set excludes the requirement from a sentence with any of
    the set's phrases (round 20f, `@site-people`), and from no other sentence."""
    cat = catalogue(req("VC", {"en": ["forced labour + suppliers | contractors"]}, exclude={"en": ["@site-people"]}))
    phrases = concept_sets("en")["@site-people"]
    assert not evidence(cat, code("en", f"All {phrases[0]} may report forced labour."), "VC")
    assert evidence(cat, code("en", "Our contractors may report forced labour."), "VC")


def test_a_set_adds_no_phrase_combinations():
    assert len(expand_term("monitor + human rights | @harm")) == 2


def test_a_set_a_language_lacks_never_matches(monkeypatch):
    # (a term's side must not fall away: "monitor + @nowhere" is not "monitor")
    cat = catalogue(req("MON", {"en": ["monitor + @nowhere"]}))
    assert not evidence(cat, code("en", "The group will monitor everything."), "MON")


def test_validate_knows_the_sets():
    assert "@harm" in concept_names()
    assert term_problem("monitor + human rights | @harm") is None
    problem = term_problem("monitor + @hamr")
    assert problem is not None and "@harm" in problem


@pytest.mark.parametrize("content", ["concepts: [a]\n", "concepts:\n  Harm: [x]\n", "concepts:\n  harm: []\n",
                                     "concepts:\n  harm: ['@other']\n", "concepts: {\n"])
def test_a_malformed_concept_file_is_an_error(tmp_path, monkeypatch, content):
    error = data_file_error(tmp_path, monkeypatch, content, concepts, "CONCEPT_DIR", concept_sets)
    assert error.code == "E222"


# the bundled catalogue pairs sets with each other: engagement with the affected people or
# their representatives, and measures against a concrete harm (none of these sentences
# names a theme's textbook words)
BUNDLED = [
    ("en", "The complaints procedure was designed together with the three village councils.",
     "stakeholder-engagement"),
    ("nl", "Het klachtenkanaal is samen met de huurdersverenigingen en de buurtcomités opgezet.",
     "stakeholder-engagement"),
    ("fr", "Le dispositif a été élaboré avec les associations de riverains et les comités de quartier.",
     "stakeholder-engagement"),
    ("en", "The group introduced measures against heavy lifting and noise exposure in its warehouses.",
     "prevention-mitigation"),
    ("nl", "De groep voerde maatregelen tegen tilbelasting en geluidsoverlast in de magazijnen in.",
     "prevention-mitigation"),
    ("fr", "Le groupe a pris des mesures de prévention contre les troubles musculo-squelettiques "
           "dans ses entrepôts.", "prevention-mitigation"),
    # assessing risks for a group of people; a channel or a complaint of such a group;
    # a standard of the ESRS or published emissions
    ("en", "The shipping line assessed the risks for its crews on long voyages.", "impact-assessment"),
    ("nl", "De rederij beoordeelde de risico's voor de bemanning op lange reizen.", "impact-assessment"),
    ("fr", "La compagnie a évalué les risques pour les équipages lors des longues traversées.",
     "impact-assessment"),
    ("en", "Farm workers at our growers can call an independent hotline in their own language.",
     "grievance-mechanism"),
    ("nl", "Plukkers bij onze telers kunnen een onafhankelijke hotline in hun eigen taal bellen.",
     "grievance-mechanism"),
    ("fr", "Les cueilleurs de nos producteurs peuvent joindre un numéro vert indépendant dans leur langue.",
     "grievance-mechanism"),
    ("en", "Our gross Scope 3 emissions are disclosed on page 40 of this report.", "reporting"),
    ("nl", "Toelichting bij ESRS S1: het verloop van het personeel is gedaald.", "reporting"),
    ("fr", "Le groupe publie chaque année ses émissions de gaz à effet de serre.", "reporting"),
    # making good a concrete harm
    ("en", "Drivers affected by wage theft received back pay for the full period.", "remediation"),
    ("nl", "Bezorgers die het slachtoffer waren van loondiefstal, krijgen een nabetaling.", "remediation"),
    ("fr", "Les riverains exposés aux fumées toxiques bénéficient d'un suivi médical aux frais de "
           "l'entreprise.", "remediation"),
    # making public what due diligence found, or a concrete harm
    ("en", "The group publishes on its website how many workers in its warehouses reported heat stress.",
     "reporting"),
    ("nl", "De groep publiceert jaarlijks een verklaring over haar zorgvuldigheidsaanpak.", "reporting"),
    ("fr", "Le rapport sur le gouvernement d'entreprise précise comment le comité suit le plan de "
           "vigilance.", "reporting"),
    # ending a contract over a harm; meeting the unions; a sustainability statement
    ("fr", "Le groupe a immédiatement rompu le contrat avec le sous-traitant qui confisquait les passeports.",
     "prevention-mitigation"),
    ("fr", "La direction rencontre chaque trimestre la délégation syndicale.", "stakeholder-engagement"),
    ("fr", "La société a publié sa première déclaration de durabilité.", "reporting"),
    ("nl", "De bank legt jaarlijks verantwoording af over haar reductiedoelen voor 2030.", "reporting"),
    # (a synonym class, not a set: the participle "mis" is "mettre")
    ("fr", "Le groupe a mis fin à la relation avec le fournisseur.", "prevention-mitigation"),
    # round 10: remedy for the people harmed, measures for the people at risk
    ("en", "Pickers who were underpaid last season are reimbursed by the importer.", "remediation"),
    ("nl", "De werknemers van de verwerker worden terugbetaald.", "remediation"),
    ("fr", "Les familles des mineurs reçoivent une indemnisation du groupe.", "remediation"),
    ("en", "The port operator introduced protective measures for dockers working at night.",
     "prevention-mitigation"),
    # ... and the partners named by what they do for the company
    ("en", "The fund carries out human rights due diligence on the companies it invests in.", "value-chain"),
    ("nl", "De verwerkers van onze garnalen moeten een klachtenmechanisme voor arbeiders inrichten.",
     "value-chain"),
    ("fr", "Les fabricants de nos uniformes mettent en place un mécanisme de réclamation pour les "
           "ouvrières.", "value-chain"),
    # round 11: work given out (outsourced) and partners named by the supply itself
    ("nl", "De groep beoordeelt jaarlijks de risico's op uitbuiting bij uitbestede schoonmaakdiensten.",
     "value-chain"),
    ("fr", "Le groupe évalue les risques de travail forcé dans les flottes de pêche qui nous "
           "approvisionnent.", "value-chain"),
    # round 13 (ESRS sample 1): environmental matters are sustainability matters to disclose ...
    ("en", "The company discloses the pollution its plants cause and the resources it spends to cut it.",
     "reporting"),
    ("en", "The group makes public its water consumption in areas of high water stress.", "reporting"),
    ("nl", "De groep maakt haar energieverbruik en de gevolgen voor de biodiversiteit openbaar.", "reporting"),
    ("fr", "La société publie chaque année sa consommation d'eau et ses déchets dangereux.", "reporting"),
    # ... and actions to address negative impacts prevent or mitigate them
    ("en", "The report describes the actions to address negative impacts on the drivers of its "
           "subcontractors.", "prevention-mitigation"),
    # round 13b: reporting on sustainability matters in the CSRD's words, in each language
    ("en", "Large companies must report information on sustainability matters, including human rights.",
     "reporting"),
    ("nl", "Ondernemingen moeten rapporteren over de rol van het bestuur met betrekking tot "
           "duurzaamheidsaangelegenheden.", "reporting"),
    ("fr", "Les entreprises devraient rendre compte du rôle du conseil d'administration en ce qui concerne "
           "les questions de durabilité.", "reporting"),
    ("en", "The company audits its sourcing in high-risk countries for forced labour.", "value-chain"),
    ("nl", "De onderneming vermeldt welke taken haar bestuurs-, leidinggevende en toezichthoudende organen "
           "hebben inzake duurzaamheidsaangelegenheden.", "reporting"),
    ("fr", "L'entreprise indique le rôle des organes d'administration, de direction et de surveillance en "
           "ce qui concerne les questions de durabilité.", "reporting"),
    # ... and the CSRD's Dutch words for sustainability matters and incentive schemes are synonyms
    ("nl", "De raad van bestuur houdt toezicht op de duurzaamheidsaangelegenheden van de groep.", "board-oversight"),
    ("nl", "De vennootschap legt uit of haar incentiveregelingen verband houden met duurzaamheid.", "incentives"),
    # round 14 (parallel CSRD articles): the workers' representation as a body is a stakeholder
    # in Dutch as "workers' representatives" is in English
    ("nl", "De directie bespreekt met de werknemersvertegenwoordiging hoe het klimaatplan wordt uitgevoerd.",
     "stakeholder-engagement"),
    ("en", "Management discusses the climate plan with the workers' representatives every year.",
     "stakeholder-engagement"),
    # (a count of complaints that is published still is a disclosure)
    ("en", "The group publishes each year the number of complaints received from workers in its "
           "supply chain.", "reporting"),
    ("nl", "Het jaarverslag vermeldt het aantal klachten van werknemers van leveranciers.", "reporting"),
    ("fr", "Le rapport de gestion indique le nombre de plaintes reçues des ouvriers des fournisseurs.",
     "reporting"),
    # (a hotline for the workers of suppliers still is a grievance mechanism)
    ("en", "Workers of suppliers can raise complaints about their pay through the group's hotline.",
     "grievance-mechanism"),
    ("nl", "Werknemers van leveranciers kunnen via het meldpunt klachten over hun arbeidsomstandigheden "
           "indienen.", "grievance-mechanism"),
    # (a stakeholder dialogue on human rights still is engagement)
    ("en", "The annual stakeholder dialogue with unions and NGOs covers the human rights of port workers.",
     "stakeholder-engagement"),
    # (a board that approves the transition plan still oversees it)
    ("en", "The board approves the group's climate transition plan each year.", "board-oversight"),
    # (a trade union still is one where an EU word stands near it)
    ("en", "Management meets the European Works Council and the dockers' union once a year.",
     "stakeholder-engagement"),
    # ... and due diligence on sustainability matters is due diligence in English and French, as
    # the Dutch zorgvuldigheidsproces already was
    ("en", "The group explains how its due diligence covers sustainability matters in its own operations.",
     "due-diligence"),
    ("fr", "Le groupe explique comment sa diligence raisonnable couvre les questions de durabilité.",
     "due-diligence"),
    ("nl", "De groep legt uit hoe haar due diligence de duurzaamheidskwesties in haar eigen activiteiten dekt.",
     "due-diligence"),
    # round 15: the chain named by who makes, grows or staffs for the company, not only by
    # "suppliers" (and audits at those partners are monitoring)
    ("en", "Our knitwear is sewn by two manufacturers in Bangladesh, which must respect the freedom of "
           "association.", "value-chain"),
    ("en", "The labour agencies the group uses must respect the working hours and pay a living wage to "
           "the workers they place.", "value-chain"),
    ("fr", "Les agences d'intérim auxquelles recourt le groupe doivent respecter le temps de travail des "
           "travailleurs qu'elles placent.", "value-chain"),
    ("en", "Every year the company audits the growers that supply its berries.", "monitoring"),
    ("nl", "Elk jaar worden de ateliers die de tapijten weven geaudit.", "monitoring"),
    # ... a commitment to "the rights of" the people concerned is a human-rights commitment
    ("en", "The board has approved a statement in which the company commits to respect the rights of the "
           "pickers who harvest its tea.", "policy-commitment"),
    ("nl", "De raad van bestuur keurde een verklaring goed waarin de onderneming zich ertoe verbindt de "
           "rechten van de plukkers te respecteren.", "policy-commitment"),
    ("fr", "Le conseil a approuvé une déclaration par laquelle la société s'engage à respecter les droits "
           "des cueilleurs.", "policy-commitment"),
    # ... and a risk register or internal control framework that holds a concrete harm, or the
    # risk that something happens to people, handles human-rights risks
    ("en", "The risk register lists the risk that seasonal workers are housed in overcrowded caravans, "
           "next to credit and currency risks.", "risk-management"),
    ("en", "The internal control framework now covers falls from height on the drying racks.",
     "risk-management"),
    ("nl", "Het risicoregister vermeldt naast het valutarisico ook het risico dat seizoenarbeiders te "
           "lange dagen maken.", "risk-management"),
    ("fr", "Le registre des risques mentionne, à côté du risque de change, le risque que des enfants "
           "travaillent chez les producteurs.", "risk-management"),
    # round 16: the chain named by a relative clause (the farms that supply us, les artisans qui lui
    # fournissent, de boeren die ons leveren) or by the traders and agents of primary supply chains
    ("en", "The company found child labour on two smallholdings that supply one of its buying "
           "stations.", "value-chain"),
    ("en", "Porters hired by the collecting agents were paid below the legal minimum wage.", "value-chain"),
    ("nl", "De groep onderzoekt of er kinderarbeid is in de werkplaatsen die haar manden leveren.", "value-chain"),
    ("nl", "Matrozen die via bemanningsbureaus worden geworven, betaalden wervingskosten; dat is een vorm "
           "van dwangarbeid.", "value-chain"),
    ("fr", "L'entreprise respecte les droits humains des potiers qui lui fournissent ses vases.",
     "value-chain"),
    ("fr", "Selon l'enquête de l'ONG, il y a du travail des enfants chez les collecteurs de vanille.",
     "value-chain"),
    ("en", "Where one of our growers fails to end child labour on its farm, the contract is suspended.",
     "value-chain"),
    # round 16c: "no reprisals" protects a reporter: the negation states the standard
    ("nl", "De vennootschap neemt geen represailles tegen de melder van een inbreuk.", "whistleblowing"),
    ("en", "There will be no retaliation against anyone who reports a breach of the law in good faith.",
     "whistleblowing"),
    ("fr", "Aucune mesure de représailles ne peut être prise contre l'auteur d'un signalement.",
     "whistleblowing"),
    # ... and the true readings of the terms narrowed in round 16c still count
    ("en", "The company bears liability for the damage caused where it fails its human rights due "
           "diligence obligations.", "remediation"),
    ("nl", "Vermoedens van misstanden kunnen vertrouwelijk bij de vertrouwenspersoon worden gemeld.",
     "whistleblowing"),
    # round 17a: a purpose clause says what a concrete measure prevents (French and Dutch)
    ("fr", "Afin de protéger la santé des laveurs, l'atelier remplace le solvant par un produit à base "
           "d'eau.", "prevention-mitigation"),
    ("fr", "Pour réduire l'exposition des voisins aux poussières, la carrière arrose les pistes.",
     "prevention-mitigation"),
    ("nl", "Om te voorkomen dat omwonenden last krijgen van de nachtelijke leveringen, rijden de "
           "vrachtwagens pas na zeven uur.", "prevention-mitigation"),
    # round 17b: the board told of a concrete harm oversees it
    ("en", "Each quarter the board receives a report on the unpaid wages found at the packing sheds.",
     "board-oversight"),
    ("nl", "Het auditcomité wordt jaarlijks geïnformeerd over de arbeidsongevallen in de werkplaats.",
     "board-oversight"),
    ("fr", "Le conseil de surveillance est informé chaque trimestre des accidents du travail survenus "
           "dans les ateliers.", "board-oversight"),
    # round 17f: a partner named with a concrete harm to its workers is the value chain, with no
    # other requirement's evidence needed ("@partners + @harm")
    ("en", "Drivers hired by our logistics providers regularly exceed the legal driving hours.", "value-chain"),
    ("nl", "De chauffeurs van onze logistieke partners overschrijden geregeld de rijtijden.", "value-chain"),
    ("fr", "Les marins recrutés par des agences de placement paient souvent des frais de recrutement.",
     "value-chain"),
    # round 17g: remedy for child labour is schooling paid for; a channel may be a service or a desk
    ("en", "Where children are found picking on a supplying farm, the company pays each child's school fees "
           "until the age of fifteen.", "remediation"),
    ("nl", "Wordt op een ledenbedrijf kinderarbeid vastgesteld, dan betaalt de coöperatie het schoolgeld van "
           "het kind.", "remediation"),
    ("fr", "Lorsque des enfants travaillent chez un fournisseur, la société finance leur scolarisation jusqu'à "
           "seize ans.", "remediation"),
    ("en", "Seasonal workers on the farms can reach a concerns line in their own language.",
     "grievance-mechanism"),
    ("nl", "Omwonenden kunnen overlast en scheuren in hun woning melden bij het omgevingsloket.",
     "grievance-mechanism"),
    ("fr", "Les riverains peuvent joindre une permanence téléphonique pour signaler les nuisances du chantier.",
     "grievance-mechanism"),
    # round 17h: measures against dust, and a corrective plan, are measures
    ("en", "The quarry's dust-suppression measures protect the residents of the hamlet.", "prevention-mitigation"),
    ("fr", "Un plan correctif est exigé de l'atelier où du travail d'enfants a été constaté.",
     "prevention-mitigation"),
    # round 17i: a vessel chartered is a business relationship
    ("en", "Crews on chartered vessels were found to work excessive overtime in the harvest season.", "value-chain"),
    ("nl", "Op gecharterde schepen bleken de bemanningsleden overmatige overuren te maken.", "value-chain"),
    # round 17j: where the goods come from, and partner firms, in French
    ("fr", "Dans les villages proches des mines d'où provient notre cobalt, des familles ont subi des "
           "expulsions forcées.", "value-chain"),
    ("fr", "Les équipages des compagnies partenaires font souvent des heures supplémentaires excessives.",
     "value-chain"),
    # round 18a: ending or suspending the relationship, or the orders, is the last step of mitigation
    ("en", "If the tannery has not removed the locked exits within sixty days, we will end the relationship.",
     "prevention-mitigation"),
    ("en", "Where a weaving shed still employs children after the agreed period, the buyer suspends new orders.",
     "prevention-mitigation"),
    ("nl", "Leeft de kwekerij het verbeterplan na twee waarschuwingen niet na, dan beëindigen wij de samenwerking.",
     "prevention-mitigation"),
    ("nl", "Bij ernstige misstanden in een naaiatelier schort de groep haar bestellingen op.",
     "prevention-mitigation"),
    ("fr", "Si la scierie ne corrige pas les conditions dangereuses, la société met fin à la relation.",
     "prevention-mitigation"),
    ("fr", "Si l'armateur refuse la visite de nos observateurs, l'acheteur suspend ses achats de poisson.",
     "prevention-mitigation"),
    # round 18c: partners named by what they carry, pack or make for the company, with a harm
    ("nl", "De chauffeurs van onze transportpartners rijden geregeld langer dan de wettelijke rijtijden.",
     "value-chain"),
    ("nl", "In de naaiateliers waar wij onze jassen laten maken, zijn overmatige overuren vastgesteld.",
     "value-chain"),
    ("en", "Gangmasters in the region were found to charge pickers recruitment fees.", "value-chain"),
    ("fr", "Dans les ateliers où la société fait fabriquer ses sacs, du travail des enfants a été constaté.",
     "value-chain"),
    ("nl", "De onderaannemer laat zijn lassers met onveilige machines werken.", "value-chain"),
    # round 18e: interviewing affected people is engaging them
    ("en", "Each spring we interview the seasonal pickers and their union about housing and pay.",
     "stakeholder-engagement"),
    ("nl", "Het bedrijf liet de omwonenden en hun vereniging interviewen over stof en lawaai.",
     "stakeholder-engagement"),
    ("fr", "Les résultats des mesures de bruit sont examinés avec l'association des riverains.",
     "stakeholder-engagement"),
    # round 18f: workers of a partner injured, burned or poisoned are harmed in the value chain
    ("en", "At one of our subcontractors two welders were badly burned last spring.", "value-chain"),
    ("en", "Cutters at a supplying farm were injured by falling branches.", "value-chain"),
    ("nl", "Bij een onderaannemer liepen twee lassers brandwonden op.", "value-chain"),
    ("nl", "Bij de toeleverancier liepen drie sorteerders letsel op aan de handen.", "value-chain"),
    ("fr", "Chez un sous-traitant, deux soudeurs ont été gravement blessés.", "value-chain"),
    ("fr", "Des ouvriers d'un fournisseur ont subi une intoxication au plomb.", "value-chain"),
    # round 18g: the board to which the provision's due-diligence work is presented, or which decides on it
    ("en", "Corrective plans were agreed with the supplying farms where children were found working. The plans "
           "were presented to the board in May.", "board-oversight"),
    ("nl", "Bij twee onderaannemers werden ingehouden paspoorten vastgesteld. Het verbeterplan werd voorgelegd "
           "aan de raad van commissarissen.", "board-oversight"),
    ("fr", "Des enfants travaillaient dans deux ateliers fournisseurs. Le conseil d'administration a décidé de "
           "suspendre les commandes.", "board-oversight"),
    # round 18b: checking payslips, hours or housing, and visiting unannounced, is monitoring
    ("en", "Twice a year our buyers check the payslips of the stitchers at each leather workshop.", "monitoring"),
    ("en", "The sorting sheds that pack our dates receive unannounced visits from an external auditor.",
     "monitoring"),
    ("nl", "De inkoper controleert elk voorjaar de werktijden van de plukkers bij de kwekerijen.", "monitoring"),
    ("nl", "Elke looierij krijgt minstens eenmaal per jaar een onaangekondigd bezoek van onze auditor.",
     "monitoring"),
    ("fr", "Notre acheteur vérifie chaque saison les bulletins de paie des cueilleuses chez les producteurs.",
     "monitoring"),
    ("fr", "Chaque atelier de couture reçoit au moins une fois par an une inspection inopinée de notre acheteur.",
     "monitoring"),
    # round 19a: measures taken with or at business partners are prevention
    ("en", "A corrective plan was agreed with each of the two tanneries.", "prevention-mitigation"),
    ("nl", "Bij beide exporteurs hebben wij beschermingsmaatregelen gefinancierd.", "prevention-mitigation"),
    ("fr", "Des équipements de protection ont été fournis aux façonniers.", "prevention-mitigation"),
    # round 19b: audits of business partners counted, found or reported are monitoring
    ("en", "The sustainability statement gives the number of audits carried out at our subcontractors.",
     "monitoring"),
    ("nl", "Het jaarverslag vermeldt het aantal audits bij onze leveranciers.", "monitoring"),
    ("fr", "Le nombre d'audits effectués chez les filateurs figure dans le rapport.", "monitoring"),
    # round 19c: bonded labour named in Dutch
    ("nl", "Op de boerderijen van een leverancier werken mensen in gebonden arbeid.", "value-chain"),
    # round 19d: listening and information meetings with village and parish bodies
    ("en", "Before the extension we held three listening sessions with the parish council.",
     "stakeholder-engagement"),
    ("nl", "De directie hield infovergaderingen met het dorpscomité.", "stakeholder-engagement"),
    ("fr", "La direction a organisé des séances d'écoute avec le comité de village.", "stakeholder-engagement"),
    # round 19g: the regions the company sources from
    ("nl", "In elke herkomstregio van onze vanille brengen wij het risico op kinderarbeid in kaart.", "value-chain"),
    ("en", "In the regions of origin of our vanilla, child labour is a salient risk.", "value-chain"),
    # round 20h: the results of partners' audits
    ("en", "The report lists the results of audits at our feed suppliers.", "monitoring"),
    ("nl", "De directie bespreekt de uitkomsten van de audits bij onze leveranciers.", "monitoring"),
    ("fr", "Le rapport donne les résultats d'audit de nos fournisseurs de cacao.", "monitoring"),
    # round 20g: the annual report giving the complaints received
    ("en", "The governance statement gives the number of whistleblowing reports and concerns raised.", "reporting"),
    ("nl", "In het bestuursverslag staat hoeveel klachten de pluksters hebben ingediend.", "reporting"),
    ("fr", "Le rapport de gestion indique le nombre de signalements reçus.", "reporting"),
    # round 20e: other names of a channel for complaints
    ("nl", "Bemanningsleden kunnen anoniem een vertrouwenslijn bellen.", "grievance-mechanism"),
    ("nl", "Omwonenden kunnen terecht bij een onafhankelijke ombudsdienst.", "grievance-mechanism"),
    # round 20b: those who work for the company from outside it
    ("nl", "Bij de loonwerkbedrijven op de akkers komt kinderarbeid voor.", "value-chain"),
    ("fr", "Dans les ateliers sous-traités, le travail des enfants est interdit.", "value-chain"),
    # round 21a: paying less than is due, conflicts over land
    ("en", "Franchisees may underpay their apprentices.", "value-chain"),
    ("nl", "De raad krijgt een rapportage over landconflicten rond de plantages van onze leveranciers.", "value-chain"),
    ("fr", "Les fournisseurs qui sous-payent leurs cueilleurs sont exclus.", "value-chain"),
    # round 21b: more kinds of partner
    ("en", "At two sawmills the auditors found child labour.", "value-chain"),
    # round 21c: ending or scaling down a relationship in other words
    ("en", "A supplier that fails the labour audit twice loses its right to deliver.", "prevention-mitigation"),
    ("nl", "Met leveranciers die weigeren, bouwen we de handelsrelatie af.", "prevention-mitigation"),
    ("fr", "Un manquement grave du fournisseur entraîne la résiliation du contrat.", "prevention-mitigation"),
    # round 21e: more of the people a complaint channel is for, free phone lines by other names
    ("en", "Harvesters can raise concerns through a toll-free line run by a local charity.", "grievance-mechanism"),
    ("nl", "Oogsters kunnen klachten melden via een gratis telefoonnummer.", "grievance-mechanism"),
    ("fr", "Les personnes touchées peuvent déposer une plainte.", "grievance-mechanism"),
    ("fr", "Les couturières disposent d'un numéro d'appel gratuit.", "grievance-mechanism"),
    # round 21f: making good by paying the treatment, the wages lost, a new home
    ("en", "The quarry pays the lost wages of the workers hurt in the collapse.", "remediation"),
    ("en", "The two families whose homes were flooded will be rehoused at the company's cost.", "remediation"),
    ("nl", "De mijn zal de gezinnen van wie de woning beschadigd is herhuisvesten.", "remediation"),
    ("fr", "La société prend à sa charge les frais médicaux des enfants intoxiqués.", "remediation"),
    # round 21g: the board or a committee receiving or discussing what other evidence names
    ("nl", "Het auditcomité bespreekt jaarlijks de klachten van werknemers van onderaannemers.", "board-oversight"),
    ("fr", "Le conseil d'administration reçoit chaque semestre les résultats des audits sociaux chez les fournisseurs.",
     "board-oversight"),
]


def _bundled_themes(lang: str, text: str) -> set[str]:
    """The themes the bundled catalogue finds in a one-provision code (as `evaluate`)."""
    from codecheck.catalogue import load_catalogue
    from codecheck.matching import assess, provision_themes

    c = code(lang, text)
    return provision_themes(assess([c], load_catalogue()), c.id).get("1", set())


@pytest.mark.parametrize("lang,text,theme", BUNDLED)
def test_the_bundled_catalogue_pairs_sets(lang, text, theme):
    assert theme in _bundled_themes(lang, text)


@pytest.mark.parametrize("lang,text", [
    # a set's phrase inside a Dutch compound: "bewoners" (@stakeholders) + "overleg" (@engage)
    ("nl", "De groeve organiseert elk jaar een bewonersoverleg over stof en lawaai."),
    # a set's phrase in another form than the one written in the set
    ("fr", "La coopérative organise une réunion annuelle avec les syndicats agricoles sur l'hébergement des "
           "saisonniers."),
])
def test_a_set_phrase_is_found_as_a_term_phrase_is(lang, text):
    # the spelling, compound and gap scans look for a concept set's words as for a term's
    # (twelfth session: before, a set's phrases were found only as written, word for word)
    assert "stakeholder-engagement" in _bundled_themes(lang, text)


def test_a_prohibition_in_a_code_is_no_measure():
    # "ban on" / "verbod op" states a standard in a code of conduct; it is not in @measures
    text = "The supplier code of conduct includes a ban on recruitment fees and forced labour."
    assert "prevention-mitigation" not in _bundled_themes("en", text)


@pytest.mark.parametrize("lang,text,theme", [
    # patients are left out of @people: a data-protection impact assessment is no HRDD step
    ("en", "The hospital carried out a data protection impact assessment before the new portal "
           "for patients went live.", "impact-assessment"),
    # ... and the impact-assessment requirements exclude data protection outright
    ("fr", "Avant le déploiement d'un outil de géolocalisation des livreurs, la plateforme réalise "
           "une analyse d'impact relative à la protection des données.", "impact-assessment"),
    # an integrity desk or confidential counsellor is a whistleblowing channel, not a grievance one
    ("nl", "Medewerkers kunnen een vermoeden van een misstand melden bij het meldpunt integriteit "
           "of de vertrouwenspersoon.", "grievance-mechanism"),
    # an allowance ("vergoeding") is no remedy
    ("nl", "Het beleid voorziet in een onkostenvergoeding voor alle werknemers en voor uitzendkrachten.",
     "remediation"),
    # round 13: assuring a sustainability statement checks the report, not whether measures work
    ("en", "Member States ensure that an independent provider gives assurance on the sustainability "
           "reporting of large companies.", "monitoring"),
    ("en", "The audit committee reviews the forward-looking information and the metrics and targets in "
           "the sustainability statement.", "monitoring"),
    # ... and due diligence being an ongoing process is due diligence, not a check on it
    ("en", "The company's human rights due diligence is an ongoing process in which it talks with its "
           "workers.", "monitoring"),
    # "sources" of information are no sourcing: the written form "sourcing" is a synonym of
    # "procurement" (a class), so it no longer shares its lemma with "source" (round 13c)
    ("en", "The board reviews the sources of information used for the human rights due diligence of "
           "the group.", "value-chain"),
    # the SFDR's indicators of principal adverse impacts are disclosure data, not a check that
    # measures work (round 13d; not in French, where the words also mean the main impacts)
    ("en", "This information supports financial market participants because it is derived from an "
           "indicator related to principal adverse impacts on human rights.", "monitoring"),
    # reporting to the board on sustainability matters is internal, not public
    ("en", "Management reports to the board every quarter on sustainability matters.", "reporting"),
    ("nl", "Het management rapporteert elk kwartaal aan de raad van bestuur over duurzaamheidsaangelegenheden.",
     "reporting"),
    ("fr", "La direction rend compte chaque trimestre au conseil d'administration des questions de durabilité.",
     "reporting"),
    ("nl", "Het management licht de raad van bestuur elk kwartaal toe over duurzaamheidsaangelegenheden.",
     "reporting"),
    # the statutory auditor's work is excluded in the EU's words as in Belgium's (commissaris,
    # commissaire): wettelijke auditor, contrôleur légal, as "statutory auditor" in English
    ("en", "The statutory auditor gives an opinion on the assurance of the group's sustainability "
           "reporting.", "reporting"),
    ("nl", "De wettelijke auditor geeft een oordeel over de assurance van de duurzaamheidsrapportering "
           "van de groep.", "reporting"),
    ("fr", "Le contrôleur légal des comptes émet un avis sur l'assurance des informations en matière "
           "de durabilité publiées par le groupe.", "reporting"),
    # ... and financial reporting in the EU's Dutch word (verslaglegging, a synonym of verslaggeving)
    ("nl", "De auditors hebben ervaring met financiële verslaglegging en met duurzaamheidsrapportering.",
     "reporting"),
    # the Union of EU law is no trade union, and the CSRD's assurance services provider no supplier
    ("en", "The statement is made public together with the opinion in an official language of the "
           "European Union.", "stakeholder-engagement"),
    ("en", "Independent assurance services providers give an opinion on the sustainability reporting of "
           "the group.", "value-chain"),
    # round 14f: a count of complaints tracked is an indicator, not a disclosure; and an element
    # names an attribute of its requirement's measure, in that measure's theme: informing staff
    # of a speak-up channel, its answer times, legitimate processes of remedy, labour rights as
    # the scope of due diligence
    ("en", "Every quarter the group tracks the number of complaints received to judge whether its "
           "channel for farm workers works.", "reporting"),
    ("en", "The speak-up channel for breaches of the law is announced to all staff on the intranet.",
     "reporting"),
    ("fr", "L'auteur d'un signalement d'une violation de la loi reçoit un accusé de réception sous sept "
           "jours et un retour d'information sous trois mois.", "monitoring"),
    ("en", "Where the company caused harm to workers, it cooperates in their remediation through "
           "legitimate processes.", "grievance-mechanism"),
    ("en", "The board reviews each year what the human rights due diligence found on working conditions "
           "at the farms that supply it.", "impact-assessment"),
    # round 14g: naming the risk of forced labour (in a register, a training) assesses nothing ...
    ("en", "The risk register lists the risk of forced labour in the supply chain as a separate item.",
     "impact-assessment"),
    ("nl", "De aankopers volgen een opleiding over het risico op kinderarbeid in de cacaoteelt.",
     "impact-assessment"),
    # ... and a speak-up line open to suppliers, who may report breaches, is whistleblowing
    ("en", "Employees, contractors and suppliers may report breaches of the law through the speak-up line.",
     "grievance-mechanism"),
    ("fr", "Les salariés, les intérimaires et les fournisseurs peuvent signaler une violation de la loi "
           "par la ligne d'alerte.", "grievance-mechanism"),
    # round 14h: a dialogue with shareholders is no stakeholder engagement; excluding investees
    # over gross human rights abuses is no risk management; a human rights training is no
    # due diligence system of its own
    ("en", "Stakeholder dialogue: the chair meets the largest shareholders each year on the dividend.",
     "stakeholder-engagement"),
    ("nl", "De jaarlijkse stakeholderdialoog met institutionele beleggers ging over de inkoop van eigen "
           "aandelen.", "stakeholder-engagement"),
    ("fr", "La société de gestion exclut de ses fonds les sociétés impliquées dans des violations graves "
           "des droits humains.", "risk-management"),
    ("en", "All staff complete a training on the code of conduct, which covers human rights and "
           "anti-bribery.", "due-diligence"),
    # round 14i: the directors whose bonus depends on a transition plan are paid, not overseeing;
    # and the Dutch "melder" reports to any channel, a grievance one as well
    ("en", "Twenty per cent of the annual bonus of the executive directors depends on the emission "
           "cuts of the group's transition plan.", "board-oversight"),
    ("nl", "Het klachtenkanaal voor plukkers wordt elk kwartaal doorgelicht op de tevredenheid van "
           "de melder.", "whistleblowing"),
    # round 14j: medical follow-up of the people harmed is care (remediation), not monitoring
    ("fr", "Les anciens ouvriers atteints de maladies respiratoires bénéficient d'un suivi médical "
           "gratuit payé par le groupe.", "monitoring"),
    ("en", "Workers exposed to the fumes receive medical follow-up paid by the company for the adverse "
           "impacts they suffered.", "monitoring"),
    # ... and acting responsibly (agir de manière responsable) prevents nothing in particular
    ("fr", "Le groupe s'engage à respecter les droits humains et à agir de manière responsable dans sa "
           "chaîne de valeur.", "prevention-mitigation"),
    # round 15: a plant or factory of one's own is no business partner (the chain's sites were
    # left out in Dutch and French, where "l'usine de X" names the company's own plant)
    ("fr", "L'usine de dessalement de la société réduit ses rejets de saumure pour protéger les pêcheurs "
           "riverains.", "value-chain"),
    ("nl", "De fabrieken van de groep in Gent verminderen hun uitstoot om de gezondheid van de buurtbewoners "
           "te beschermen.", "value-chain"),
    # ... and the risk map of a vigilance plan maps impacts: it is no enterprise risk management
    ("fr", "La cartographie des risques du plan de vigilance recense les atteintes graves aux droits des "
           "riverains.", "risk-management"),
    # an annual-report footer next to an emissions target is no disclosure
    ("nl", "De vergoedingscommissie koppelt een deel van de bonus aan de daling van de broeikasgasemissies. "
           "  Noordhaven NV – Jaarverslag 2025 – pagina 14", "reporting"),
    # round 16: distributors (downstream resellers) and plantations (often the company's own) name
    # no partner whose workers the provision protects
    ("en", "A wholesale distributor that caused harm through unpaid overtime in its warehouses must "
           "provide for remediation.", "value-chain"),
    ("en", "Each year the company discusses wages and housing with the union of the workers on its own "
           "tea plantations.", "value-chain"),
    # ... nor do farmers as such: beside a quarry or a pipeline they are neighbours (a grower who
    # supplies the company is still a partner: "our growers", "contract farmers")
    ("en", "Before the quarry is extended, the company consults the farmers whose fields border it on "
           "dust and the safety of children on the haul road.", "value-chain"),
    ("nl", "Voor de aanleg van de leiding raadpleegt het bedrijf omwonenden en landbouwers over de "
           "gevolgen voor hun gezondheid.", "value-chain"),
    ("fr", "Pour le tracé de la ligne, l'entreprise a recensé les exploitations agricoles touchées et "
           "évalué les atteintes aux droits des riverains.", "value-chain"),
    # round 16c: terms that gave a theme alone, and wrongly, across the read sets. The liabilities
    # an acquisition's due diligence finds are no civil liability for harm ...
    ("en", "Before the acquisition, the due diligence identified unfunded pension liabilities.", "remediation"),
    # ... a board and responsible business conduct, or risks to people, name no risk management ...
    ("en", "The board has approved a statement on responsible business conduct for all employees.",
     "risk-management"),
    ("fr", "Le conseil d'administration adopte une politique de conduite responsable des affaires.",
     "risk-management"),
    # ... a policy of another kind that names forced labour commits to nothing of its own ...
    ("en", "Our responsible investment policy requires an assessment of forced labour among the "
           "target's suppliers.", "policy-commitment"),
    # ... whether measures have effect, counted in complaints, is no grievance mechanism ...
    ("nl", "Elk kwartaal meten wij aan de hand van het aantal klachten of de maatregelen effect hebben.",
     "grievance-mechanism"),
    # ... a confidential counsellor who takes complaints of suppliers' workers is no whistleblowing ...
    ("nl", "Werknemers van onze leveranciers kunnen bij een onafhankelijke vertrouwenspersoon melding maken "
           "van ingehouden lonen.", "whistleblowing"),
    # ... training buyers to spot (repérer) undeclared work assesses no impacts; a risk matrix holding
    # a risk is risk management; and the board reading the compte rendu of a vigilance plan
    # discloses nothing
    ("fr", "L'entreprise forme ses acheteurs à repérer le travail dissimulé chez les sous-traitants.",
     "impact-assessment"),
    ("nl", "In de risicomatrix van de groep is het risico op dwangarbeid bij de werving als hoog "
           "geclassificeerd.", "impact-assessment"),
    ("fr", "Le conseil d'administration examine chaque année le compte rendu de la mise en œuvre du plan "
           "de vigilance.", "reporting"),
    # round 17a: a purpose clause with no person or harm in it (staggered mandates) prevents nothing
    ("fr", "Les mandats des administrateurs sont échelonnés afin d'éviter un renouvellement en bloc du "
           "conseil.", "prevention-mitigation"),
    # round 18a: "tot nader order" (until further notice) is no order suspended
    ("nl", "De invoering van het nieuwe beloningsbeleid is opgeschort tot nader order.", "prevention-mitigation"),
    # round 18f: an injury rate in a bonus is a safety KPI, not a harm named
    ("en", "Half of the bonus depends on the lost-time injury rate and half on operating profit.",
     "prevention-mitigation"),
    # round 18g: internal audit presenting its findings on cash to the audit committee is no oversight of HRDD
    ("fr", "L'audit interne a contrôlé les procédures de caisse. Ses conclusions ont été présentées au comité "
           "d'audit.", "board-oversight"),
    # round 18b: the audit committee reviewing risks checks no working hours
    ("en", "The Audit and Risk Committee reviews the working hours of the finance team during the closing.",
     "monitoring"),
    # round 19a: a cooperative is as often the company itself as a supplier
    ("fr", "La coopérative consulte chaque année les syndicats sur ses projets.", "value-chain"),
    # round 19e: the controls attached to a risk in the register are risk management
    ("en", "Each risk to people in the register has an owner and control measures.", "prevention-mitigation"),
    ("nl", "Elk risico voor mensen in het risicoregister krijgt een eigenaar en beheersmaatregelen.",
     "prevention-mitigation"),
    # round 19f: a service hotline for customers is no speak-up channel
    ("en", "Customers can reach the service hotline seven days a week to report a fault.", "whistleblowing"),
    # round 20i: customers' complaints in the annual report are no human-rights reporting
    ("fr", "Le rapport annuel donne le taux de réclamations des clients traitées dans l'année.", "reporting"),
    ("en", "The annual report gives the number of customer complaints and the satisfaction survey score.", "reporting"),
    # round 20f: contractors beside the company's own employees are people on its sites
    ("en", "Employees, contractors and visitors may report forced labour concerns to the ethics officer.", "value-chain"),
    ("nl", "Medewerkers en aannemers kunnen vermoedens van dwangarbeid melden bij de vertrouwenspersoon.", "value-chain"),
    ("fr", "Les salariés et prestataires peuvent signaler tout cas de travail forcé au référent éthique.", "value-chain"),
    # round 20c: risks to people scored like the financial ones: risk management, no impact assessment
    ("en", "Risks to the workers of our contractors are identified and scored in the same way as financial risks.",
     "impact-assessment"),
    ("nl", "Risico's van kinderarbeid bij onze leveranciers worden op dezelfde manier als financiële risico's "
           "geïdentificeerd en gescoord.", "impact-assessment"),
    ("fr", "Les atteintes aux droits humains chez nos sous-traitants sont identifiées et évaluées au même titre "
           "que les risques financiers.", "impact-assessment"),
])
def test_the_sets_leave_out_false_friends(lang, text, theme):
    assert theme not in _bundled_themes(lang, text)
