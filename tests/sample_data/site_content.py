"""Articles and boilerplate of the test site; ``build_site.py`` renders them into ``site/``.

Relay Wire is a made-up multilingual tech-news site. The stories summarise public reporting; the
boilerplate (cookie text, newsletter, related teasers, comments) is invented and worded so that a
test can tell at a glance whether it leaked into an extracted article.
"""

# fmt: off
# Each article: path (canonical), lang, title, author, published (page metadata, None = no date on
# the page), feed_date (what the feeds say), must (sentences the extracted text must contain),
# body (paragraphs; "## " starts a heading), plus optional extras used by build_site.py.
ARTICLES = [
    dict(
        key="run-ai", path="/news/2024/nvidia-completes-run-ai-acquisition/", lang="en", deal=True,
        title="Nvidia completes its acquisition of Run:ai after EU clearance",
        author="Maya Feldman", published="2024-12-30T09:15:00-05:00", feed_date="2024-12-30T20:40:00+00:00",
        description="The Israeli start-up, whose software schedules AI jobs across GPU clusters, says it will open-source its platform.",
        must=["Run:ai said after the closing that it intends to release its software as open source, so that it can run on hardware other than Nvidia's."],
        body=[
            "Nvidia has closed its purchase of Run:ai, a Tel Aviv company that makes software for sharing graphics processors between many AI workloads. The deal was first announced in April and had been under review by the European Commission, which cleared it earlier this month after concluding that it raised no competition concerns.",
            "Neither company disclosed the price. Reports at the time of the announcement put it at about $700 million, which would make it one of Nvidia's larger acquisitions of recent years.",
            "## Software for crowded clusters",
            "Run:ai's product sits on top of Kubernetes and decides which training or inference job gets which GPU, and for how long. Companies that have bought expensive accelerators use it to keep them busy rather than reserved for a single team.",
            "Run:ai said after the closing that it intends to release its software as open source, so that it can run on hardware other than Nvidia's. The founders, Omri Geller and Ronen Dar, are joining Nvidia with their team.",
            "The acquisition had drawn attention from regulators and lawmakers who worry about Nvidia's position in the market for AI chips. The Commission examined it at the request of Italy, even though the deal fell below the usual EU thresholds.",
        ],
    ),
    dict(
        key="h-company", path="/fr/actualites/h-leve-220-millions-de-dollars.html", lang="fr", deal=True,
        title="La start-up française H lève 220 millions de dollars dès son amorçage",
        author="Léa Marchand", published="2024-05-21T07:30:00+02:00", feed_date="2024-05-21T09:00:00+00:00",
        description="Fondée par Charles Kantor et d'anciens chercheurs de Google DeepMind, la jeune pousse parisienne vise les agents capables d'agir à la place des utilisateurs.",
        must=["Le tour de table réunit notamment Accel, Creandum et Visionaries Club, aux côtés d'Eric Schmidt, de Xavier Niel et de Bpifrance."],
        body=[
            "H, une start-up parisienne qui s'appelait encore Holistic il y a quelques semaines, annonce avoir levé 220 millions de dollars. Pour un premier tour de financement, dit d'amorçage, le montant est exceptionnel, y compris à l'échelle de l'intelligence artificielle.",
            "Le tour de table réunit notamment Accel, Creandum et Visionaries Club, aux côtés d'Eric Schmidt, de Xavier Niel et de Bpifrance. Des industriels comme Amazon, Samsung et UiPath participent également.",
            "## Des agents plutôt que des assistants",
            "L'entreprise a été fondée par Charles Kantor, passé par l'université Stanford, et par plusieurs anciens chercheurs de Google DeepMind. Son ambition est de concevoir des modèles capables non seulement de répondre à des questions, mais aussi d'enchaîner des actions, par exemple remplir un formulaire ou traiter une commande dans un logiciel d'entreprise.",
            "La société n'a pas encore présenté de produit. Elle explique que l'argent servira d'abord à recruter et à acheter de la puissance de calcul, deux postes qui pèsent lourd dans les comptes de toutes les start-up du secteur.",
            "Avec Mistral AI, H confirme l'intérêt des investisseurs pour les équipes françaises issues des grands laboratoires américains.",
        ],
    ),
    dict(
        key="aleph-alpha", path="/de/artikel/aleph-alpha-sammelt-500-millionen-ein.html", lang="de", deal=True,
        title="Aleph Alpha sammelt mehr als 500 Millionen Dollar ein",
        author="Jonas Weber", published="2023-11-06T11:45:00+01:00", feed_date="2023-11-06T15:30:00+00:00",
        description="Das Heidelberger KI-Unternehmen holt sich in einer Serie-B-Runde Geld von Bosch, der Schwarz Gruppe und SAP.",
        must=["Angeführt wird die Runde von Innovation Park Artificial Intelligence, Bosch Ventures und der Schwarz Gruppe."],
        body=[
            "Das Heidelberger Start-up Aleph Alpha hat in einer Finanzierungsrunde der Serie B mehr als 500 Millionen US-Dollar eingesammelt. Es ist eine der größten Runden, die ein europäisches Unternehmen für künstliche Intelligenz bislang abgeschlossen hat.",
            "Angeführt wird die Runde von Innovation Park Artificial Intelligence, Bosch Ventures und der Schwarz Gruppe. Beteiligt sind außerdem unter anderem SAP, Hewlett Packard Enterprise und Burda Principal Investments.",
            "## Souveräne KI für Verwaltung und Industrie",
            "Aleph Alpha wurde 2019 von Jonas Andrulis gegründet und entwickelt große Sprachmodelle, die Unternehmen und Behörden auf eigener Infrastruktur betreiben können. Das Unternehmen wirbt damit, dass seine Systeme nachvollziehbar machen, auf welche Quellen sich eine Antwort stützt.",
            "Mit dem frischen Kapital will Aleph Alpha seine Forschung ausbauen und mehr Kunden in der öffentlichen Verwaltung und in regulierten Branchen gewinnen. Politiker in Berlin hatten die Runde als Zeichen für die Wettbewerbsfähigkeit Europas begrüßt.",
            "Kritiker merkten an, dass ein Teil der Summe als Zusage für künftige Leistungen und nicht als reines Eigenkapital zu verstehen sei.",
        ],
    ),
    dict(
        key="inflection", path="/news/2024/microsoft-pays-inflection-650-million/", lang="en", deal=True,
        title="Microsoft to pay Inflection about $650 million after hiring its founders",
        author="Ruth Adeyemi", published="2024-03-21T16:05:00-07:00", feed_date="2024-03-22T01:00:00+00:00",
        description="Most of the money is a licence fee for Inflection's models; the rest compensates investors after Mustafa Suleyman moved to Microsoft.",
        must=["Most of the payment, roughly $620 million, is a fee for a licence to use Inflection's models through Microsoft's Azure cloud."],
        body=[
            "Microsoft has agreed to pay Inflection AI about $650 million, according to people familiar with the arrangement, days after it hired the start-up's co-founders Mustafa Suleyman and Karén Simonyan and most of its staff to run a new consumer AI division.",
            "Most of the payment, roughly $620 million, is a fee for a licence to use Inflection's models through Microsoft's Azure cloud. The remainder is meant to cover Inflection's decision not to pursue legal claims over the hiring.",
            "## An acquisition in all but name?",
            "Inflection raised $1.3 billion last year from investors including Microsoft, Nvidia, Reid Hoffman and Bill Gates. Its investors are expected to get their money back with a modest gain.",
            "The structure, which leaves Inflection as a separate company that will now sell its models to businesses, avoids a formal acquisition. Competition lawyers noted that it may still draw questions from regulators who have been examining the ties between large technology groups and AI start-ups.",
            "Suleyman, who co-founded DeepMind before it was bought by Google, now leads Microsoft AI, which includes the Copilot assistant and the Bing search engine.",
        ],
        feed_urls={
            "rss": ["?utm_source=rss&utm_medium=feed", "?utm_source=rss&utm_medium=feed&utm_campaign=evening"],
            "atom": ["?fbclid=IwAR0xq3Zs8Yt2kLmPq7vWc1nR4bH9dE6fGjK5aUoTsVyXzB2cD"],
            "json": [""],
        },
    ),
    dict(
        key="moveworks", path="/news/2025/servicenow-to-acquire-moveworks/", lang="en", deal=True,
        title="ServiceNow agrees to buy Moveworks for $2.85 billion",
        author="Maya Feldman", published="2025-03-10T08:12:00-04:00", feed_date="2025-03-10T18:00:00+00:00",
        description="The workflow-software company is paying cash and stock for a start-up that builds AI assistants for employee support.",
        must=["ServiceNow said it will pay for the deal with a mix of cash and stock and expects it to close in the second half of the year, subject to regulatory approval."],
        alias="/amp/news/servicenow-moveworks.html",
        body=[
            "ServiceNow has agreed to acquire Moveworks, a Mountain View start-up whose AI assistant answers employees' questions and resolves routine IT and HR requests, for $2.85 billion. It is the largest acquisition in ServiceNow's history.",
            "ServiceNow said it will pay for the deal with a mix of cash and stock and expects it to close in the second half of the year, subject to regulatory approval.",
            "## Agents for the help desk",
            "Moveworks, founded in 2016, counts a large share of big American companies among its customers. Its software reads a request typed into a chat window, works out which system holds the answer and, where it can, completes the task itself, for example resetting a password or ordering a laptop.",
            "ServiceNow has been adding what it calls AI agents to its own platform, which many large organisations already use to track IT tickets. Buying Moveworks gives it a consumer-style front end and a search product built for corporate data.",
            "Investors in Moveworks include Kleiner Perkins, Lightspeed Venture Partners and Iconiq. The start-up was valued at $2.1 billion in its last funding round.",
        ],
    ),
    dict(
        key="leaderboard", path="/news/hugging-face-relaunches-open-llm-leaderboard/", lang="en", deal=False,
        title="Hugging Face relaunches its Open LLM Leaderboard with harder tests",
        author="Ruth Adeyemi", published=None, feed_date="2024-06-26T13:30:00+00:00",
        description="The old benchmarks had become too easy and too contaminated to separate the best open models.",
        must=["The maintainers said many models had been tuned so closely to the old benchmarks that the scores no longer told users much."],
        body=[
            "Hugging Face has rebuilt the Open LLM Leaderboard, the public ranking that many developers check before picking an open-weights language model. The new version replaces the previous set of tests with harder ones and reranks every model from scratch.",
            "The maintainers said many models had been tuned so closely to the old benchmarks that the scores no longer told users much. Some test questions had also found their way into training data, which made high scores easy to reach.",
            "## Six new benchmarks",
            "The relaunched leaderboard uses MMLU-Pro, GPQA, MuSR, MATH, IFEval and BBH. Together they cover expert knowledge, multi-step reasoning, competition mathematics and the ability to follow precise instructions.",
            "Scores are now normalised so that random guessing counts as zero, which stops easy multiple-choice tasks from inflating the average. On the first run, Qwen2-72B-Instruct from Alibaba took the top place.",
            "Hugging Face also added a voting system so that the community can decide which new models are evaluated first, because each evaluation takes a significant amount of GPU time.",
        ],
    ),
    dict(
        key="kurz", path="/de/kurz/startup-ticker.html", lang="de", deal=False,
        title="Kurz notiert", author="Redaktion", published="2025-02-14T17:20:00+01:00",
        feed_date="2025-02-14T18:00:00+00:00",
        description="Kurz notiert",
        must=["Startup-News: Pitch Deck, Demo Day, Term Sheet."],
        short=True,
        body=["Startup-News: Pitch Deck, Demo Day, Term Sheet."],
    ),
    dict(
        key="sap", path="/de/artikel/sap-restrukturierung-business-ai.html", lang="de", deal=False,
        title="SAP baut um: Zwei Milliarden Euro für den Schwenk zur Business AI",
        author="Jonas Weber", published="2024-01-24T06:50:00+01:00", feed_date="2024-01-24T12:00:00+00:00",
        description="Der Softwarekonzern kündigt ein Restrukturierungsprogramm an, das rund 8000 Stellen betrifft.",
        must=["Von dem Programm sind nach Angaben des Konzerns rund 8000 Stellen betroffen, die meisten davon sollen über Abfindungen und Umschulungen abgebaut werden."],
        body=[
            "SAP will sich stärker auf künstliche Intelligenz für Unternehmenssoftware ausrichten und startet dafür ein Restrukturierungsprogramm mit einem Volumen von rund zwei Milliarden Euro. Das teilte der Walldorfer Konzern am Dienstagabend mit.",
            "Von dem Programm sind nach Angaben des Konzerns rund 8000 Stellen betroffen, die meisten davon sollen über Abfindungen und Umschulungen abgebaut werden. SAP rechnet damit, die Zahl der Beschäftigten bis Jahresende trotzdem auf ähnlichem Niveau zu halten, weil in Wachstumsbereichen neu eingestellt wird.",
            "## Business AI als Schwerpunkt",
            "Vorstandschef Christian Klein sagte, SAP wolle Investitionen in strategische Wachstumsfelder lenken, allen voran Business AI. Gemeint sind KI-Funktionen, die direkt in Buchhaltung, Einkauf oder Personalverwaltung eingebaut sind und auf den Daten der Kunden arbeiten.",
            "Anleger reagierten zunächst positiv. Der Konzern bestätigte zugleich seine Ziele für die Cloud-Sparte, deren Umsatz weiter kräftig wachsen soll.",
            "Gewerkschaftsvertreter kritisierten, dass die Beschäftigten erst kurz vor der Veröffentlichung informiert worden seien.",
        ],
    ),
]

