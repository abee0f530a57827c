"""Demo content (Danish): the elective on gangs and how young people are recruited."""

BANDER: dict = {
    "slug": "bander-og-rekruttering-af-unge",
    "title": "Bander og rekruttering af unge",
    "kind": "tilvalgsmodul",
    "summary": (
        "Modulet giver viden om, hvordan kriminelle grupper og netværk rekrutterer "
        "børn og unge, hvilke tegn fagpersoner og forældre skal være opmærksomme "
        "på, og hvordan man kan støtte unge, der vil ud af et kriminelt miljø."
    ),
    "learning_goals": [
        (
            "Du kan beskrive de mekanismer, kriminelle grupper bruger til at "
            "tiltrække og fastholde unge, både fysisk og online."
        ),
        (
            "Du kan genkende tegn på, at en ung er i risiko for at blive "
            "rekrutteret, og ved, hvordan du handler på en bekymring."
        ),
        (
            "Du kan støtte forældre, der er bekymrede for deres barn, og inddrage "
            "dem som en ressource."
        ),
        (
            "Du kan forklare de overordnede elementer i exitforløb og SSP's rolle "
            "i at understøtte dem."
        ),
    ],
    "target_groups": (
        "SSP-konsulenter, klub- og gadeplansmedarbejdere, lærere i udskolingen, "
        "socialrådgivere, boligsociale medarbejdere og politiets "
        "forebyggelsesmedarbejdere – især i områder, hvor kriminelle grupperinger "
        "er til stede."
    ),
    "expected_hours": 7,
    "lessons": [
        {
            "slug": "saadan-rekrutteres-unge",
            "title": "Sådan rekrutteres unge",
            "summary": (
                "Lektionen beskriver, hvordan rekruttering til kriminelle grupper "
                "typisk foregår gradvist, hvad der gør grupperne tiltrækkende, og "
                "hvordan rekrutteringen i stigende grad også sker online."
            ),
            "body": [
                (
                    "heading",
                    {
                        "text": (
                            "Rekruttering sker sjældent fra den ene dag til den anden"
                        ),
                        "level": "h2",
                    },
                ),
                (
                    "paragraph",
                    (
                        "<p>Når unge bliver en del af et kriminelt miljø, er det "
                        "sjældent resultatet af én beslutning. Rekruttering "
                        "foregår oftest gradvist. Det begynder med, at en ung "
                        "bliver set og anerkendt af ældre unge, får et lift, et "
                        "måltid mad eller lidt penge. Efterhånden bliver den unge "
                        "bedt om små tjenester: at holde udkig, opbevare en pose "
                        "eller bringe en pakke fra ét sted til et andet. Hver "
                        "opgave flytter grænsen lidt, og til sidst kan den unge "
                        "stå i en situation, hvor det føles umuligt at sige "
                        "nej.</p>"
                    ),
                ),
                (
                    "heading",
                    {"text": "Hvad gør grupperne tiltrækkende?", "level": "h3"},
                ),
                (
                    "paragraph",
                    (
                        "<p>Kriminelle grupper tilbyder ofte det, den unge savner "
                        "andre steder:</p><ul><li><b>Fællesskab og loyalitet</b> "
                        "for unge, der føler sig udenfor i skolen eller i "
                        "fritiden.</li><li><b>Status og respekt</b>, fx gennem "
                        "dyrt tøj, biler og omtale på sociale "
                        "medier.</li><li><b>Penge</b> for unge, der oplever, at "
                        "uddannelse og job er uden for "
                        "rækkevidde.</li><li><b>Beskyttelse</b> for unge, der selv "
                        "føler sig truede.</li></ul><p>Derfor er det vigtigt at "
                        "arbejde med alternativerne: fællesskaber, voksenkontakt, "
                        "fritidsjob og en realistisk vej gennem uddannelse.</p>"
                    ),
                ),
                ("heading", {"text": "Gæld og pres", "level": "h3"}),
                (
                    "paragraph",
                    (
                        "<p>En kendt metode er at gøre den unge økonomisk "
                        "afhængig. Den unge får stoffer eller varer på kredit, "
                        "eller der opstår en påstået gæld, fx fordi en pakke "
                        "forsvinder. Gælden bruges derefter til at presse den unge "
                        "til nye opgaver. Unge i den situation er både "
                        "gerningspersoner og ofre, og de har brug for at blive "
                        "mødt som begge dele.</p>"
                    ),
                ),
                (
                    "heading",
                    {"text": "Rekruttering via sociale medier", "level": "h2"},
                ),
                (
                    "paragraph",
                    (
                        "<p>I de senere år har politi og kommuner set, at "
                        "kriminelle netværk – også fra udlandet – kontakter unge "
                        "via sociale medier og krypterede beskedtjenester og "
                        "tilbyder betaling for at udføre kriminelle opgaver, i "
                        "nogle tilfælde alvorlig vold. De unge kender ofte ikke "
                        "dem, der giver opgaverne, og har svært ved at overskue "
                        "konsekvenserne. Denne form for rekruttering kan ramme "
                        "unge, som ikke tidligere har været kendt i "
                        "SSP-samarbejdet, og den stiller krav om, at fagpersoner "
                        "også interesserer sig for de unges liv online.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "info",
                        "heading": "Refleksion",
                        "text": (
                            "<p>Hvilke alternative fællesskaber og muligheder for "
                            "at tjene penge lovligt findes der for unge i dit "
                            "område? Hvor er der huller, som kriminelle grupper "
                            "kan udnytte?</p>"
                        ),
                    },
                ),
            ],
        },
        {
            "slug": "tegn-paa-bekymring",
            "title": "Tegn på bekymring, og hvordan du handler",
            "summary": (
                "Lektionen giver overblik over tegn, der kan pege på rekruttering, "
                "og gennemgår, hvordan en bekymring håndteres i SSP-samarbejdet."
            ),
            "body": [
                (
                    "heading",
                    {"text": "Tegn, du skal være opmærksom på", "level": "h2"},
                ),
                (
                    "paragraph",
                    (
                        "<p>Ingen enkelt observation beviser, at en ung er ved at "
                        "blive rekrutteret. Men flere tegn på samme tid bør føre "
                        "til en faglig drøftelse:</p><ul><li>Nye, ældre venner og "
                        "afstand til tidligere venner</li><li>Penge, tøj, "
                        "telefoner eller andre ting, som den unge ikke kan "
                        "forklare</li><li>Flere telefoner eller hyppige skift af "
                        "nummer og profiler</li><li>Stigende fravær og faldende "
                        "engagement i skolen</li><li>Ophold ude om natten eller "
                        "steder, der er kendt for kriminalitet</li><li>Nyt sprog, "
                        "symboler eller musik, der hylder et bestemt "
                        "miljø</li><li>Tegn på frygt, stress eller på, at den unge "
                        "skylder nogen noget</li></ul>"
                    ),
                ),
                ("heading", {"text": "Tal med den unge", "level": "h3"}),
                (
                    "paragraph",
                    (
                        "<p>Den vigtigste handling er ofte at tale med den unge. "
                        "Vær direkte og ærlig om, hvad du har lagt mærke til, og "
                        "om din bekymring – uden at anklage. Mange unge i risiko "
                        "føler sig fanget og har brug for en voksen, der tager dem "
                        "alvorligt. Lov ikke at holde på en hemmelighed, du ikke "
                        "kan holde. Forklar i stedet, hvem du har brug for at tale "
                        "med, og hvorfor.</p>"
                    ),
                ),
                (
                    "heading",
                    {"text": "Bekymringen i SSP-samarbejdet", "level": "h2"},
                ),
                (
                    "paragraph",
                    (
                        "<p>Drøft bekymringen med din leder og med "
                        "SSP-konsulenten. Afhængigt af situationen kan næste "
                        "skridt være:</p><ol><li>En underretning til kommunen, "
                        "hvis der er grund til at antage, at den unge har behov "
                        "for særlig støtte.</li><li>Et møde efter retsplejelovens "
                        "§ 115 med skole, socialforvaltning og politi for at "
                        "koordinere en forebyggende indsats.</li><li>En "
                        "bekymringssamtale, hvor politiet, gerne sammen med "
                        "kommunen, taler med den unge og forældrene om bekymringen "
                        "og om konsekvenserne af kriminalitet.</li><li>En plan med "
                        "konkrete tiltag, fx mentor, fritidsjob, skoleskift eller "
                        "støtte til familien.</li></ol>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "heading": "Hvis der er fare",
                        "text": (
                            "<p>Er der risiko for, at den unge eller andre kommer "
                            "til skade, skal du straks kontakte politiet. Ved akut "
                            "fare ringer du 112. Konfrontér aldrig selv personer, "
                            "du mistænker for at rekruttere unge.</p>"
                        ),
                    },
                ),
                (
                    "callout",
                    {
                        "kind": "info",
                        "heading": "Et fiktivt eksempel",
                        "text": (
                            "<p>En lærer bemærker, at en elev på 14 år har fået en "
                            "ny, dyr jakke, og at han to gange er blevet hentet af "
                            "en ældre ung i bil midt i skoletiden. Læreren taler "
                            "med eleven og med SSP-konsulenten. På et § 115-møde "
                            "viser det sig, at også klubben og politiet har gjort "
                            "sig bekymringer. Drengen får tilbudt en mentor og "
                            "hjælp til et fritidsjob, og forældrene inddrages. "
                            "Eksemplet er opdigtet.</p>"
                        ),
                    },
                ),
            ],
        },
        {
            "slug": "foraeldre-netvaerk-og-exit",
            "title": "Forældre, netværk og veje ud",
            "summary": (
                "Lektionen handler om at inddrage forældre som en ressource og om "
                "de overordnede principper i exitforløb for unge, der vil forlade "
                "et kriminelt miljø."
            ),
            "body": [
                (
                    "heading",
                    {"text": "Forældre er en vigtig ressource", "level": "h2"},
                ),
                (
                    "paragraph",
                    (
                        "<p>Mange forældre til unge i risiko føler sig magtesløse, "
                        "bange eller skamfulde. Nogle har mistet overblikket over, "
                        "hvor deres barn er, og hvem det er sammen med. Andre "
                        "frygter at miste kontakten, hvis de stiller krav. For "
                        "SSP-medarbejdere handler det om at møde forældrene som "
                        "samarbejdspartnere og ikke som en del af problemet. "
                        "Forældre, der bliver hørt og støttet, kan ofte gøre en "
                        "stor forskel.</p>"
                    ),
                ),
                (
                    "heading",
                    {"text": "Sådan kan du støtte forældrene", "level": "h3"},
                ),
                (
                    "paragraph",
                    (
                        "<ul><li>Fortæl ærligt og konkret om bekymringen, og lyt "
                        "til forældrenes oplevelse.</li><li>Giv dem viden om, "
                        "hvordan rekruttering foregår, og hvilke tegn de kan være "
                        "opmærksomme på.</li><li>Opfordr dem til at holde fast i "
                        "kontakten med barnet, også når det er svært, og til at "
                        "sætte tydelige rammer.</li><li>Hjælp dem videre til "
                        "familierådgivning, forældrenetværk eller andre tilbud i "
                        "kommunen.</li><li>Inddrag dem i planen for barnet, så de "
                        "ved, hvad der sker, og hvad de selv kan bidrage "
                        "med.</li></ul>"
                    ),
                ),
                (
                    "heading",
                    {"text": "Exit: veje ud af et kriminelt miljø", "level": "h2"},
                ),
                (
                    "paragraph",
                    (
                        "<p>Unge og unge voksne, der vil forlade et kriminelt "
                        "miljø, kan få hjælp gennem exitforløb, som kommuner og "
                        "politi tilbyder i samarbejde. Indholdet tilpasses den "
                        "enkelte, men forløbene bygger typisk på de samme "
                        "elementer:</p><ul><li><b>Motivation:</b> Forløbet "
                        "forudsætter et reelt ønske om at bryde med "
                        "miljøet.</li><li><b>Sikkerhed:</b> En vurdering af, om "
                        "personen er i fare, og eventuelt hjælp til at "
                        "flytte.</li><li><b>Hverdagsliv:</b> Hjælp til bolig, "
                        "uddannelse, job, økonomi og "
                        "gæld.</li><li><b>Relationer:</b> En fast kontaktperson "
                        "eller mentor og støtte til at opbygge et nyt "
                        "netværk.</li><li><b>Behandling:</b> Eventuelt "
                        "misbrugsbehandling eller psykologhjælp.</li></ul>"
                    ),
                ),
                ("heading", {"text": "SSP's rolle", "level": "h3"}),
                (
                    "paragraph",
                    (
                        "<p>SSP-medarbejdere står sjældent for selve exitforløbet, "
                        "men de spiller en vigtig rolle ved at opdage unge, der "
                        "overvejer at trække sig, og ved at bygge bro til de "
                        "relevante tilbud. Kendskab til de lokale muligheder og en "
                        "god kontakt til politiets forebyggelsesenhed er "
                        "afgørende.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "info",
                        "heading": "Exit tager tid",
                        "text": (
                            "<p>Et brud med et kriminelt miljø sker sjældent i ét "
                            "ryk. Tvivl og tilbagefald er en normal del af "
                            "processen. Hold fast i relationen, også når det går "
                            "skævt.</p>"
                        ),
                    },
                ),
            ],
        },
    ],
}
