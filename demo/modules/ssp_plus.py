"""Demo content (Danish): the elective on SSP+ and the 18-25-year-olds."""

SSP_PLUS: dict = {
    "slug": "ssp-plus-og-de-18-25-aarige",
    "title": "SSP+ og de 18-25-årige",
    "kind": "tilvalgsmodul",
    "summary": (
        "Modulet handler om SSP+, hvor det kriminalitetsforebyggende samarbejde "
        "udvides til unge voksne mellem 18 og 25 år. Du får viden om, hvad der "
        "ændrer sig, når den unge bliver myndig, om overgangen fra skole til "
        "uddannelse og job og om samarbejdet med psykiatri og jobcenter."
    ),
    "learning_goals": [
        (
            "Du kan forklare, hvorfor mange kommuner har udvidet SSP-samarbejdet "
            "til de 18-25-årige, og hvordan SSP+ kan organiseres."
        ),
        (
            "Du kan beskrive, hvad der ændrer sig juridisk og praktisk, når en ung "
            "fylder 18 år."
        ),
        (
            "Du kan pege på kritiske overgange fra grundskole til uddannelse og "
            "job og på de aktører, der kan understøtte dem."
        ),
        (
            "Du kan samarbejde med psykiatri, misbrugsbehandling og jobcenter om "
            "en sammenhængende indsats for unge voksne."
        ),
    ],
    "target_groups": (
        "SSP-konsulenter og -medarbejdere med ansvar for unge over 18 år, "
        "medarbejdere i jobcenter og ungeindsats, vejledere og medarbejdere på "
        "ungdomsuddannelser, misbrugsbehandlere, samarbejdspartnere i psykiatrien "
        "og politiets forebyggelsesmedarbejdere."
    ),
    "expected_hours": 6,
    "lessons": [
        {
            "slug": "den-udvidede-maalgruppe",
            "title": "Den udvidede målgruppe",
            "summary": (
                "Lektionen forklarer baggrunden for SSP+, hvad der ændrer sig, når "
                "den unge bliver myndig, og hvordan samarbejdet om de 18-25-årige "
                "kan organiseres."
            ),
            "body": [
                ("heading", {"text": "Hvorfor SSP+?", "level": "h2"}),
                (
                    "paragraph",
                    (
                        "<p>For mange, der begår kriminalitet, topper "
                        "kriminaliteten i de sene teenageår og de første år som "
                        "voksen. Alligevel var det traditionelle SSP-samarbejde "
                        "bygget op omkring børn og unge i skolealderen. Mange unge "
                        "faldt derfor mellem to stole, når de forlod grundskolen "
                        "eller fyldte 18 år: Skolen var ikke længere en samlende "
                        "aktør, og den sociale indsats for børn og unge ophørte. "
                        "SSP+ er betegnelsen for de modeller, hvor kommuner og "
                        "politi udvider det forebyggende samarbejde til unge "
                        "voksne, typisk i alderen 18 til 25 år.</p>"
                    ),
                ),
                ("heading", {"text": "Hvad ændrer sig ved 18 år?", "level": "h3"}),
                (
                    "paragraph",
                    (
                        "<ul><li>Den unge er <b>myndig</b> og træffer selv sine "
                        "beslutninger. Forældrene kan ikke længere inddrages uden "
                        "den unges accept.</li><li>Den unge giver selv "
                        "<b>samtykke</b> til, at oplysninger deles, medmindre der "
                        "er en særlig lovhjemmel.</li><li>Indsatsen flytter fra "
                        "reglerne om børn og unge til <b>voksenområdet</b>, og nye "
                        "aktører som jobcenter, voksensocialområdet og psykiatri "
                        "kommer ind i billedet.</li><li>Straffesager behandles som "
                        "voksensager, og en dom kan få større betydning for "
                        "uddannelse og job.</li></ul>"
                    ),
                ),
                ("heading", {"text": "Organisering af SSP+", "level": "h2"}),
                (
                    "paragraph",
                    (
                        "<p>Der er ikke én fast model for SSP+. Nogle kommuner har "
                        "en særskilt SSP+-gruppe med deltagelse af jobcenter, "
                        "ungeindsats, voksensocialområdet, kriminalforsorgen og "
                        "politi. Andre har udvidet de eksisterende SSP-strukturer. "
                        "Det afgørende er, at der er klare aftaler om, hvem der "
                        "koordinerer, hvordan en bekymring bringes videre, og "
                        "hvordan indsatsen følges op. Retsplejelovens § 115 er "
                        "ikke begrænset til børn, så oplysninger kan også "
                        "udveksles om unge voksne, når det er nødvendigt for det "
                        "kriminalitetsforebyggende samarbejde. For særlige "
                        "målgrupper giver PSP-samarbejdet med psykiatrien og "
                        "KSP-samarbejdet med kriminalforsorgen supplerende "
                        "rammer.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "info",
                        "heading": "Relationen bærer indsatsen",
                        "text": (
                            "<p>Unge voksne deltager frivilligt i de fleste "
                            "tilbud. En stabil relation til en fagperson, som den "
                            "unge har tillid til, er derfor ofte den vigtigste "
                            "forudsætning for, at en indsats lykkes.</p>"
                        ),
                    },
                ),
                ("heading", {"text": "Refleksion", "level": "h3"}),
                (
                    "paragraph",
                    (
                        "<p>Hvem i din kommune har ansvaret, når en ung på 19 år "
                        "har forladt sin ungdomsuddannelse og hænger ud med en "
                        "gruppe, der begår kriminalitet? Er der klare aftaler – "
                        "eller risikerer den unge at falde mellem to stole?</p>"
                    ),
                ),
            ],
        },
        {
            "slug": "overgange-til-uddannelse-og-job",
            "title": "Overgangen fra skole til uddannelse og job",
            "summary": (
                "Lektionen sætter fokus på de kritiske overgange efter grundskolen "
                "og på, hvordan SSP+ kan støtte unge i at komme i gang med og "
                "fastholde uddannelse eller job."
            ),
            "body": [
                (
                    "heading",
                    {"text": "Overgange er sårbare perioder", "level": "h2"},
                ),
                (
                    "paragraph",
                    (
                        "<p>Skiftet fra grundskole til ungdomsuddannelse er en af "
                        "de mest sårbare perioder for unge i risiko for "
                        "kriminalitet. Den faste struktur og de kendte voksne "
                        "forsvinder, og mange skal finde sig til rette i et nyt "
                        "miljø med større krav om selvstændighed. Unge, der falder "
                        "fra, står ofte uden daglig struktur, uden indtægt og med "
                        "god tid til at være sammen med andre i samme situation. "
                        "Uddannelse og job er nogle af de stærkeste "
                        "beskyttelsesfaktorer mod kriminalitet, og derfor er "
                        "overgangene et centralt fokus i SSP+.</p>"
                    ),
                ),
                ("heading", {"text": "Aktører i overgangen", "level": "h3"}),
                (
                    "paragraph",
                    (
                        "<ul><li><b>Den kommunale ungeindsats</b> vejleder og "
                        "koordinerer indsatsen for unge under 25 år, der ikke er i "
                        "gang med eller har gennemført en "
                        "ungdomsuddannelse.</li><li><b>Den forberedende "
                        "grunduddannelse (FGU)</b> er et tilbud til unge, der har "
                        "brug for at blive klar til en ungdomsuddannelse eller et "
                        "job.</li><li><b>Ungdomsuddannelserne</b> har "
                        "studievejledere og ofte mentorordninger, der skal "
                        "fastholde eleverne.</li><li><b>Jobcentret</b> kan tilbyde "
                        "vejledning, virksomhedspraktik, job med løntilskud og "
                        "mentorstøtte.</li></ul>"
                    ),
                ),
                ("heading", {"text": "Hvad kan SSP+ bidrage med?", "level": "h2"}),
                (
                    "paragraph",
                    (
                        "<p>SSP+ kan sikre, at viden om en ung i risiko ikke går "
                        "tabt, når den unge skifter fra ét system til et andet. "
                        "Det kan ske ved overleveringsmøder, hvor den unge selv "
                        "deltager og giver samtykke til, at relevante oplysninger "
                        "deles. SSP+ kan også skabe forbindelse mellem aktørerne, "
                        "så den unge ikke skal fortælle sin historie forfra mange "
                        "gange, og så tilbud om uddannelse, job, bolig og "
                        "behandling hænger sammen.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "info",
                        "heading": "Et fiktivt eksempel",
                        "text": (
                            "<p>En ung mand på 18 år – her kaldet Emil, et "
                            "opdigtet navn – er droppet ud af en "
                            "erhvervsuddannelse og har fået en bøde for hærværk. "
                            "SSP+-koordinatoren hjælper ham til et møde med "
                            "ungeindsatsen, og sammen finder de et forløb på FGU "
                            "med praktik i en lokal virksomhed. En mentor følger "
                            "ham de første måneder. Eksemplet er opdigtet.</p>"
                        ),
                    },
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "heading": "Pas på med mange planer",
                        "text": (
                            "<p>Unge med komplekse problemer har ofte planer i "
                            "flere forskellige systemer. Arbejd for én fælles plan "
                            "og én tovholder, så den unge ikke drukner i møder og "
                            "krav.</p>"
                        ),
                    },
                ),
                ("heading", {"text": "Refleksion", "level": "h3"}),
                (
                    "paragraph",
                    (
                        "<p>Hvordan bliver viden om unge i risiko overleveret i "
                        "din kommune, når de forlader grundskolen? Hvilke aktører "
                        "mangler i jeres nuværende samarbejde?</p>"
                    ),
                ),
            ],
        },
        {
            "slug": "samarbejde-med-psykiatri-og-jobcenter",
            "title": "Samarbejde med psykiatri og jobcenter",
            "summary": (
                "Lektionen handler om unge voksne med psykiske vanskeligheder og "
                "misbrug og om, hvordan SSP+ kan samarbejde med psykiatrien og "
                "jobcentret om en sammenhængende indsats."
            ),
            "body": [
                (
                    "heading",
                    {
                        "text": "Komplekse problemer kræver samarbejde",
                        "level": "h2",
                    },
                ),
                (
                    "paragraph",
                    (
                        "<p>En del unge voksne i risiko for kriminalitet har "
                        "samtidig psykiske vanskeligheder, et misbrug eller begge "
                        "dele. Det kan være ADHD, angst, depression, traumer eller "
                        "begyndende psykisk sygdom, og ofte er vanskelighederne "
                        "ikke udredt. Misbrug kan både være en måde at håndtere et "
                        "psykisk pres på og en direkte vej ind i kriminelle "
                        "miljøer, fx gennem gæld. Hvis indsatsen kun retter sig "
                        "mod kriminaliteten, bliver de bagvedliggende problemer "
                        "ikke løst.</p>"
                    ),
                ),
                ("heading", {"text": "Samarbejdet med psykiatrien", "level": "h3"}),
                (
                    "paragraph",
                    (
                        "<p>Psykiatrien drives af regionerne og har sine egne "
                        "regler om tavshedspligt og samtykke. I PSP-samarbejdet "
                        "mellem politi, socialforvaltning og psykiatri kan der "
                        "udveksles oplysninger om socialt udsatte personer, når "
                        "det er nødvendigt. For SSP+ er det vigtigt at kende de "
                        "lokale PSP-aftaler og vide, hvem der er kontaktperson i "
                        "psykiatrien. Et godt samarbejde kan fx sikre, at en ung, "
                        "der udskrives efter en indlæggelse, har en aftale med "
                        "kommunen og ikke vender direkte tilbage til et kriminelt "
                        "miljø.</p>"
                    ),
                ),
                ("heading", {"text": "Samarbejdet med jobcentret", "level": "h3"}),
                (
                    "paragraph",
                    (
                        "<p>Jobcentret er en central aktør for unge voksne uden "
                        "uddannelse eller arbejde. Mange unge i målgruppen "
                        "modtager en offentlig ydelse og har derfor allerede "
                        "kontakt til jobcentret. Jobcentret kan tilbyde "
                        "mentorstøtte, virksomhedspraktik og forløb, der tager "
                        "højde for den unges samlede situation. Når jobcentret "
                        "deltager i SSP+, kan kravene i beskæftigelsesindsatsen "
                        "tilrettelægges, så de understøtter den "
                        "kriminalitetsforebyggende indsats i stedet for at "
                        "modarbejde den.</p>"
                    ),
                ),
                (
                    "heading",
                    {"text": "Principper for et godt samarbejde", "level": "h2"},
                ),
                (
                    "paragraph",
                    (
                        "<ul><li>Sæt den unge i centrum, og inddrag vedkommende i "
                        "alle beslutninger.</li><li>Aftal, hvem der er tovholder, "
                        "og hvem den unge skal kontakte.</li><li>Brug samtykke som "
                        "udgangspunkt, og kend de lovlige rammer for at dele "
                        "oplysninger uden samtykke.</li><li>Følg systematisk op – "
                        "mange forløb går i stå, fordi en aftale ikke bliver fulgt "
                        "op.</li></ul>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "info",
                        "heading": "Husk misbrugsbehandlingen",
                        "text": (
                            "<p>Kommunen skal tilbyde behandling for misbrug af "
                            "rusmidler, og mange steder findes der særlige tilbud "
                            "til unge. Undersøg, hvilke muligheder der er i din "
                            "kommune, og hvordan den unge hurtigt kan komme i "
                            "kontakt med dem.</p>"
                        ),
                    },
                ),
            ],
        },
    ],
}