# Listed in the feeds but under /private/, which robots.txt disallows: never fetched.
PRIVATE = [
    dict(path="/private/embargo/chip-supply-memo.html", feeds=("rss", "json"),
         title="Embargoed: chip supply memo", feed_date="2025-03-11T07:00:00+00:00"),
    dict(path="/private/drafts/q3-rumour-roundup.html", feeds=("atom",),
         title="Draft: rumour round-up", feed_date="2025-03-12T07:00:00+00:00"),
]

PDF = dict(path="/reports/ai-funding-tracker-2024-q2.pdf", title="AI funding tracker, second quarter 2024",
           feed_date="2024-07-08T09:00:00+00:00",
           text="Relay Wire AI funding tracker - second quarter 2024")

# Which feeds list which article (the private entries and the PDF are added by build_site.py).
FEEDS = {
    "rss": ["run-ai", "aleph-alpha", "inflection", "moveworks", "leaderboard", "kurz"],
    "atom": ["h-company", "aleph-alpha", "inflection", "sap"],
    "json": ["run-ai", "inflection", "leaderboard", "sap"],
}

# Boilerplate per language. The "leak" sentences are what expected.json says must NOT be in the
# extracted text; everything else is bulk so that each page weighs more than 50 KB.
UI = {
    "en": dict(
        cookie_leak="Relay Wire and its 317 advertising partners keep small crumbs of data on your device to count visits and tailor sponsored slots.",
        cookie_more="Select Manage choices to object to legitimate interest, or Accept to agree to all purposes listed below.",
        accept="Accept and close", manage="Manage choices",
        newsletter_leak="Join the Night Shift newsletter and get the day's deals in your inbox before midnight.",
        newsletter_btn="Sign me up", email="you@example.org",
        related_h="More from Relay Wire",
        related_leak="Why the office printer became the last unpatched server in the building",
        comments_h="Reader comments",
        comment_leak="I read this on the night bus and missed my stop, which tells you how good the reporting is.",
        comment_user="lanternfish_77",
        ago="hours ago", reply="Reply", report="Report",
        footer="Relay Wire Media. Independent technology journalism funded by readers and advertising.",
    ),
    "fr": dict(
        cookie_leak="Relay Wire et ses 317 partenaires publicitaires déposent quelques miettes de données sur votre appareil pour compter les visites.",
        cookie_more="Cliquez sur Gérer mes choix pour vous opposer à l'intérêt légitime, ou sur Accepter pour consentir à toutes les finalités ci-dessous.",
        accept="Accepter et fermer", manage="Gérer mes choix",
        newsletter_leak="Recevez la lettre Veille de nuit et tous les deals du jour dans votre boîte avant minuit.",
        newsletter_btn="Je m'inscris", email="vous@exemple.fr",
        related_h="Plus de Relay Wire",
        related_leak="Pourquoi la photocopieuse du bureau est devenue le dernier serveur jamais mis à jour",
        comments_h="Commentaires des lecteurs",
        comment_leak="J'ai lu cet article dans le bus de nuit et j'ai raté mon arrêt, c'est dire la qualité de l'enquête.",
        comment_user="poisson_lanterne",
        ago="heures", reply="Répondre", report="Signaler",
        footer="Relay Wire Media. Un journalisme technologique indépendant, financé par ses lecteurs et la publicité.",
    ),
    "de": dict(
        cookie_leak="Relay Wire und seine 317 Werbepartner legen kleine Datenkrümel auf Ihrem Gerät ab, um Besuche zu zählen.",
        cookie_more="Wählen Sie Einstellungen, um dem berechtigten Interesse zu widersprechen, oder Akzeptieren, um allen unten genannten Zwecken zuzustimmen.",
        accept="Akzeptieren und schließen", manage="Einstellungen",
        newsletter_leak="Abonnieren Sie den Nachtschicht-Newsletter und erhalten Sie die Deals des Tages vor Mitternacht.",
        newsletter_btn="Jetzt anmelden", email="sie@beispiel.de",
        related_h="Mehr von Relay Wire",
        related_leak="Warum der Bürodrucker der letzte ungepatchte Server im ganzen Haus ist",
        comments_h="Leserkommentare",
        comment_leak="Ich habe das im Nachtbus gelesen und meine Haltestelle verpasst, so gut ist die Recherche.",
        comment_user="laternenfisch_77",
        ago="Stunden", reply="Antworten", report="Melden",
        footer="Relay Wire Media. Unabhängiger Technikjournalismus, finanziert von Leserinnen, Lesern und Werbung.",
    ),
}

