"""Demo content (Danish) for the SSP-uddannelsen home and standard pages."""

HOME_TITLE = "SSP-uddannelsen"

HOME_INTRO = (
    "Velkommen til SSP-uddannelsen – den nationale uddannelse i "
    "kriminalitetsforebyggelse for dig, der arbejder i samarbejdet mellem skole, "
    "socialforvaltning og politi. Her finder du moduler, webinarer og faglige netværk, "
    "der styrker dit arbejde med børn og unge."
)

HOME_BODY: list = [
    ("heading", {"text": "En fælles uddannelse for hele landet", "level": "h2"}),
    (
        "paragraph",
        (
            "<p>SSP-uddannelsen udbydes af Socialstyrelsen i samarbejde med "
            "Rigspolitiets Nationale Forebyggelsescenter. Uddannelsen består af et "
            "grundmodul, som alle deltagere tager, og en række tilvalgsmoduler, hvor "
            "du kan fordybe dig i fx lovgivning og informationsudveksling, digital "
            "kriminalitet, bander og rekruttering eller SSP+ for de 18-25-årige. "
            "Undervisningen kombinerer online lektioner, webinarer og holdsamlinger "
            "med kolleger fra din politikreds.</p>"
        ),
    ),
    (
        "callout",
        {
            "kind": "info",
            "heading": "Sådan bliver du tilmeldt",
            "text": (
                "<p>Du kan ikke tilmelde dig uddannelsen på egen hånd. Tilmelding sker "
                "gennem <b>SSP-kontaktpersonen i din kommune</b>, som fordeler "
                "pladserne i samarbejde med politikredsen. Kontakt din leder eller din "
                "kommunes SSP-konsulent, hvis du gerne vil deltage. Når du er "
                "tilmeldt, får du en e-mail med besked om, hvordan du logger ind.</p>"
            ),
        },
    ),
]

