# ruff: noqa: RUF001 -- Dutch text uses typographic single quotes on purpose.
"""Demo content for ``make run``: themes, two complete dossiers, articles.

Idempotent: items are looked up by slug and only created when missing, and a
dossier's elements, examples, references and revisions are only added when
the dossier itself is new. Running it twice changes nothing, and edits made
in the admin to demo items survive a restart.

All text is written for this project.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from articles.models import Article, Kind
from movisie_site.publishing import Status

from .models import (
    Dossier,
    EffectiveElement,
    GoodExample,
    Reference,
    Theme,
)
from .services import carry_over_revision_log


def moment(year, month, day, hour=9):
    return timezone.make_aware(dt.datetime(year, month, day, hour, 0))


THEMES = [
    (
        "sociale-innovatie",
        "Sociale innovatie",
        "Nieuwe ideeën en samenwerkingsvormen voor vraagstukken die niet "
        "door één partij op te lossen zijn.",
    ),
    (
        "eenzaamheid",
        "Eenzaamheid",
        "Wat helpt mensen om weer verbonden te raken met anderen.",
    ),
    (
        "armoede-en-schulden",
        "Armoede en schulden",
        "Bestaanszekerheid, schuldhulp en meedoen met weinig geld.",
    ),
    (
        "participatie",
        "Participatie",
        "Meedoen in de buurt, in vrijwilligerswerk en in de samenleving.",
    ),
]

SOCIAL_INNOVATION = {
    "slug": "wat-werkt-bij-sociale-innovatie",
    "title": "Wat werkt bij sociale innovatie",
    "themes": ["sociale-innovatie", "participatie"],
    "summary": (
        "Sociale innovatie gaat over nieuwe oplossingen voor taaie maatschappelijke "
        "vraagstukken, bedacht en uitgevoerd door partijen die elkaar niet vanzelf "
        "vinden. Dit dossier zet op een rij wat we weten over de voorwaarden, de "
        "(veronderstelde) werkzame elementen en inspirerende voorbeelden."
    ),
    "contact": "Marieke van Dalen",
    "published_at": moment(2017, 1, 12),
    "definition": (
        "<p>Onder sociale innovatie verstaan we het bedenken en invoeren van nieuwe "
        "werkwijzen, diensten en samenwerkingsverbanden die een maatschappelijk "
        "vraagstuk beter aanpakken dan wat er al was. Het doel is sociaal: meer "
        "mensen die mee kunnen doen, minder mensen die tussen wal en schip vallen.</p>"
        "<p>Kenmerkend is dat de vernieuwing niet van één organisatie komt. Burgers, "
        "professionals, overheden, bedrijven en onderzoekers leveren ieder een deel "
        "van de oplossing, en de manier van samenwerken verandert mee.</p>"
    ),
    "facts_and_figures": (
        "<p>Betrouwbare cijfers over sociale innovatie zijn schaars, omdat het begrip "
        "breed is en initiatieven vaak klein beginnen. Wel zien we:</p>"
        "<ul><li>een groeiend aantal burgerinitiatieven in zorg, wonen en energie;</li>"
        "<li>dat veel gemeenten een innovatiebudget of experimenteerruimte in het "
        "sociaal domein hebben ingericht;</li>"
        "<li>dat sociaal ondernemers vooral in de grote steden actief zijn, maar "
        "steeds vaker ook in kleinere gemeenten.</li></ul>"
    ),
    "policy": (
        "<p>Sinds de decentralisaties in het sociaal domein hebben gemeenten meer "
        "ruimte en meer verantwoordelijkheid om zelf oplossingen te zoeken. "
        "Landelijk beleid stimuleert vernieuwing met experimenteerregelingen en "
        "programma's waarin gemeenten, aanbieders en inwoners samen nieuwe "
        "aanpakken uitproberen.</p>"
        "<p>Tegelijk botsen vernieuwers op regels die uitgaan van vaste producten "
        "en afgebakende budgetten. Ruimte maken in inkoop en verantwoording is "
        "daarom een terugkerend beleidsthema.</p>"
    ),
    "trends": (
        "<ul><li><strong>Van project naar beweging</strong>: initiatieven zoeken "
        "elkaar op en vormen netwerken.</li>"
        "<li><strong>Digitale platforms</strong> maken het makkelijker om vraag en "
        "aanbod in de buurt bij elkaar te brengen.</li>"
        "<li><strong>Ervaringskennis</strong> krijgt een vaste plek naast "
        "wetenschappelijke en professionele kennis.</li></ul>"
    ),
    "current_debates": (
        "<p>Is sociale innovatie een verrijking van de verzorgingsstaat of een "
        "manier om taken over de schutting te gooien bij vrijwilligers? En hoe "
        "meet je het effect van iets dat zich voortdurend aanpast?</p>"
        "<blockquote><p>Wie alleen financiert wat zich al heeft bewezen, krijgt "
        "nooit iets nieuws.</p></blockquote>"
        "<p>Een andere discussie gaat over opschalen: moet een goed idee overal "
        "hetzelfde worden uitgerold, of juist steeds opnieuw lokaal worden "
        "vormgegeven?</p>"
    ),
    "effective_elements_intro": (
        "<p>Sociale innovatie is een relatief jong onderzoeksveld. Veel van wat "
        "werkt, weten we uit praktijkervaring en casestudies; stevig "
        "effectonderzoek is er nog weinig.</p>"
    ),
    "promising_approaches": (
        "<p>Veelbelovend zijn <em>innovatielabs</em> waarin alle betrokken partijen, "
        "inclusief de mensen om wie het gaat, samen aan één vraagstuk werken. Ook "
        "<em>sociale-impactobligaties</em> en andere vormen van resultaatfinanciering "
        "worden uitgeprobeerd, al is nog onduidelijk voor welke vraagstukken ze "
        "geschikt zijn.</p>"
    ),
    "elements": [
        (
            "Een krachtig sociaal ecosysteem",
            "<p>Innovaties gedijen waar partijen elkaar kennen en vertrouwen, en "
            "waar geld, netwerken en mensen met de juiste vaardigheden "
            "beschikbaar zijn.</p>",
            False,
        ),
        (
            "Betrokkenheid van de mensen om wie het gaat",
            "<p>Oplossingen die samen met bewoners of cliënten zijn ontworpen, "
            "sluiten beter aan en worden vaker gebruikt.</p>",
            False,
        ),
        (
            "Ruimte om te experimenteren",
            "<p>Tijd, geld en toestemming om iets uit te proberen en bij te "
            "sturen, zonder dat een mislukking meteen het einde betekent.</p>",
            True,
        ),
        (
            "Verbinders die schakelen tussen werelden",
            "<p>Personen of organisaties die de taal van zowel bewoners als "
            "beleidsmakers en financiers spreken.</p>",
            True,
        ),
        (
            "Leren en zichtbaar maken van resultaten",
            "<p>Regelmatig samen terugkijken op wat werkt, en dat vastleggen zodat "
            "anderen erop kunnen voortbouwen.</p>",
            True,
        ),
    ],
    "examples": [
        (
            "Het Gasthuis aan de Kade",
            "Een woonvoorziening voor dak- en thuisloze mensen die de bewoners "
            "zelf beheren: zij verdelen de taken, beslissen over nieuwe bewoners "
            "en spreken elkaar aan op de huisregels.",
            "Stichting Eigen Dak",
            "https://example.org/gasthuis-aan-de-kade",
        ),
        (
            "Welkom Thuis",
            "Een bureau dat vluchtelingen met een verblijfsvergunning koppelt "
            "aan gastgezinnen, zodat zij sneller de taal leren en een netwerk "
            "opbouwen.",
            "Coöperatie Welkom Thuis",
            "https://example.org/welkom-thuis",
        ),
        (
            "Buurtbord",
            "Een online platform waarop buren elkaar hulp aanbieden en vragen: "
            "van een maaltijd voor een zieke buurvrouw tot hulp bij een "
            "formulier.",
            "Buurtbord BV (sociale onderneming)",
            "",
        ),
    ],
    "references": [
        (
            "Mulgan, G.",
            2006,
            "The process of social innovation",
            "Innovations: Technology, Governance, Globalization, 1(2), 145-162",
            "",
            "10.1162/itgg.2006.1.2.145",
        ),
        (
            "Murray, R., Caulier-Grice, J., & Mulgan, G.",
            2010,
            "The open book of social innovation",
            "The Young Foundation, Nesta",
            "",
            "",
        ),
        (
            "Moulaert, F., MacCallum, D., Mehmood, A., & Hamdouch, A. (Red.)",
            2013,
            "The international handbook on social innovation",
            "Edward Elgar",
            "",
            "",
        ),
        (
            "Phills, J. A., Deiglmeier, K., & Miller, D. T.",
            2008,
            "Rediscovering social innovation",
            "Stanford Social Innovation Review, 6(4), 34-43",
            "",
            "",
        ),
        (
            "Voorberg, W. H., Bekkers, V. J. J. M., & Tummers, L. G.",
            2015,
            "A systematic review of co-creation and co-production: "
            "Embarking on the social innovation journey",
            "Public Management Review, 17(9), 1333-1357",
            "",
            "10.1080/14719037.2014.930505",
        ),
        (
            "Westley, F., & Antadze, N.",
            2010,
            "Making a difference: Strategies for scaling social innovation for "
            "greater impact",
            "The Innovation Journal, 15(2)",
            "",
            "",
        ),
        (
            "Howaldt, J., & Schwarz, M.",
            2010,
            "Social innovation: Concepts, research fields and international trends",
            "IMA/ZLW & IfU, RWTH Aachen University",
            "",
            "",
        ),
    ],
    "revisions": [
        (dt.date(2019, 3, 18), "Nieuwe voorbeelden en recente cijfers toegevoegd."),
        (dt.date(2023, 9, 4), "Beleidsparagraaf herschreven; literatuur aangevuld."),
    ],
}

LONELINESS = {
    "slug": "wat-werkt-bij-eenzaamheid",
    "title": "Wat werkt bij het verminderen van eenzaamheid",
    "themes": ["eenzaamheid", "participatie"],
    "summary": (
        "Eenzaamheid komt in alle leeftijdsgroepen voor en heeft gevolgen voor "
        "gezondheid en welzijn. Dit dossier beschrijft wat bekend is over "
        "aanpakken die mensen helpen weer contact te maken."
    ),
    "contact": "Youssef el Amrani",
    "published_at": moment(2018, 5, 22),
    "definition": (
        "<p>Eenzaamheid is het gemis aan betekenisvolle relaties: er zijn minder "
        "of minder goede contacten dan iemand wil. Het is een persoonlijke "
        "ervaring; iemand met veel mensen om zich heen kan zich eenzaam voelen.</p>"
    ),
    "facts_and_figures": (
        "<p>Ongeveer een op de tien volwassenen voelt zich sterk eenzaam. Het "
        "komt vaker voor bij mensen met een laag inkomen, een slechte gezondheid "
        "of na ingrijpende gebeurtenissen zoals verlies van een partner.</p>"
    ),
    "policy": (
        "<p>Gemeenten werken in lokale coalities met welzijnsorganisaties, "
        "huisartsen en vrijwilligers aan het signaleren en bespreekbaar maken "
        "van eenzaamheid.</p>"
    ),
    "trends": (
        "<p>Er is meer aandacht voor eenzaamheid onder jongeren en jongvolwassenen, "
        "en voor de rol van online contact.</p>"
    ),
    "current_debates": (
        "<p>Moet de aanpak zich richten op meer contacten, of op hoe mensen hun "
        "relaties ervaren? Beide lijken nodig, afhankelijk van de oorzaak.</p>"
    ),
    "effective_elements_intro": "",
    "promising_approaches": (
        "<p>Cursussen die mensen leren anders naar hun contacten te kijken, en "
        "buurtactiviteiten met een gedeeld doel (samen tuinieren, samen koken).</p>"
    ),
    "elements": [
        (
            "Aansluiten bij de oorzaak van de eenzaamheid",
            "<p>Een aanpak werkt beter als die past bij wat er ontbreekt: een "
            "netwerk, een hechte band, of het vertrouwen om contact te zoeken.</p>",
            False,
        ),
        (
            "Werken aan gedachten over contact",
            "<p>Negatieve verwachtingen over anderen houden eenzaamheid in stand; "
            "daar gericht aan werken heeft in onderzoek het grootste effect.</p>",
            False,
        ),
        (
            "Een gedeelde activiteit als aanleiding",
            "<p>Samen iets doen maakt het makkelijker om contact te leggen dan "
            "een bijeenkomst die alleen om ontmoeting draait.</p>",
            True,
        ),
    ],
    "examples": [
        (
            "Koffie op de Hoek",
            "Wekelijkse inloop in een buurthuis, georganiseerd door buurtbewoners "
            "die zelf eenzaamheid hebben ervaren.",
            "Welzijn Oost",
            "",
        ),
    ],
    "references": [
        (
            "Masi, C. M., Chen, H.-Y., Hawkley, L. C., & Cacioppo, J. T.",
            2011,
            "A meta-analysis of interventions to reduce loneliness",
            "Personality and Social Psychology Review, 15(3), 219-266",
            "",
            "10.1177/1088868310377394",
        ),
        (
            "Holt-Lunstad, J., Smith, T. B., & Layton, J. B.",
            2010,
            "Social relationships and mortality risk: A meta-analytic review",
            "PLoS Medicine, 7(7), e1000316",
            "",
            "10.1371/journal.pmed.1000316",
        ),
        (
            "Cacioppo, J. T., & Patrick, W.",
            2008,
            "Loneliness: Human nature and the need for social connection",
            "W. W. Norton",
            "",
            "",
        ),
    ],
    "revisions": [],
}


def p(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


# (slug, title, kind, published_at, lead, body, themes, dossiers, author)
ARTICLES = [
    (
        "sociale-innovatie-werkt-het-best-in-een-krachtig-sociaal-ecosysteem",
        "‘Sociale innovatie werkt het best in een krachtig sociaal ecosysteem’",
        Kind.ARTICLE,
        moment(2017, 1, 13),
        "Het nieuwe dossier Wat werkt bij sociale innovatie laat zien dat "
        "vernieuwing vooral slaagt waar partijen elkaar weten te vinden en "
        "genoeg hulpbronnen hebben.",
        p(
            "Maatschappelijke vraagstukken als armoede, eenzaamheid en "
            "dakloosheid laten zich niet door één organisatie oplossen. Sociale "
            "innovatie belooft nieuwe antwoorden, maar wanneer komt die belofte uit?",
            "Volgens auteur Marieke van Dalen hangt dat sterk af van de omgeving "
            "waarin een initiatief ontstaat. ‘Je hebt een netwerk nodig waarin "
            "bewoners, sociaal werkers, gemeente, bedrijven en onderzoekers elkaar "
            "kennen en iets voor elkaar kunnen betekenen. Dat noemen we een sociaal "
            "ecosysteem.’",
        )
        + "<h2>Geld, netwerk en mensen</h2>"
        + p(
            "Zo'n ecosysteem heeft hulpbronnen nodig: geld om te beginnen, "
            "een informeel netwerk dat mensen op de been brengt, en mensen met "
            "tijd en vaardigheden. ‘Ontbreekt een van die drie, dan blijft een "
            "goed idee vaak steken in de pilotfase.’",
            "Omdat het onderzoek naar sociale innovatie nog jong is, spreekt het "
            "dossier van <em>veronderstelde</em> werkzame elementen. Ze zijn "
            "gebaseerd op praktijkervaring en casestudies, nog niet op "
            "effectonderzoek.",
        )
        + "<h2>Voorbeelden</h2>"
        + p(
            "Het dossier beschrijft onder meer een opvang voor dakloze mensen "
            "in zelfbeheer, een bureau dat vluchtelingen aan gastgezinnen koppelt "
            "en een online platform waarop buren elkaar helpen."
        ),
        ["sociale-innovatie"],
        ["wat-werkt-bij-sociale-innovatie"],
        "Redactie",
    ),
    (
        "bewoners-runnen-zelf-hun-opvang",
        "Bewoners runnen zelf hun opvang",
        Kind.INTERVIEW,
        moment(2017, 3, 2),
        "In Het Gasthuis aan de Kade beslissen de bewoners zelf. Een gesprek "
        "over verantwoordelijkheid, ruzies en trots.",
        p(
            "‘Hier ben je geen cliënt, hier ben je huisgenoot’, zegt een van de "
            "bewoners. Iedereen heeft een taak, van de boodschappen tot de "
            "administratie.",
            "Begeleiders komen langs als de bewoners daar om vragen. Dat vergt "
            "vertrouwen, van beide kanten.",
        ),
        ["sociale-innovatie"],
        ["wat-werkt-bij-sociale-innovatie"],
        "Sanne Verbeek",
    ),
    (
        "gastgezinnen-helpen-statushouders-op-weg",
        "Gastgezinnen helpen statushouders op weg",
        Kind.NEWS,
        moment(2017, 9, 14),
        "Welkom Thuis heeft het honderdste gastgezin gevonden.",
        p(
            "Wie bij een gastgezin woont, leert sneller Nederlands en vindt "
            "vaker werk, zo blijkt uit de eigen monitor van het bureau.",
            "Het bureau zoekt nieuwe gastgezinnen in het hele land.",
        ),
        ["sociale-innovatie", "participatie"],
        ["wat-werkt-bij-sociale-innovatie"],
        "Redactie",
    ),
    (
        "burenhulp-via-een-online-platform",
        "Burenhulp via een online platform: werkt dat?",
        Kind.BACKGROUND,
        moment(2018, 2, 6),
        "Online buurtplatforms beloven meer onderlinge hulp. Wat weten we over "
        "wie ze gebruikt en wie niet?",
        p(
            "Platforms verlagen de drempel om hulp te vragen, maar bereiken niet "
            "vanzelf de mensen die het meest geïsoleerd wonen.",
            "Een combinatie met persoonlijk contact lijkt nodig.",
        ),
        ["sociale-innovatie", "eenzaamheid"],
        ["wat-werkt-bij-sociale-innovatie", "wat-werkt-bij-eenzaamheid"],
        "Sanne Verbeek",
    ),
    (
        "nieuw-dossier-over-eenzaamheid",
        "Nieuw dossier over eenzaamheid",
        Kind.NEWS,
        moment(2018, 5, 22),
        "Wat helpt mensen om zich minder eenzaam te voelen? Het nieuwe dossier "
        "zet de kennis op een rij.",
        p(
            "Het dossier beschrijft werkzame elementen, veelbelovende aanpakken "
            "en voorbeelden uit de praktijk."
        ),
        ["eenzaamheid"],
        ["wat-werkt-bij-eenzaamheid"],
        "Redactie",
    ),
    (
        "eenzaamheid-onder-jongeren",
        "Ook jongeren voelen zich eenzaam",
        Kind.ARTICLE,
        moment(2019, 10, 1),
        "Eenzaamheid is niet alleen iets van ouderen. Wat werkt voor jongeren?",
        p(
            "Jongeren praten er minder makkelijk over. Scholen en jongerenwerk "
            "kunnen helpen het onderwerp bespreekbaar te maken."
        ),
        ["eenzaamheid"],
        ["wat-werkt-bij-eenzaamheid"],
        "Youssef el Amrani",
    ),
    (
        "samen-koken-tegen-eenzaamheid",
        "Samen koken als begin van contact",
        Kind.INTERVIEW,
        moment(2020, 2, 11),
        "Een buurtkok over waarom een gedeelde maaltijd meer doet dan een "
        "koffieochtend.",
        p(
            "‘Als je samen uien snijdt, hoef je niet meteen iets te zeggen. Het "
            "gesprek komt vanzelf.’"
        ),
        ["eenzaamheid", "participatie"],
        ["wat-werkt-bij-eenzaamheid"],
        "Sanne Verbeek",
    ),
    (
        "innovatielab-armoede",
        "Innovatielab zoekt nieuwe aanpak voor geldzorgen",
        Kind.NEWS,
        moment(2021, 4, 19),
        "Bewoners, schuldhulpverleners en de gemeente werken een half jaar samen "
        "aan één vraag: hoe bereiken we mensen eerder?",
        p("De eerste ideeën worden dit najaar in twee wijken uitgeprobeerd."),
        ["armoede-en-schulden", "sociale-innovatie"],
        ["wat-werkt-bij-sociale-innovatie"],
        "Redactie",
    ),
    (
        "vroegsignalering-schulden",
        "Vroeg signaleren van betalingsachterstanden",
        Kind.BACKGROUND,
        moment(2021, 11, 8),
        "Hoe gemeenten met signalen van woningcorporaties en energiebedrijven "
        "eerder hulp kunnen bieden.",
        p(
            "Vroeg erbij zijn voorkomt dat kleine achterstanden uitgroeien tot "
            "problematische schulden."
        ),
        ["armoede-en-schulden"],
        [],
        "Youssef el Amrani",
    ),
    (
        "vrijwilligers-als-verbinders",
        "Vrijwilligers als verbinders in de wijk",
        Kind.ARTICLE,
        moment(2022, 6, 27),
        "Wat maakt dat sommige vrijwilligers bruggen slaan tussen bewoners en "
        "instanties?",
        p(
            "Ze kennen de buurt, worden vertrouwd en weten de weg naar hulp. "
            "Die rol verdient erkenning en ondersteuning."
        ),
        ["participatie", "sociale-innovatie"],
        ["wat-werkt-bij-sociale-innovatie"],
        "Sanne Verbeek",
    ),
    (
        "meedoen-met-weinig-geld",
        "Meedoen met weinig geld",
        Kind.ARTICLE,
        moment(2023, 1, 16),
        "Sport, cultuur en een verjaardag vieren: wat armoede betekent voor "
        "meedoen, en wat gemeenten kunnen doen.",
        p(
            "Regelingen bestaan, maar worden lang niet altijd gebruikt. Eenvoudig "
            "aanvragen en actief benaderen helpen."
        ),
        ["armoede-en-schulden", "participatie"],
        [],
        "Redactie",
    ),
    (
        "dossier-sociale-innovatie-bijgewerkt",
        "Dossier sociale innovatie bijgewerkt",
        Kind.NEWS,
        moment(2023, 9, 4),
        "Het dossier Wat werkt bij sociale innovatie heeft een nieuwe "
        "beleidsparagraaf en een aangevulde literatuurlijst.",
        p("Lees in het dossier wat er is veranderd."),
        ["sociale-innovatie"],
        ["wat-werkt-bij-sociale-innovatie"],
        "Redactie",
    ),
]

# Not visible to readers: shows editors what a draft preview looks like.
DRAFT_ARTICLE = (
    "concept-nieuwe-cijfers-eenzaamheid",
    "Nieuwe cijfers over eenzaamheid (concept)",
    Kind.NEWS,
    None,
    "Dit concept is nog niet gepubliceerd.",
    p("Hier komen de nieuwe cijfers zodra ze bekend zijn."),
    ["eenzaamheid"],
    ["wat-werkt-bij-eenzaamheid"],
    "Redactie",
)

DOSSIER_TEXT_FIELDS = [
    "summary",
    "contact",
    "published_at",
    "definition",
    "facts_and_figures",
    "policy",
    "trends",
    "current_debates",
    "effective_elements_intro",
    "promising_approaches",
]


def _load_dossier(data, themes):
    defaults = {field: data[field] for field in DOSSIER_TEXT_FIELDS}
    defaults.update(title=data["title"], status=Status.PUBLISHED)
    dossier, created = Dossier.objects.get_or_create(
        slug=data["slug"], defaults=defaults
    )
    if not created:
        return dossier
    dossier.themes.set([themes[slug] for slug in data["themes"]])
    EffectiveElement.objects.bulk_create(
        EffectiveElement(
            dossier=dossier,
            position=i,
            title=title,
            explanation=text,
            presumed=presumed,
        )
        for i, (title, text, presumed) in enumerate(data["elements"], start=1)
    )
    GoodExample.objects.bulk_create(
        GoodExample(
            dossier=dossier,
            position=i,
            name=name,
            description=description,
            organisation=organisation,
            url=url,
        )
        for i, (name, description, organisation, url) in enumerate(
            data["examples"], start=1
        )
    )
    Reference.objects.bulk_create(
        Reference(
            dossier=dossier,
            position=i,
            authors=authors,
            year=year,
            title=title,
            source=source,
            url=url,
            doi=doi,
        )
        for i, (authors, year, title, source, url, doi) in enumerate(
            data["references"], start=1
        )
    )
    carry_over_revision_log(dossier=dossier, entries=data["revisions"])
    return dossier


def _load_article(row, themes, dossiers):
    slug, title, kind, published_at, lead, body, theme_slugs, dossier_slugs, author = (
        row
    )
    article, created = Article.objects.get_or_create(
        slug=slug,
        defaults={
            "title": title,
            "kind": kind,
            "status": Status.PUBLISHED if published_at else Status.DRAFT,
            "published_at": published_at,
            "lead": lead,
            "body": body,
            "author": author,
        },
    )
    if created:
        article.themes.set([themes[s] for s in theme_slugs])
        article.dossiers.set([dossiers[s] for s in dossier_slugs])
    return article


@transaction.atomic
def load() -> dict[str, int]:
    """Create whatever demo content is missing; return what now exists."""
    themes = {}
    for slug, name, description in THEMES:
        themes[slug], _ = Theme.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
    dossiers = {
        data["slug"]: _load_dossier(data, themes)
        for data in (SOCIAL_INNOVATION, LONELINESS)
    }
    for row in [*ARTICLES, DRAFT_ARTICLE]:
        _load_article(row, themes, dossiers)
    return {
        "themes": Theme.objects.count(),
        "dossiers": Dossier.objects.count(),
        "articles": Article.objects.count(),
    }