# Pools the generator combines into many related teasers and comments (bulk, language-specific).
TEASER_PARTS = {
    "en": (["A regional bank", "The tram operator", "A mid-sized insurer", "The city archive", "A chip-testing lab",
            "A grocery chain", "The national weather office", "A games studio"],
           ["quietly moved its billing system to the cloud", "tried an AI assistant for a month",
            "lost a week of data to an expired certificate", "rewrote its app in a new language",
            "hired its first chief data officer", "stopped printing paper tickets"]),
    "fr": (["Une banque régionale", "L'opérateur du tramway", "Un assureur de taille moyenne", "Les archives municipales",
            "Un laboratoire de test de puces", "Une chaîne de supermarchés", "Le service météo national", "Un studio de jeux"],
           ["a discrètement migré sa facturation vers le cloud", "a testé un assistant IA pendant un mois",
            "a perdu une semaine de données à cause d'un certificat expiré", "a réécrit son application dans un nouveau langage",
            "a recruté son premier directeur des données", "a cessé d'imprimer des billets papier"]),
    "de": (["Eine Regionalbank", "Der Straßenbahnbetreiber", "Ein mittelgroßer Versicherer", "Das Stadtarchiv",
            "Ein Prüflabor für Chips", "Eine Supermarktkette", "Der nationale Wetterdienst", "Ein Spielestudio"],
           ["hat seine Abrechnung still in die Cloud verlegt", "hat einen KI-Assistenten einen Monat lang getestet",
            "hat wegen eines abgelaufenen Zertifikats eine Woche Daten verloren", "hat seine App in einer neuen Sprache neu geschrieben",
            "hat zum ersten Mal eine Datenchefin eingestellt", "druckt keine Papiertickets mehr"]),
}
COMMENT_POOL = {
    "en": ["Good summary, though I'd like to see the actual numbers.", "Another week, another billion.",
           "Does anyone know whether this needs regulatory approval?", "My team tried the product; it was fine, not magic.",
           "The headline oversells it a little.", "Bookmarking this for the quarterly review."],
    "fr": ["Bon résumé, même si j'aimerais voir les vrais chiffres.", "Encore une semaine, encore un milliard.",
           "Quelqu'un sait si l'opération doit être validée par les autorités ?", "Mon équipe a testé le produit, correct sans plus.",
           "Le titre en fait un peu trop.", "Je garde ça pour la revue trimestrielle."],
    "de": ["Gute Zusammenfassung, aber ich hätte gern die echten Zahlen gesehen.", "Neue Woche, neue Milliarde.",
           "Weiß jemand, ob das noch genehmigt werden muss?", "Mein Team hat das Produkt getestet, solide, aber keine Magie.",
           "Die Überschrift übertreibt ein bisschen.", "Lesezeichen für den Quartalsbericht."],
}
NAV_SECTIONS = ["AI", "Cloud", "Security", "Chips", "Startups", "Policy", "Mobile", "Science", "Deals", "Events"]
NAV_TOPICS = ["Analysis", "Explainers", "Interviews", "Reviews", "Data", "Podcasts", "Newsletters", "Jobs",
              "Opinion", "Guides", "Video", "Live", "Archive", "Briefings", "Reports", "Tools", "Glossary",
              "Webinars", "Awards", "Partners"]
# fmt: on