STANDARD_PAGES: list[dict] = [
    {
        "slug": "tilgaengelighedserklaering",
        "title": "Tilgængelighedserklæring",
        "intro": (
            "Socialstyrelsen ønsker, at alle kan bruge SSP-uddannelsens "
            "læringsplatform. Her kan du læse, i hvilket omfang platformen lever op "
            "til kravene om webtilgængelighed, og hvordan du kan melde et problem."
        ),
        "body": [
            (
                "heading",
                {"text": "Hvilket websted gælder erklæringen for?", "level": "h2"},
            ),
            (
                "paragraph",
                (
                    "<p>Denne tilgængelighedserklæring gælder for SSP-uddannelsens "
                    "læringsplatform på ssp-uddannelsen.dk, som drives af "
                    "Socialstyrelsen. Socialstyrelsen er forpligtet til at gøre "
                    "platformen tilgængelig i overensstemmelse med lov om "
                    "tilgængelighed af offentlige organers websteder og "
                    "mobilapplikationer (webtilgængelighedsloven), som gennemfører "
                    "EU's webtilgængelighedsdirektiv i dansk ret.</p>"
                ),
            ),
            ("heading", {"text": "Overensstemmelsesstatus", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Læringsplatformen er <b>delvist i overensstemmelse</b> med "
                    "standarden WCAG 2.1 på niveau AA. Det skyldes de manglende "
                    "overholdelser, der er beskrevet nedenfor.</p>"
                ),
            ),
            ("heading", {"text": "Indhold, der ikke er tilgængeligt", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Følgende indhold er ikke fuldt "
                    "tilgængeligt:</p><ul><li><b>Kursusbeviser i PDF:</b> De "
                    "kursusbeviser, som platformen danner som PDF-filer, er endnu ikke "
                    "fuldt tilgængelige for skærmlæsere, fordi de mangler korrekt "
                    "opmærkning af struktur og tekstalternativer (WCAG 1.1.1 og "
                    "1.3.1).</li><li><b>Uploadede præsentationer:</b> Præsentationer "
                    "fra undervisere og oplægsholdere, som er lagt på platformen som "
                    "filer, er ikke altid tilgængelige, fx på grund af manglende "
                    "alternativ tekst til billeder eller en uklar læserækkefølge (WCAG "
                    "1.1.1 og 1.3.2).</li><li><b>Video fra eksterne udbydere:</b> "
                    "Videoer, der er indlejret fra eksterne udbydere, kan mangle "
                    "undertekster (WCAG 1.2.2).</li></ul><p>Vi arbejder på at udbedre "
                    "manglerne. Nye kursusbeviser og præsentationer bliver løbende "
                    "gjort tilgængelige, og vi stiller krav om undertekster, når vi "
                    "bestiller video. Har du brug for indholdet i en anden form, så "
                    "kontakt os, så hjælper vi dig.</p>"
                ),
            ),
            (
                "heading",
                {
                    "text": "Udarbejdelse af denne tilgængelighedserklæring",
                    "level": "h2",
                },
            ),
            (
                "paragraph",
                (
                    "<p>Erklæringen er udarbejdet den 24. november 2026 på baggrund af "
                    "en selvevaluering af platformen. Erklæringen bliver opdateret, "
                    "når der sker væsentlige ændringer på platformen eller i "
                    "vurderingen af tilgængeligheden.</p>"
                ),
            ),
            ("heading", {"text": "Feedback og kontaktoplysninger", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Oplever du problemer med tilgængeligheden, eller har du brug "
                    "for indhold i en tilgængelig form, kan du skrive til "
                    "<b>tilgaengelighed@ssp-uddannelsen.dk</b>. Beskriv gerne, hvilken "
                    "side eller hvilket indhold det drejer sig om, og hvilket "
                    "hjælpemiddel du bruger. Vi bestræber os på at svare hurtigt.</p>"
                ),
            ),
            ("heading", {"text": "Håndhævelsesprocedure", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Er du ikke tilfreds med vores svar, eller mener du, at "
                    "platformen ikke lever op til kravene i webtilgængelighedsloven, "
                    "kan du klage til Digitaliseringsstyrelsen, som fører tilsyn med "
                    "offentlige organers overholdelse af loven. Klagen indgives via "
                    "Digitaliseringsstyrelsens hjemmeside. Digitaliseringsstyrelsen "
                    "vurderer klagen og kan følge op over for Socialstyrelsen, hvis "
                    "platformen ikke lever op til kravene.</p>"
                ),
            ),
        ],
    },
    {
        "slug": "privatliv",
        "title": "Privatliv og personoplysninger",
        "intro": (
            "Her kan du læse, hvilke personoplysninger SSP-uddannelsens "
            "læringsplatform behandler om dig, hvorfor vi gør det, og hvilke "
            "rettigheder du har. Du kan også læse, hvorfor du aldrig må skrive "
            "oplysninger om børn eller borgere på platformen."
        ),
        "body": [
            ("heading", {"text": "Dataansvarlig", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Socialstyrelsen er dataansvarlig for behandlingen af "
                    "personoplysninger på læringsplatformen. Socialstyrelsen har en "
                    "databeskyttelsesrådgiver, som du kan kontakte, hvis du har "
                    "spørgsmål til behandlingen af dine oplysninger. "
                    "Kontaktoplysningerne finder du på Socialstyrelsens "
                    "hjemmeside.</p>"
                ),
            ),
            ("heading", {"text": "Hvilke oplysninger behandler vi?", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Når du bliver tilmeldt uddannelsen, behandler vi følgende "
                    "oplysninger om dig:</p><ul><li>dit navn</li><li>din "
                    "arbejdsmail</li><li>din organisation, fx kommune eller "
                    "politikreds</li><li>din sektor, fx skole, socialforvaltning eller "
                    "politi</li><li>din kursusaktivitet, herunder tilmeldinger, "
                    "gennemførte lektioner, deltagelse i webinarer, indlæg i fora og "
                    "besvarede evalueringer</li></ul><p>Vi beder ikke om dit "
                    "CPR-nummer eller om følsomme oplysninger om dig.</p>"
                ),
            ),
            ("heading", {"text": "Formål og grundlag", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Oplysningerne bruges til at administrere uddannelsen: at give "
                    "dig adgang til modulerne, følge din progression, udstede "
                    "kursusbeviser, afvikle webinarer og netværk og evaluere og "
                    "forbedre uddannelsen. Behandlingen sker som led i "
                    "Socialstyrelsens myndighedsopgaver. Oplysningerne opbevares kun, "
                    "så længe det er nødvendigt for disse formål, og slettes eller "
                    "anonymiseres derefter.</p>"
                ),
            ),
            (
                "heading",
                {
                    "text": "Skriv aldrig personoplysninger om børn eller borgere",
                    "level": "h2",
                },
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "heading": "Vigtigt for alle deltagere",
                    "text": (
                        "<p>Du må <b>aldrig</b> skrive personoplysninger om børn, "
                        "unge, forældre eller andre borgere i chat, fora, spørgsmål "
                        "til undervisere eller evalueringer. Det gælder navne, "
                        "CPR-numre, adresser og alle andre detaljer, der kan gøre det "
                        "muligt at genkende en person. Drøft i stedet dilemmaer og "
                        "erfaringer i generelle og anonymiserede vendinger.</p>"
                    ),
                },
            ),
            (
                "paragraph",
                (
                    "<p>For at beskytte borgerne afviser platformen automatisk tekst, "
                    "der indeholder et CPR-nummer. Opdager du, at der alligevel er "
                    "skrevet personoplysninger om en borger på platformen, så kontakt "
                    "os med det samme, så vi kan fjerne dem.</p>"
                ),
            ),
            ("heading", {"text": "Dine rettigheder", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Efter databeskyttelsesforordningen har du en række "
                    "rettigheder, når vi behandler oplysninger om dig. Du har som "
                    "udgangspunkt ret til:</p><ul><li>at få indsigt i de oplysninger, "
                    "vi behandler om dig</li><li>at få urigtige oplysninger "
                    "rettet</li><li>at få oplysninger slettet i visse "
                    "situationer</li><li>at få behandlingen begrænset i visse "
                    "situationer</li><li>at gøre indsigelse mod "
                    "behandlingen</li></ul><p>Du kan også klage til Datatilsynet, hvis "
                    "du er utilfreds med den måde, vi behandler dine oplysninger "
                    "på.</p>"
                ),
            ),
        ],
    },
    {
        "slug": "om",
        "title": "Om SSP-uddannelsen",
        "intro": (
            "SSP-uddannelsen er den nationale uddannelse i kriminalitetsforebyggelse "
            "for alle, der arbejder i SSP-samarbejdet. Uddannelsen giver et fælles "
            "fagligt grundlag på tværs af kommuner, sektorer og politikredse."
        ),
        "body": [
            ("heading", {"text": "Hvad er SSP-uddannelsen?", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>SSP-uddannelsen udbydes af Socialstyrelsen i samarbejde med "
                    "Rigspolitiets Nationale Forebyggelsescenter. Uddannelsen "
                    "henvender sig til SSP-konsulenter, til SSP-medarbejdere som "
                    "lærere, pædagoger, klubmedarbejdere og socialrådgivere, til "
                    "ledere med ansvar for SSP og til politiets "
                    "forebyggelsesmedarbejdere i landets 98 kommuner og 12 "
                    "politikredse.</p>"
                ),
            ),
            ("heading", {"text": "Moduler", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Alle deltagere begynder med <b>grundmodulet</b>, som giver et "
                    "fælles fundament om SSP-organisationen, forebyggelsespyramiden og "
                    "de tværfaglige arbejdsformer. Derefter kan du vælge "
                    "<b>tilvalgsmoduler</b> efter behov:</p><ul><li>Lovgivning og "
                    "informationsudveksling</li><li>Digital kriminalitet blandt "
                    "unge</li><li>Bander og rekruttering af unge</li><li>SSP+ og de "
                    "18-25-årige</li></ul><p>Hvert modul består af online lektioner, "
                    "som du kan tage i dit eget tempo, og af opgaver, der kobler "
                    "stoffet til din egen praksis.</p>"
                ),
            ),
            ("heading", {"text": "Hold i din politikreds", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Uddannelsen er organiseret med hold i hver politikreds. Du "
                    "mødes derfor med kolleger fra de kommuner og den politikreds, du "
                    "samarbejder med i hverdagen. Det styrker netværket på tværs af "
                    "kommunegrænser og sektorer og gør det lettere at omsætte det "
                    "lærte til fælles praksis.</p>"
                ),
            ),
            ("heading", {"text": "Webinarer og netværk", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Ud over modulerne afholdes der webinarer med oplæg fra "
                    "forskere, praktikere og politiet om aktuelle temaer. På "
                    "platformen finder du også faglige netværk, hvor du kan udveksle "
                    "erfaringer og stille spørgsmål til kolleger – altid uden "
                    "personoplysninger om børn og borgere.</p>"
                ),
            ),
            ("heading", {"text": "Evaluering", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Efter hvert modul og webinar bliver du bedt om at evaluere "
                    "forløbet. Evalueringerne bruges til løbende at forbedre indhold "
                    "og form. Besvarelserne behandles samlet, og du skal ikke skrive "
                    "oplysninger om konkrete sager eller personer.</p>"
                ),
            ),
            (
                "callout",
                {
                    "kind": "info",
                    "heading": "Tilmelding",
                    "text": (
                        "<p>Tilmelding sker gennem SSP-kontaktpersonen i din kommune. "
                        "Kontakt din leder eller kommunens SSP-konsulent for at høre "
                        "mere.</p>"
                    ),
                },
            ),
        ],
    },
]
